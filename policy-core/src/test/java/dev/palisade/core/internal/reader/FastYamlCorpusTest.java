package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.ReaderLimits;
import dev.palisade.core.Resource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every YAML file of the repository's fixtures ({@code examples/}, each module's
 * {@code src/test/resources}) and of the shared conformance corpora (Gatekeeper library, Kyverno
 * policies, when present) read both ways: document by document through {@link FastPathOracle}
 * (the fast path declines or agrees with SnakeYAML on tree, positions and {@code items} starts), and
 * file by file through {@link ManifestReader} with the fast path on and off (the same resources,
 * locations, positions of every field, errors and skipped files).
 */
class FastYamlCorpusTest {
    private static final ManifestReader FAST = ManifestReader.create().withFastPath(true);
    private static final ManifestReader SLOW = ManifestReader.create().withFastPath(false);

    private static Path root() {
        String root = System.getProperty("palisade.root", "");
        return Path.of(root.isEmpty() ? ".." : root).toAbsolutePath().normalize();
    }

    private static List<Path> yamlFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase();
                return name.endsWith(".yaml") || name.endsWith(".yml");
            }).sorted().toList();
        }
    }

    /** Counts of one corpus. */
    private static final class Tally {
        int files;
        int handled;
        int declined;
        final List<String> failures = new ArrayList<>();
    }

    @Test
    void repositoryFixturesReadTheSameBothWays() throws IOException {
        Path root = root();
        List<Path> files = new ArrayList<>(yamlFiles(root.resolve("examples")));
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                files.addAll(yamlFiles(module.resolve("src/test/resources")));
            }
        }
        assertTrue(files.size() > 100, "expected the repository's fixtures under " + root + ", found " + files.size());
        Tally tally = compareAll(files);
        report("repository fixtures", tally);
        assertEquals(List.of(), tally.failures, tally.failures.size() + " disagreements");
        assertTrue(tally.handled > tally.declined, "the fast path handled " + tally.handled + ", declined "
                + tally.declined);
    }

    @Test
    void sharedConformanceCorporaReadTheSameBothWays() throws IOException {
        String shared = System.getProperty("palisade.shared", "");
        Path conformance = Path.of(shared.isEmpty() ? "../shared" : shared, "conformance");
        for (String corpus : List.of("gatekeeper-library", "kyverno-policies")) {
            List<Path> files = yamlFiles(conformance.resolve(corpus));
            if (files.isEmpty()) {
                System.out.println(corpus + ": not present at " + conformance + ", not compared");
                continue;
            }
            Tally tally = compareAll(files);
            report(corpus, tally);
            assertEquals(List.of(), tally.failures, corpus + ": " + tally.failures.size() + " disagreements");
            assertTrue(tally.handled > tally.declined, corpus + ": the fast path handled " + tally.handled
                    + ", declined " + tally.declined);
        }
    }

    private static void report(String corpus, Tally tally) {
        System.out.printf("fast path, %s: %d files, %d documents handled, %d declined (read by SnakeYAML), %d"
                + " disagreements%n", corpus, tally.files, tally.handled, tally.declined, tally.failures.size());
    }

    private static Tally compareAll(List<Path> files) throws IOException {
        Tally tally = new Tally();
        for (Path file : files) {
            tally.files++;
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            List<String> documents = new ArrayList<>();
            new YamlStreamSplitter(ReaderLimits.DEFAULTS.maxDocumentBytes(), null, document -> {
                if (document.text() != null) {
                    documents.add(document.text());
                }
            }).split(CharSource.of(text));
            for (int i = 0; i < documents.size(); i++) {
                try {
                    if (FastPathOracle.compare(documents.get(i), ReaderLimits.DEFAULTS) == FastPathOracle.Outcome.HANDLED) {
                        tally.handled++;
                    } else {
                        tally.declined++;
                    }
                } catch (AssertionError e) {
                    tally.failures.add(file + " document " + i + ": " + e.getMessage());
                }
            }
            String difference = readerDifference(file.toString(), text);
            if (difference != null) {
                tally.failures.add(file + ": " + difference);
            }
        }
        return tally;
    }

    /** Where reading a file with the fast path on and off differs, or null. */
    static String readerDifference(String name, String text) {
        Manifests fast = FAST.readString(name, text);
        Manifests slow = SLOW.readString(name, text);
        if (!describe(fast.errors()).equals(describe(slow.errors()))) {
            return "errors " + describe(fast.errors()) + " vs " + describe(slow.errors());
        }
        if (!fast.skipped().toString().equals(slow.skipped().toString())) {
            return "skipped " + fast.skipped() + " vs " + slow.skipped();
        }
        if (fast.resources().size() != slow.resources().size()) {
            return fast.resources().size() + " resources vs " + slow.resources().size();
        }
        for (int i = 0; i < fast.resources().size(); i++) {
            Resource a = fast.resources().get(i);
            Resource b = slow.resources().get(i);
            String tree = FastPathOracle.difference(a.object(), b.object(), "");
            if (tree != null) {
                return "resource " + i + " differs at " + tree;
            }
            if (!a.source().equals(b.source())) {
                return "resource " + i + " at " + a.source() + " vs " + b.source();
            }
            String positions = positions(a, b, a.object(), "");
            if (positions != null) {
                return "resource " + i + ": " + positions;
            }
        }
        return null;
    }

    private static String positions(Resource a, Resource b, JsonNode node, String pointer) {
        if (!a.locate(pointer).equals(b.locate(pointer))) {
            return pointer + " at " + a.locate(pointer) + " vs " + b.locate(pointer);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String d = positions(a, b, field.getValue(),
                        pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"));
                if (d != null) {
                    return d;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String d = positions(a, b, node.get(i), pointer + "/" + i);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private static List<String> describe(List<EvaluationError> errors) {
        return errors.stream().map(e -> e.location() + " " + e.message()).toList();
    }
}
