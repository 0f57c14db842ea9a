package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.palisade.core.ReaderLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Text in memory is split and parsed in one pass (the fast path finds where each document ends while it
 * reads it, {@link FastYamlParser#parseNext}), with the splitter ({@link YamlStreamSplitter#splitOne})
 * taking over for one document wherever the fast path declines or the document is over the size limit.
 * These properties check that the documents found that way — indices, first lines, offsets, texts, and
 * for the splitter's documents their template markup and characters — are exactly the splitter's over
 * the whole text, on generated multi-document streams
 * (markers with and without comments, {@code ...}, directives, comments and blank lines between
 * documents, {@code ---} and {@code ...} inside block scalars, byte-order marks, CRLF and tabs in some
 * documents, template markup) and on YAML-shaped noise, whichever documents are declined and whatever
 * the size limit; and that readers with the fast path on and off read such streams alike.
 */
class OnePassStreamProperties {

    /** One document as found; {@code markup} is null where the scanner found it (it does not tell). */
    private record Doc(int index, int firstLine, long start, long end, boolean tooLarge, Boolean markup,
            boolean fastPathCharacters, String text) {

        static Doc of(DocumentText d) {
            return new Doc(d.index(), d.firstLine(), d.start(), d.end(), d.tooLarge(), d.templateMarkup(),
                    d.fastPathCharacters(), d.text());
        }
    }

    /** The documents of the whole text as the splitter cuts them. */
    private static List<Doc> splitter(String text, long limit) throws IOException {
        List<Doc> out = new ArrayList<>();
        new YamlStreamSplitter(limit, null, d -> out.add(Doc.of(d))).splitText(text);
        return out;
    }

    /**
     * The documents as the one-pass reading finds them (as {@code DocumentParser} reads text in memory):
     * the fast path's ({@link FastYamlParser#parseNext}), and the splitter's where it takes over;
     * {@code declined} picks documents the fast path read that are taken as declined all the same.
     */
    private static List<Doc> onePass(String text, long limit, Random declined) {
        List<Doc> out = new ArrayList<>();
        ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxDocumentBytes(limit);
        char[] chars = new char[text.length() + 2];
        text.getChars(0, text.length(), chars, 0);
        int start = 0;
        int line = 1;
        int index = 0;
        while (start < text.length()) {
            FastYamlParser.Next next = FastYamlParser.parseNext(chars, start, text.length(), limits);
            boolean tooLarge = next != null && DocumentParser.utf8Length(text, start, next.end(), limit) > limit;
            if (next != null && next.end() > start && !tooLarge && !declined.nextBoolean()) {
                if (next.counted()) {
                    out.add(new Doc(index, line, start, next.end(), false, null, true,
                            text.substring(start, next.end())));
                    index++;
                }
                start = next.end();
                line += next.lines();
                continue;
            }
            YamlStreamSplitter splitter = new YamlStreamSplitter(limit, null, d -> out.add(Doc.of(d)));
            if (!splitter.splitOne(text, start, line, index)) {
                return out;
            }
            start = splitter.nextStart();
            line = splitter.nextLine();
            index = splitter.nextIndex();
        }
        return out;
    }

    private static void assertSameDocuments(String text, long limit, long seed) throws IOException {
        List<Doc> expected = splitter(text, limit);
        List<Doc> actual = onePass(text, limit, new Random(seed));
        assertEquals(expected.size(), actual.size(), () -> "documents of:\n" + text + "\n" + expected + "\n" + actual);
        for (int i = 0; i < expected.size(); i++) {
            Doc want = expected.get(i);
            Doc got = actual.get(i);
            if (got.markup() == null) {
                want = new Doc(want.index(), want.firstLine(), want.start(), want.end(), want.tooLarge(), null,
                        want.fastPathCharacters(), want.text());
            }
            assertEquals(want, got, "document " + i + " (limit " + limit + ") of:\n" + text);
        }
    }

    /** A stream of generated documents with every kind of separator and some odd characters. */
    static String stream(long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        if (random.nextInt(10) == 0) {
            out.append('\uFEFF');
        }
        int documents = 1 + random.nextInt(5);
        for (int d = 0; d < documents; d++) {
            switch (random.nextInt(12)) {
                case 0 -> out.append("# between\n");
                case 1 -> out.append("\n\n");
                case 2 -> out.append("%YAML 1.1\n");
                case 3 -> out.append("  # indented comment\n");
                default -> {
                }
            }
            if (d > 0 || random.nextBoolean()) {
                out.append(List.of("---\n", "--- # c\n", "---\n", "--- \n", "---\t\n", "...\n---\n", "...\n", "---",
                        "---\n---\n", "--- |\n  text\n", "--- a: b\n", "----\n", "--\n").get(random.nextInt(13)));
                if (out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
            }
            String document = new YamlTextGenerator(seed * 31 + d).document();
            switch (random.nextInt(16)) {
                case 0 -> document = document.replace("\n", "\r\n");
                case 1 -> document = document.replaceFirst("  ", "\t");
                case 2 -> document = document + "script: |\n  a\n---\n  b\n";
                case 3 -> document = document + "script: |\n  ---\n  ...\n";
                case 4 -> document = document + "tpl: {{ .Values.x }}\n";
                case 5 -> document = document + "x: \u2028y\n";
                case 6 -> document = document + "q: \"{{ quoted }}\" # {{ comment }}\n";
                case 7 -> document = document + "big: " + "x".repeat(random.nextInt(300)) + "\n";
                case 8 -> document = document + "...\n";
                case 9 -> document = document + "... # done\n";
                case 10 -> document = document.stripTrailing();
                default -> {
                }
            }
            out.append(document);
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n' && d < documents - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    @Property(tries = 1500)
    void findsTheSplittersDocuments(@ForAll long seed, @ForAll @IntRange(min = 1, max = 600) int limit)
            throws IOException {
        String text = stream(seed);
        assertSameDocuments(text, Long.MAX_VALUE, seed);
        assertSameDocuments(text, limit, seed);
        assertSameDocuments(text, Long.MAX_VALUE, ~seed);
    }

    @Property(tries = 1500)
    void findsTheSplittersDocumentsInNoise(@ForAll("noise") String text, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int limit) throws IOException {
        assertSameDocuments(text, Long.MAX_VALUE, seed);
        assertSameDocuments(text, limit, seed);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of("---", "...", "--- x", "---\t", "....", "--", "\n", "\n", "\n", "\r\n", "\r", "\u0085",
                "\u2028", " ", "  ", "\t", "#", " #", "'", "\"", "{", "{{", "}", "a: b", "key", "- ", "é", "日本",
                "%YAML 1.1", "%", "ab cd", "\uFEFF", "\u0001", "|\n  ---\n")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    /** Whole streams through ManifestReader, fast path on and off: the same resources, positions, errors. */
    @Property(tries = 600)
    void readersWithAndWithoutTheFastPathReadStreamsAlike(@ForAll long seed) {
        String text = stream(seed);
        assertNull(FastYamlCorpusTest.readerDifference("stream.yaml", text), text);
        assertNull(FastYamlCorpusTest.readerDifference("stream.txt", text), text);
    }

    @Example
    void documentsAfterOneTheFastPathDeclinesAreStillFoundInOnePass() throws IOException {
        String text = "a: 1\n---\nb: &x 2\nc: *x\n---\nd: 3\n...\n# done\n";
        for (long seed = 0; seed < 16; seed++) {
            assertSameDocuments(text, Long.MAX_VALUE, seed);
        }
        assertEquals(3, onePass(text, Long.MAX_VALUE, new Random(1)).size());
        assertNull(FastYamlCorpusTest.readerDifference("declined.yaml", text));
    }

    /** Never takes a document as declined: only what the fast path itself declines goes to the splitter. */
    private static final class NeverDeclined extends Random {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean nextBoolean() {
            return false;
        }
    }

    /** Which documents of the one pass the fast path read ({@code F}) and which the splitter cut ({@code S}). */
    private static String readers(String text) throws IOException {
        assertSameDocuments(text, Long.MAX_VALUE, 0);
        List<Doc> documents = onePass(text, Long.MAX_VALUE, new NeverDeclined());
        assertEquals(splitter(text, Long.MAX_VALUE).size(), documents.size());
        assertNull(FastYamlCorpusTest.readerDifference("cases.yaml", text), text);
        StringBuilder out = new StringBuilder();
        for (Doc document : documents) {
            out.append(document.index()).append(document.markup() == null ? "F" : "S").append(document.firstLine())
                    .append(' ');
        }
        return out.toString().trim();
    }

    @Example
    void documentEndsAndWhoReadsEachDocument() throws IOException {
        // a "---" at column 0 ends a block scalar and its document
        assertEquals("0F1 1F2 2F5", readers("a: 1\n---\nscript: |\n  x\n---\n  y\n"));
        // "..." closes a document at the end of its line; the comments after it are a slice without content
        assertEquals("0F1 1F2", readers("a: 1\n--- # c\nb: 2\n... # end\n# trailing\n"));
        // a document with CRLF is the splitter's and SnakeYAML's; the fast path reads the ones after it
        assertEquals("0S1 1F3 2F5", readers("a: 1\r\nb: 2\r\n---\nc: 3\n---\nd: 4\n"));
        // a byte-order mark, a tab, a directive: the same
        assertEquals("0S1 1F2", readers("\uFEFFa: 1\n---\nb: 2\n"));
        assertEquals("0F1 1S2 2F4", readers("a: 1\n---\nb:\t2\n---\nc: 3\n"));
        assertEquals("0S1 1F5", readers("# head\n%YAML 1.1\n---\na: 1\n---\nb: 2\n"));
        // comments and blank lines before a "---" belong to the document before it; "---" alone is a document
        assertEquals("0F1 1F5 2F6", readers("a: 1\n\n# about b\n\n---\n---\nb: 2\n"));
        // a "---" not followed by a blank is no marker, and "---" at the very end is one
        assertEquals("0F1 1F3", readers("a: 1\n---x: 2\n---"));
    }
}
