package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link YamlStreamSplitter} takes runs of ordinary characters whole, and cuts documents out of text
 * already in memory ({@code splitText}); these properties compare both with the same splitter taking
 * every character one at a time, on generated YAML, on YAML-shaped noise
 * (quotes, braces, comments, markers, line ends of every kind, non-ASCII) and on bytes with invalid
 * UTF-8, with document-size limits small enough to be hit mid-run: the same documents, lines, offsets,
 * texts, limits, invalid bytes and template markup; and each document says rightly whether the fast
 * path reads all its characters.
 */
class SplitterRunsProperties {

    private static List<String> split(String text, boolean charByChar, long limit) throws IOException {
        List<String> out = new ArrayList<>();
        YamlStreamSplitter splitter = new YamlStreamSplitter(limit, null, document -> out.add(describe(document)));
        splitter.charByChar = charByChar;
        splitter.split(CharSource.of(text));
        out.add("markup=" + splitter.templateMarkup());
        if (!charByChar) {
            // text in memory, cut rather than copied, gives the same documents
            List<String> cut = new ArrayList<>();
            YamlStreamSplitter inMemory = new YamlStreamSplitter(limit, null, document -> cut.add(describe(document)));
            inMemory.splitText(text);
            cut.add("markup=" + inMemory.templateMarkup());
            assertEquals(out, cut, "splitText");
        }
        return out;
    }

    private static List<String> splitBytes(byte[] bytes, boolean charByChar, long limit) throws IOException {
        List<String> out = new ArrayList<>();
        InputDecoder decoder = InputDecoder.open(new ByteArrayInputStream(bytes), Long.MAX_VALUE);
        YamlStreamSplitter splitter = new YamlStreamSplitter(limit, decoder.malformed(),
                document -> out.add(describe(document)));
        splitter.charByChar = charByChar;
        splitter.split(decoder);
        return out;
    }

    private static String describe(DocumentText d) {
        if (d.text() != null) {
            boolean readable = d.text().chars().allMatch(c -> FastYamlParser.readsCharacter((char) c));
            assertEquals(readable, d.fastPathCharacters(), "whether the fast path reads every character of:\n"
                    + d.text());
        }
        return d.fastPathCharacters() + " " + d.index() + " " + d.firstLine() + ":" + d.firstColumn() + " [" + d.start() + "," + d.end() + ") "
                + d.tooLarge() + " " + d.invalidBytes() + " " + d.templateMarkup() + " " + d.text();
    }

    @Property(tries = 1500)
    void runsSplitLikeOneCharacterAtATime(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int limit)
            throws IOException {
        String text = new YamlTextGenerator(seed).document() + "---\n" + new YamlTextGenerator(seed + 1).document();
        assertEquals(split(text, true, Long.MAX_VALUE), split(text, false, Long.MAX_VALUE));
        assertEquals(split(text, true, limit), split(text, false, limit));
    }

    @Property(tries = 1500)
    void runsSplitNoiseLikeOneCharacterAtATime(@ForAll("noise") String text,
            @ForAll @IntRange(min = 1, max = 60) int limit) throws IOException {
        assertEquals(split(text, true, Long.MAX_VALUE), split(text, false, Long.MAX_VALUE));
        assertEquals(split(text, true, limit), split(text, false, limit));
    }

    @Property(tries = 500)
    void runsKeepInvalidBytesWhereTheyAre(@ForAll("noise") String text, @ForAll @IntRange(min = 0, max = 200) int at,
            @ForAll @IntRange(min = 1, max = 60) int limit) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int cut = Math.min(at, utf8.length);
        byte[] bytes = new byte[utf8.length + 2];
        System.arraycopy(utf8, 0, bytes, 0, cut);
        bytes[cut] = (byte) 0xC3;
        bytes[cut + 1] = (byte) 0x28;
        System.arraycopy(utf8, cut, bytes, cut + 2, utf8.length - cut);
        assertEquals(splitBytes(bytes, true, Long.MAX_VALUE), splitBytes(bytes, false, Long.MAX_VALUE));
        assertEquals(splitBytes(bytes, true, limit), splitBytes(bytes, false, limit));
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of("---", "...", "--- x", "\n", "\r\n", "\r", "\u0085", "\u2028", " ", "  ", "\t", "#", " #",
                "'", "\"", "\\\"", "{", "{{", "}", "a: b", "key", "- ", "é", "日本", "%YAML 1.1", "ab cd ef gh ij kl")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
    }
}
