package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
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
 * The reader's permanent adversarial suite: random bytes, truncations and mutations of real
 * manifests, and YAML-shaped noise go through the streaming reader (file names that say YAML, JSON
 * or nothing, a byte at a time or in blocks) and must give resources or errors located in the file,
 * never an exception, and every resource's field positions must be answerable. CI runs each
 * property briefly (the tries below); raise them locally with {@code -Djqwik.tries.default}.
 */
class ReaderAdversarialTest {
    private static final String SEED = """
            # a realistic stream
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: "web \\u00e9\\x41"
              labels: {app: web, tier: 'front'}
              annotations:
                note: |
                  multi
                  line \uD83D\uDE00
            spec:
              replicas: 0x1F
              base: &base {cpu: 100m, memory: 64Mi}
              template:
                spec:
                  containers:
                    - name: app
                      image: nginx:1.25
                      resources:
                        limits:
                          <<: *base
                          cpu: 200m
                      args: [--a, "--b=c", ? x]
            ---
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: one}, data: {k: !!str 1}}
              - apiVersion: v1
                kind: Secret
                metadata: {name: two}
                stringData: {password: >-
                    folded
                    text}
            ...
            %YAML 1.1
            ---
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "json-ish"}}
            """;
    private static final String JSON_SEED = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a\\u00e9"}, "data": {"k": "v"}},
              {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b"}, "spec": {"containers": [1, 2.5e3, true, null]}}
            ]}
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "c"}}
            """;
    private static final String[] NAMES = {"input.yaml", "input.json", ManifestReader.STDIN_NAME, "input"};

    private final ManifestReader reader = ManifestReader.create();
    private final ManifestReader smallReader = ManifestReader.create(ReaderLimits.DEFAULTS.withMaxDocumentBytes(300)
            .withMaxDepth(8).withMaxAliasNodes(20));

    /** Reads and checks the outcome; returns it for further checks. */
    private static Manifests readChecked(ManifestReader reader, String name, byte[] input, boolean oneByteAtATime) {
        List<Resource> resources = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        List<Manifests.SkippedFile> skipped = new ArrayList<>();
        InputStream in = oneByteAtATime ? new OneByteAtATime(input) : new ByteArrayInputStream(input);
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
        int lines = 1;
        for (byte b : input) {
            // LF, CR, and the bytes that end NEL, LS and PS in UTF-8 (or stand for them in UTF-16).
            if (b == '\n' || b == '\r' || (b & 0xFF) == 0x85 || (b & 0xFF) == 0xA8 || (b & 0xFF) == 0xA9
                    || b == 0x28 || b == 0x29) {
                lines++;
            }
        }
        for (EvaluationError error : errors) {
            assertEquals(name, error.location().file(), error.toString());
            assertTrue(error.location().line() >= 1 && error.location().line() <= lines + 1, error.toString());
            assertTrue(error.location().column() >= 1, error.toString());
            assertFalse(error.message().isBlank());
            assertFalse(error.message().contains("Exception:"), "no exception text: " + error.message());
        }
        for (Resource resource : resources) {
            assertTrue(resource.object().isObject());
            assertEquals(name, resource.source().file());
            assertTrue(resource.source().line() >= 1);
            resource.locate("/metadata/name");
            resource.locate("/spec/template/spec/containers/0/resources/limits/cpu");
            resource.locate("/nope/0/~1");
        }
        for (Manifests.SkippedFile file : skipped) {
            assertEquals(name, file.file());
        }
        return new Manifests(resources, errors, skipped);
    }

    @Property(tries = 200)
    void randomBytesGiveLocatedErrorsOrDocuments(@ForAll("bytes") byte[] input, @ForAll @IntRange(max = 3) int name,
            @ForAll boolean oneByteAtATime) {
        readChecked(reader, NAMES[name], input, oneByteAtATime);
    }

    @Property(tries = 200)
    void everyTruncationOfARealStreamGivesLocatedErrorsOrDocuments(@ForAll @IntRange(max = 100_000) int cut,
            @ForAll boolean json, @ForAll @IntRange(max = 3) int name) {
        byte[] full = (json ? JSON_SEED : SEED).getBytes(StandardCharsets.UTF_8);
        int at = cut % (full.length + 1);
        byte[] input = java.util.Arrays.copyOf(full, at);
        readChecked(reader, NAMES[name], input, false);
        readChecked(smallReader, NAMES[name], input, true);
    }

    @Property(tries = 300)
    void mutatedStreamsGiveLocatedErrorsOrDocuments(@ForAll("mutations") List<int[]> mutations, @ForAll boolean json,
            @ForAll @IntRange(max = 3) int name) {
        byte[] input = mutate((json ? JSON_SEED : SEED).getBytes(StandardCharsets.UTF_8), mutations);
        readChecked(reader, NAMES[name], input, false);
        readChecked(smallReader, NAMES[name], input, false);
    }

    @Property(tries = 150)
    void yamlShapedNoiseGivesLocatedErrorsOrDocuments(@ForAll("noise") String text, @ForAll boolean utf16) {
        byte[] input;
        if (utf16) {
            byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
            input = new byte[body.length + 2];
            input[0] = (byte) 0xFF;
            input[1] = (byte) 0xFE;
            System.arraycopy(body, 0, input, 2, body.length);
        } else {
            input = text.getBytes(StandardCharsets.UTF_8);
        }
        readChecked(reader, "noise.yaml", input, false);
        readChecked(smallReader, ManifestReader.STDIN_NAME, input, true);
    }

    @Property(tries = 80)
    void theSameTextReadsTheSameWhateverTheBlockSizes(@ForAll("mutations") List<int[]> mutations) {
        byte[] input = mutate(SEED.getBytes(StandardCharsets.UTF_8), mutations);
        Manifests blocks = readChecked(reader, "same.yaml", input, false);
        Manifests bytes = readChecked(reader, "same.yaml", input, true);
        assertEquals(blocks.errors(), bytes.errors());
        assertEquals(blocks.resources().stream().map(Resource::object).toList(),
                bytes.resources().stream().map(Resource::object).toList());
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(600),
                Arbitraries.bytes().between((byte) 0x09, (byte) 0x7E).array(byte[].class).ofMaxSize(600),
                Arbitraries.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xFE, (byte) 0xFF, (byte) 0, (byte) '{',
                        (byte) '"', (byte) 'a', (byte) '\n', (byte) 0xC3, (byte) 0xA9, (byte) 0xF0, (byte) 0x9F)
                        .array(byte[].class).ofMaxSize(300));
    }

    /** Byte edits: position, kind (0 delete, 1 insert, 2 replace), byte. */
    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> edit = Arbitraries.integers().between(0, 1_000_000).flatMap(position ->
                Arbitraries.integers().between(0, 2).flatMap(kind ->
                        Arbitraries.oneOf(Arbitraries.integers().between(0, 255),
                                        Arbitraries.of((int) ':', (int) '-', (int) '\n', (int) ' ', (int) '"',
                                                (int) '\'', (int) '\\', (int) '&', (int) '*', (int) '<', (int) '[',
                                                (int) '{', (int) '!', (int) '|', (int) '#', (int) '\t', (int) '%'))
                                .map(value -> new int[] {position, kind, value})));
        return edit.list().ofMinSize(1).ofMaxSize(8);
    }

    private static byte[] mutate(byte[] input, List<int[]> mutations) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] current = input;
        for (int[] edit : mutations) {
            int at = current.length == 0 ? 0 : edit[0] % current.length;
            out.reset();
            out.write(current, 0, at);
            if (edit[1] == 1) {
                out.write(edit[2]);
                out.write(current, at, current.length - at);
            } else if (edit[1] == 2 && at < current.length) {
                out.write(edit[2]);
                out.write(current, at + 1, current.length - at - 1);
            } else if (at < current.length) {
                out.write(current, at + 1, current.length - at - 1);
            }
            current = out.toByteArray();
        }
        return current;
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> token = Arbitraries.of("a", "b: ", "- ", "---\n", "...\n", "\n", "  ", "\t", "\"", "'", "\\x",
                "\\u12", "\\U0001F6", "{", "}", "[", "]", ", ", "? ", "&a ", "*a", "<<: ", "!!int ", "!foo ", "|\n",
                ">-\n", "# c\n", "%YAML 1.1\n", "\uD83D\uDE00", "\uD83D", "\u00e9", "\r", "\r\n", "\u2028", "\u0085",
                "\uFEFF", "apiVersion: v1\n", "kind: List\n", "items:\n", "0x1F", "~", "{{ .Values.x }}", "\0");
        return token.list().ofMaxSize(80).map(tokens -> String.join("", tokens));
    }

    /** A stream that hands out one byte per read, as a slow pipe does. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] data;
        private int position;

        OneByteAtATime(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= data.length) {
                return -1;
            }
            b[off] = data[position++];
            return 1;
        }
    }
}
