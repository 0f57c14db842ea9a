package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.ReaderLimits;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * The fast path against SnakeYAML on generated documents ({@link YamlTextGenerator}): every document
 * is either declined or read into exactly the tree, positions and {@code items} starts that SnakeYAML
 * gives ({@link FastPathOracle}); a document the fast path reads is never one SnakeYAML rejects.
 */
class FastYamlPathProperties {

    @Property(tries = 4000)
    void fastPathAgreesWithSnakeYamlOrDeclines(@ForAll long seed) {
        String text = new YamlTextGenerator(seed).document();
        Statistics.collect(FastPathOracle.compare(text, ReaderLimits.DEFAULTS));
    }

    /** Whole streams through ManifestReader, fast path on and off: the same resources, positions, errors. */
    @Property(tries = 800)
    void readersWithAndWithoutTheFastPathAgree(@ForAll long seed) {
        String text = new YamlTextGenerator(seed).document() + "\n---\n" + new YamlTextGenerator(seed ^ 0x5DEECE66DL).document();
        assertNull(FastYamlCorpusTest.readerDifference("generated.yaml", text), text);
    }

    @Property(tries = 600)
    void depthLimitsAreLeftToSnakeYaml(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int depth) {
        String text = new YamlTextGenerator(seed).document();
        Statistics.collect(FastPathOracle.compare(text, ReaderLimits.DEFAULTS.withMaxDepth(depth)));
    }

    /**
     * The generator's documents are mostly within the subset, so the comparison above exercises the
     * fast path: of the documents SnakeYAML reads, the fast path reads most.
     */
    @Example
    void mostGeneratedDocumentsSnakeYamlReadsAreHandled() {
        int handled = 0;
        int valid = 0;
        for (long seed = 0; seed < 3000; seed++) {
            String text = new YamlTextGenerator(seed).document();
            if (FastPathOracle.compare(text, ReaderLimits.DEFAULTS) == FastPathOracle.Outcome.HANDLED) {
                handled++;
                valid++;
            } else if (FastPathOracle.snakeYamlReads(text, ReaderLimits.DEFAULTS)) {
                valid++;
            }
        }
        assertTrue(valid > 500 && handled * 2 > valid, "the fast path handled " + handled + " of the " + valid
                + " documents SnakeYAML reads");
    }
}
