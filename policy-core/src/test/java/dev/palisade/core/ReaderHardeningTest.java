package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs that used to abort a read, encodings, and limits enforced while streaming. */
class ReaderHardeningTest {
    private final ManifestReader reader = ManifestReader.create();

    static byte[] bytes(String fixture) {
        try (InputStream in = ReaderHardeningTest.class.getResourceAsStream("/reader/" + fixture)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads bytes as a file stream would arrive. */
    static Manifests stream(ManifestReader reader, String name, InputStream in) {
        List<Resource> resources = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        List<Manifests.SkippedFile> skipped = new ArrayList<>();
        reader.readStream(name, in, new ManifestSink() {
            @Override
            public void resource(Resource resource) {
                resources.add(resource);
            }

            @Override
            public void error(EvaluationError error) {
                errors.add(error);
            }

            @Override
            public void skipped(Manifests.SkippedFile file) {
                skipped.add(file);
            }
        });
        return new Manifests(resources, errors, skipped);
    }

    private Manifests stream(String fixture) {
        return stream(reader, fixture, new ByteArrayInputStream(bytes(fixture)));
    }

    @Test
    void aTruncatedEscapeIsALocatedErrorNotANumberFormatException() {
        Manifests read = stream("fuzz/truncated-escape.fail.yaml");
        assertEquals(List.of(), read.resources());
        assertEquals(1, read.errors().size(), read.errors().toString());
        EvaluationError error = read.errors().get(0);
        assertEquals("fuzz/truncated-escape.fail.yaml", error.location().file());
        assertEquals(6, error.location().line());
        assertTrue(error.message().contains("escape"), error.message());
        assertTrue(error.message().contains("hexadecimal"), error.message());
        assertTrue(error.message().indexOf('\0') < 0, "no NUL characters in the message");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneAcrossSnakeYamlsBufferBoundaryReads() {
        Manifests read = stream("fuzz/non-bmp-at-buffer-boundary.yaml");
        assertEquals(List.of(), read.errors());
        assertEquals(2, read.resources().size());
        String text = read.resources().get(0).object().at("/data/text").textValue();
        assertTrue(text.endsWith("x\uD83D\uDE00"), text.substring(text.length() - 4));
        assertEquals("after", read.resources().get(1).id().name());
        // Every position of the character around the old boundary.
        for (int length = 1000; length < 1050; length++) {
            String document = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: " + "y".repeat(length - 40)
                    + "\uD83D\uDE00\uD83D\uDE01 tail\n";
            Manifests manifests = reader.readString("b.yaml", document);
            assertEquals(List.of(), manifests.errors(), "length " + length);
            assertTrue(manifests.resources().get(0).object().at("/data/a").textValue().endsWith("\uD83D\uDE01 tail"));
        }
    }

    @Test
    void invalidUtf8IsAnErrorAtItsLineAndTheOtherDocumentsAreRead() {
        Manifests read = stream("encodings/invalid-utf8.fail.yaml");
        assertEquals(List.of("first", "third"), read.resources().stream().map(r -> r.id().name()).toList());
        assertEquals(1, read.errors().size(), read.errors().toString());
        EvaluationError error = read.errors().get(0);
        assertEquals(new SourceLocation("encodings/invalid-utf8.fail.yaml", 1, 11, 10), error.location());
        assertTrue(error.message().contains("0xFC"), error.message());
        assertTrue(error.message().contains("not valid UTF-8"), error.message());
        assertTrue(error.message().contains("save the file as UTF-8"), error.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf16le-bom.yaml", "utf16be-bom.yaml", "utf32le-bom.yaml", "utf32be-bom.yaml",
            "utf8-bom.yaml"})
    void filesWithAByteOrderMarkAreDecoded(String fixture) {
        Manifests read = stream("encodings/" + fixture);
        assertEquals(List.of(), read.errors());
        Resource resource = read.resources().get(0);
        assertEquals("powershell", resource.id().name());
        assertEquals("Z\u00fcrich \uD83D\uDE00", resource.object().at("/data/city").textValue());
        assertEquals(new SourceLocation("encodings/" + fixture, 0, 6, 3), resource.locate("/data/city"));
    }

    @Test
    void utf16WithoutAByteOrderMarkIsNamed() {
        Manifests read = stream("encodings/utf16le-no-bom.fail.yaml");
        assertEquals(List.of(), read.resources());
        assertEquals(1, read.errors().size());
        assertTrue(read.errors().get(0).message().startsWith("file looks like UTF-16 without a byte-order mark"),
                read.errors().get(0).message());
        assertEquals(1, read.errors().get(0).location().line());
    }

    @Test
    void anEndlessStreamOfZerosEndsAtOnceWithALocatedError() {
        InputStream zeros = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 0);
                return len;
            }
        };
        Manifests read = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> stream(reader, "<stdin>", zeros),
                "a hang guard, not a timing bound");
        assertEquals(1, read.errors().size());
        assertEquals(new SourceLocation("<stdin>", 0, 1, 1), read.errors().get(0).location());
        assertTrue(read.errors().get(0).message().contains("NUL bytes"), read.errors().get(0).message());
    }

    @Test
    void aStreamOverTheFileLimitStopsThereAfterReadingWhatCameBefore() {
        ManifestReader small = ManifestReader.create(ReaderLimits.DEFAULTS.withMaxFileBytes(64 * 1024));
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 200 * 1024; i++) {
            text.append("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n").append(i).append('\n');
        }
        Manifests read = stream(small, "big.yaml", new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, read.errors().size());
        assertTrue(read.errors().get(0).message().contains("--max-file-bytes"), read.errors().toString());
        assertTrue(read.resources().size() > 100, "documents before the limit are read: " + read.resources().size());
    }

    @Test
    void anOversizedDocumentIsDroppedWhileSplittingAndTheNextOneIsRead() {
        ManifestReader small = ManifestReader.create(ReaderLimits.DEFAULTS.withMaxDocumentBytes(1024));
        String text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: \"" + "\u00e9".repeat(2000) + "\"\n"
                + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: next\n";
        Manifests read = stream(small, "docs.yaml", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("next"), read.resources().stream().map(r -> r.id().name()).toList());
        assertEquals(new SourceLocation("docs.yaml", 0, 1, 1), read.errors().get(0).location());
        assertTrue(read.errors().get(0).message().contains("--max-document-bytes"));
    }

    @Test
    void aLongSingleScalarReads() {
        // The old window copy made this quadratic (3 MiB: 13.9 s, 888 MB); the guard only stops a hang.
        String plain = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: " + "z".repeat(3 * 1024 * 1024 - 100) + "\n";
        String quoted = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: \"" + "q".repeat(3 * 1024 * 1024 - 100) + "\"\n";
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String text : List.of(plain, quoted)) {
                Manifests read = stream(reader, "long.yaml", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
                assertEquals(List.of(), read.errors());
                assertEquals(3 * 1024 * 1024 - 100, read.resources().get(0).object().at("/data/a").textValue().length());
            }
        }, "a hang guard, not a timing bound");
    }

    @Test
    void jsonStreamsSplitIntoValuesWithFileLines() {
        String text = "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"a\"}}\n"
                + "  {\"apiVersion\": \"v1\",\n   \"kind\": \"Namespace\",\n   \"metadata\": {\"name\": \"b\"}}\n"
                + "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\" \"x\": 1}\n";
        Manifests read = stream(reader, ManifestReader.STDIN_NAME, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("a", "b"), read.resources().stream().map(r -> r.id().name()).toList());
        assertEquals(new SourceLocation(ManifestReader.STDIN_NAME, 1, 2, 3), read.resources().get(1).source());
        assertEquals(new SourceLocation(ManifestReader.STDIN_NAME, 1, 4, 17), read.resources().get(1).locate("/metadata/name"));
        assertEquals(1, read.errors().size());
        assertEquals(5, read.errors().get(0).location().line());
    }

    @Test
    void aFileThatIsNotJsonAtAllIsNotAKubernetesObjectUnlessStrict() {
        Manifests lenient = reader.readString("page.json", "4xx page\n");
        assertEquals(List.of(), lenient.errors());
        assertEquals(Manifests.SkippedFile.Category.NOT_KUBERNETES, lenient.skipped().get(0).category());
        Manifests strict = reader.withStrict(true).readString("page.json", "4xx page\n");
        assertEquals(1, strict.errors().size());
        assertTrue(strict.errors().get(0).message().startsWith("invalid JSON"), strict.errors().toString());
    }
}
