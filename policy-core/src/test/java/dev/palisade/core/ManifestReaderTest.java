package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    private final ManifestReader reader = ManifestReader.create();

    static String fixture(String name) {
        try (InputStream in = ManifestReaderTest.class.getResourceAsStream("/reader/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifests read(String fixture) {
        return reader.readString(fixture, fixture(fixture));
    }

    /** One-based line and column of the first {@code needle} on the one-based {@code line} of the text. */
    static SourceLocation at(String file, int document, String text, int line, String needle) {
        String lineText = text.split("\r?\n", -1)[line - 1];
        int index = lineText.indexOf(needle);
        assertTrue(index >= 0, () -> needle + " not on line " + line + ": " + lineText);
        return new SourceLocation(file, document, line, index + 1);
    }

    private static List<String> names(Manifests manifests) {
        return manifests.resources().stream().map(r -> r.id().name()).toList();
    }

    @Test
    void malformedDocumentMidStreamIsReportedAndTheOthersAreRead() {
        Manifests manifests = read("malformed-middle-document.fail.yaml");
        assertEquals(List.of("first", "third"), names(manifests));
        assertEquals(1, manifests.errors().size(), manifests.errors().toString());
        EvaluationError error = manifests.errors().get(0);
        assertEquals(new SourceLocation("malformed-middle-document.fail.yaml", 1, 12, 11), error.location());
        assertTrue(error.message().contains("mapping values are not allowed here"), error.message());
        assertTrue(error.message().contains("indentation"), error.message());
        assertEquals(2, manifests.resources().get(1).source().document());
        assertEquals(14, manifests.resources().get(1).source().line());
    }

    @Test
    void duplicateKeyIsAnErrorNamingTheKeyAndBothLines() {
        Manifests manifests = read("duplicate-key.fail.yaml");
        assertTrue(manifests.resources().isEmpty());
        EvaluationError error = manifests.errors().get(0);
        assertEquals(12, error.location().line());
        assertEquals(11, error.location().column());
        assertTrue(error.message().contains("\"image\""), error.message());
        assertTrue(error.message().contains("line 11"), error.message());
    }

    @Test
    void duplicateKeysAfterYamlOneOneResolutionCollide() {
        Manifests manifests = reader.readString("keys.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  yes: a\n  true: b\n");
        assertEquals(1, manifests.errors().size());
        assertTrue(manifests.errors().get(0).message().contains("\"true\""), manifests.errors().toString());
        assertEquals(5, manifests.errors().get(0).location().line());
    }

    @Test
    void documentsWithoutApiVersionAndKindAreSkippedUnlessStrictAndHalfAnObjectIsAnError() {
        Manifests lenient = read("missing-kind.fail.yaml");
        assertEquals(List.of("fine"), names(lenient));
        assertEquals(1, lenient.errors().size(), lenient.errors().toString());
        assertTrue(lenient.errors().get(0).message().contains("has no kind"), lenient.errors().toString());
        assertEquals(List.of(new Manifests.SkippedFile("missing-kind.fail.yaml", "1 document (the first on line 2) not"
                + " Kubernetes objects (no apiVersion and kind); --strict makes this an error",
                Manifests.SkippedFile.Category.NOT_KUBERNETES)), lenient.skipped());

        Manifests manifests = reader.withStrict(true).readString("missing-kind.fail.yaml",
                fixture("missing-kind.fail.yaml"));
        assertEquals(List.of("fine"), names(manifests));
        assertEquals(4, manifests.resources().get(0).source().document());
        assertEquals(13, manifests.resources().get(0).source().line());
        assertEquals(List.of(), manifests.skipped());
        assertEquals(2, manifests.errors().size(), manifests.errors().toString());
        EvaluationError first = manifests.errors().get(0);
        assertEquals(2, first.location().line());
        assertTrue(first.message().contains("no apiVersion and kind"), first.message());
        EvaluationError second = manifests.errors().get(1);
        assertEquals(5, second.location().line());
        assertEquals(1, second.location().document());
        assertTrue(second.message().contains("has no kind"), second.message());
    }

    @Test
    void kindThatYamlReadsAsABooleanIsNamedInTheError() {
        Manifests manifests = reader.readString("y.yaml", "apiVersion: v1\nkind: Y\n---\napiVersion: 2\nkind: Pod\n");
        assertEquals(2, manifests.errors().size());
        assertTrue(manifests.errors().get(0).message().contains("has kind true, not a name"), manifests.errors().toString());
        assertTrue(manifests.errors().get(1).message().contains("has apiVersion 2, not a name"), manifests.errors().toString());
    }

    @Test
    void readDocumentsNeedsNoApiVersionAndThrowsOnMalformedInput() {
        List<YamlDocument> documents = reader.readDocuments("missing-kind.fail.yaml", fixture("missing-kind.fail.yaml"));
        assertEquals(3, documents.size());
        assertTrue(documents.get(0).content().path("settings").path("verbose").booleanValue());
        assertEquals(new SourceLocation("missing-kind.fail.yaml", 0, 3, 3), documents.get(0).locate("/settings/verbose"));
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> reader.readDocuments("bad.yaml", "a: 1\n---\nb: [1, 2\n"));
        assertEquals(3, e.location().orElseThrow().line());
        assertEquals(1, e.location().orElseThrow().document());
    }

    @Test
    void listsAreFlattenedAndItemsKnowTheirLinesAndFieldPositions() {
        String text = fixture("list-of-items.yaml");
        Manifests manifests = read("list-of-items.yaml");
        assertTrue(manifests.errors().isEmpty(), manifests.errors().toString());
        assertEquals(List.of("Service", "Deployment"), manifests.resources().stream().map(r -> r.id().kind()).toList());
        Resource service = manifests.resources().get(0);
        Resource deployment = manifests.resources().get(1);
        assertEquals(at("list-of-items.yaml", 0, text, 4, "apiVersion"), service.source());
        assertEquals(at("list-of-items.yaml", 0, text, 11, "apiVersion"), deployment.source());
        String privileged = "/spec/template/spec/containers/0/securityContext/privileged";
        assertEquals(at("list-of-items.yaml", 0, text, 22, "privileged"), deployment.locate(privileged));
        assertEquals(at("list-of-items.yaml", 0, text, 19, "name"), deployment.locate("/spec/template/spec/containers/0"));
        assertEquals(at("list-of-items.yaml", 0, text, 21, "securityContext"),
                deployment.locate("/spec/template/spec/containers/0/securityContext/runAsUser"),
                "an absent field falls back to its nearest ancestor");
        assertEquals(at("list-of-items.yaml", 0, text, 10, "port"), service.locate("/spec/ports/0"));
        assertEquals(deployment.source(), deployment.locate("/nothing/here"));
    }

    @Test
    void fieldPositionsPointAtKeysAndElementsInBlockAndFlowStyle() {
        String text = fixture("privileged-container.fail.yaml");
        Resource pod = read("privileged-container.fail.yaml").resources().get(0);
        String file = "privileged-container.fail.yaml";
        assertEquals(at(file, 0, text, 2, "apiVersion"), pod.source());
        assertTrue(pod.object().at("/spec/containers/0/securityContext/privileged").booleanValue());
        assertEquals(0, pod.object().at("/spec/containers/0/securityContext/runAsUser").intValue());
        assertEquals(at(file, 0, text, 12, "privileged"), pod.locate("/spec/containers/0/securityContext/privileged"));
        assertEquals(at(file, 0, text, 6, "\"tier\""), pod.locate("/metadata/labels/tier"));
        assertEquals(at(file, 0, text, 6, "app:"), pod.locate("/metadata/labels/app"));
        assertEquals(at(file, 0, text, 14, "name"), pod.locate("/spec/containers/1"));
        assertEquals(at(file, 0, text, 16, "\"3600\""), pod.locate("/spec/containers/1/args/1"));
        assertEquals("3600", pod.object().at("/spec/containers/1/args/1").textValue());
    }

    @Test
    void positionsAreComputedOnceAndSharedSafelyBetweenThreads() throws InterruptedException {
        Resource pod = read("privileged-container.fail.yaml").resources().get(0);
        String pointer = "/spec/containers/0/securityContext/privileged";
        List<SourceLocation> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(start(() -> seen.add(pod.locate(pointer))));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(8, seen.size());
        assertEquals(1, seen.stream().distinct().count());
        assertEquals(12, seen.get(0).line());
    }

    @Test
    void mergeKeysFollowYamlOneOne() {
        Manifests manifests = read("merge-keys.yaml");
        assertTrue(manifests.errors().isEmpty(), manifests.errors().toString());
        JsonNode data = manifests.resources().get(0).object().path("data");
        assertEquals("{\"a\":\"1\",\"b\":\"3\"}", sorted(data.path("overridden")));
        assertEquals("{\"a\":\"1\",\"b\":\"2\",\"c\":\"4\"}", sorted(data.path("many")));
        assertEquals("{\"app\":\"web\",\"tier\":\"front\"}", sorted(data.path("tags")));
        assertFalse(data.path("overridden").has("<<"));
    }

    private static String sorted(JsonNode node) {
        java.util.TreeMap<String, JsonNode> fields = new java.util.TreeMap<>();
        node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }

    @Test
    void documentMarkersInsideIndentedBlockScalarsDoNotSplit() {
        Manifests manifests = read("block-scalar-with-markers.yaml");
        assertTrue(manifests.errors().isEmpty(), manifests.errors().toString());
        assertEquals(List.of("scripts", "second", "third"), names(manifests));
        assertEquals("echo \"---\"\n---\n...\n",
                manifests.resources().get(0).object().path("data").path("script.sh").textValue());
        assertEquals(13, manifests.resources().get(1).source().line());
        assertEquals(2, manifests.resources().get(2).source().document());
    }

    @Test
    void aliasBombStopsQuicklyWithTheSettingToRaise() {
        Manifests manifests = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read("alias-bomb.fail.yaml"));
        assertEquals(List.of("after-the-bomb"), names(manifests));
        EvaluationError error = manifests.errors().get(0);
        assertTrue(error.message().contains("--max-alias-nodes"), error.message());
        assertTrue(error.message().contains("withMaxAliasNodes"), error.message());
        assertTrue(error.location().line() >= 7 && error.location().line() <= 14, error.toString());
    }

    @Test
    void aliasesWithinTheLimitAreExpanded() {
        Manifests manifests = ManifestReader.create(ReaderLimits.DEFAULTS.withMaxAliasNodes(100_000_000))
                .readString("a.yaml", "apiVersion: v1\nkind: X\na: &a [1, 2]\nb: [*a, *a]\n");
        assertEquals("[[1,2],[1,2]]", manifests.resources().get(0).object().path("b").toString());
        Manifests refused = ManifestReader.create(ReaderLimits.DEFAULTS.withMaxAliasNodes(5))
                .readString("a.yaml", "apiVersion: v1\nkind: X\na: &a [1, 2]\nb: [*a, *a]\n");
        assertEquals(4, refused.errors().get(0).location().line());
    }

    @Test
    void deepNestingStopsQuicklyWithTheSettingToRaise() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        Manifests yaml = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> reader.readString("deep.yaml", "apiVersion: v1\nkind: X\ndata: " + deep + "\n---\napiVersion: v1\nkind: Namespace\n"));
        assertEquals(List.of("Namespace"), yaml.resources().stream().map(r -> r.id().kind()).toList());
        assertTrue(yaml.errors().get(0).message().contains("--max-depth"), yaml.errors().toString());
        assertEquals(3, yaml.errors().get(0).location().line());
        Manifests json = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> reader.readString("deep.json", "{\"apiVersion\": \"v1\", \"kind\": \"X\", \"data\": " + deep + "}"));
        assertTrue(json.errors().get(0).message().contains("withMaxDepth"), json.errors().toString());
        Manifests allowed = ManifestReader.create(ReaderLimits.DEFAULTS.withMaxDepth(20_000))
                .readString("deep.yaml", "apiVersion: v1\nkind: X\ndata: " + "[".repeat(300) + "]".repeat(300) + "\n");
        assertTrue(allowed.errors().isEmpty(), allowed.errors().toString());
    }

    @Test
    void documentSizeLimitRejectsOnlyTheLargeDocument() {
        String big = "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: \"" + "x".repeat(200) + "\"\n";
        ManifestReader small = ManifestReader.create(ReaderLimits.DEFAULTS.withMaxDocumentBytes(120));
        Manifests manifests = small.readString("big.yaml", big + "---\napiVersion: v1\nkind: Namespace\n");
        assertEquals(List.of("Namespace"), manifests.resources().stream().map(r -> r.id().kind()).toList());
        EvaluationError error = manifests.errors().get(0);
        assertTrue(error.message().contains("--max-document-bytes"), error.message());
        assertTrue(error.message().contains("withMaxDocumentBytes"), error.message());
        assertEquals(1, error.location().line());
        Manifests json = small.readString("big.json", "{\"apiVersion\": \"v1\", \"kind\": \"X\", \"a\": [\"" + "x".repeat(200) + "\"]}");
        assertTrue(json.errors().get(0).message().contains("--max-document-bytes"), json.errors().toString());
        assertEquals(3L * 1024 * 1024, ReaderLimits.DEFAULTS.maxDocumentBytes());
    }

    @Test
    void fileSizeLimitIsNamedInTheError() {
        ManifestReader small = ManifestReader.create(ReaderLimits.DEFAULTS.withMaxFileBytes(40));
        List<EvaluationError> errors = new ArrayList<>();
        small.readStream("big.yaml", new ByteArrayInputStream(fixture("list-of-items.yaml").getBytes(StandardCharsets.UTF_8)),
                sink(new ArrayList<>(), errors));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().contains("--max-file-bytes"), errors.get(0).message());
        assertTrue(errors.get(0).message().contains("withMaxFileBytes"), errors.get(0).message());
        assertTrue(small.readString("big.yaml", fixture("list-of-items.yaml")).errors().get(0).message()
                .contains("--max-file-bytes"));
    }

    @Test
    void standardInputIsReadThroughReadStream() {
        List<Resource> resources = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        byte[] input = fixture("privileged-container.fail.yaml").getBytes(StandardCharsets.UTF_8);
        reader.readStream(ManifestReader.STDIN_NAME, new ByteArrayInputStream(input), sink(resources, errors));
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals("<stdin>", resources.get(0).source().file());
        assertEquals("<stdin>", resources.get(0).locate("/spec/containers/0/securityContext/privileged").file());
    }

    @Test
    void unnamedInputIsJsonOnlyWhenItStartsWithAQuotedKey() {
        Manifests json = reader.readString(ManifestReader.STDIN_NAME,
                "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}}");
        assertTrue(json.errors().isEmpty(), json.errors().toString());
        Manifests flowYaml = reader.readString(ManifestReader.STDIN_NAME,
                "{apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {on: yes}}");
        assertTrue(flowYaml.errors().isEmpty(), flowYaml.errors().toString());
        assertEquals("b", flowYaml.resources().get(0).id().name());
        assertTrue(flowYaml.resources().get(0).object().path("data").path("true").asBoolean(),
                "read as YAML 1.1: on is a boolean key, yes a boolean value");
    }

    @Test
    void jsonFilesAreReadWithPositions() {
        String text = fixture("deployment.json");
        Manifests manifests = read("deployment.json");
        assertTrue(manifests.errors().isEmpty(), manifests.errors().toString());
        Resource deployment = manifests.resources().get(0);
        assertEquals(new ResourceId("apps", "v1", "Deployment", "prod", "web"), deployment.id());
        assertEquals(new SourceLocation("deployment.json", 0, 1, 1), deployment.source());
        assertEquals(at("deployment.json", 0, text, 9, "\"privileged\""),
                deployment.locate("/spec/template/spec/containers/0/securityContext/privileged"));
        assertEquals(at("deployment.json", 0, text, 9, "{\"name\""), deployment.locate("/spec/template/spec/containers/0"));
        assertEquals(at("deployment.json", 0, text, 4, "\"namespace\""), deployment.locate("/metadata/namespace"));
    }

    @Test
    void jsonListsDuplicatesAndSyntaxErrors() {
        String list = "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n"
                + "  {\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"a\"}},\n"
                + "  {\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"b\"}}\n]}";
        Manifests manifests = reader.readString("list.json", list);
        assertEquals(List.of("a", "b"), names(manifests));
        assertEquals(new SourceLocation("list.json", 0, 3, 3), manifests.resources().get(1).source());
        assertEquals(at("list.json", 0, list, 3, "\"name\""), manifests.resources().get(1).locate("/metadata/name"));

        Manifests duplicate = reader.readString("dup.json", "{\"apiVersion\": \"v1\",\n \"kind\": \"X\",\n \"kind\": \"Y\"}");
        assertTrue(duplicate.resources().isEmpty());
        EvaluationError error = duplicate.errors().get(0);
        assertEquals(3, error.location().line());
        assertTrue(error.message().contains("\"kind\"") && error.message().contains("line 2"), error.message());

        Manifests broken = reader.readString("broken.json", "{\"apiVersion\": \"v1\",\n \"kind\": \"X\"\n \"oops\": 1}");
        assertEquals(3, broken.errors().get(0).location().line());
        assertTrue(broken.errors().get(0).message().startsWith("invalid JSON"), broken.errors().toString());
    }

    @Test
    void crlfLineEndsAndByteOrderMarkAreHandled() {
        String text = "\uFEFF# comment\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n"
                + "  text: |\r\n    one\r\n    two\r\n---\r\napiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: ns\r\n";
        Manifests manifests = reader.readString("crlf.yaml", text);
        assertTrue(manifests.errors().isEmpty(), manifests.errors().toString());
        assertEquals(List.of("crlf", "ns"), names(manifests));
        Resource configMap = manifests.resources().get(0);
        assertEquals("one\ntwo\n", configMap.object().at("/data/text").textValue());
        assertEquals(new SourceLocation("crlf.yaml", 0, 2, 1), configMap.source());
        assertEquals(new SourceLocation("crlf.yaml", 0, 7, 3), configMap.locate("/data/text"));
        assertEquals(new SourceLocation("crlf.yaml", 1, 14, 3), manifests.resources().get(1).locate("/metadata/name"));
    }

    @Test
    void directoriesAreWalkedInOrderAndEverythingSkippedIsReported(@TempDir Path root) throws IOException {
        write(root.resolve("b/c.yml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: c\n");
        write(root.resolve("b/d.json"), "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"d\"}}");
        write(root.resolve("b/notes.txt"), "not a manifest");
        write(root.resolve("a.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        write(root.resolve("B.YAML"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: upper\n");
        write(root.resolve(".git/config"), "[core]");
        write(root.resolve(".git/objects/x.yaml"), "apiVersion: v1\nkind: Namespace\n");
        write(root.resolve(".hidden.yaml"), "apiVersion: v1\nkind: Namespace\n");
        write(root.resolve("bad.yaml"), "apiVersion: v1\nkind: [\n");
        Manifests manifests = reader.read(List.of(root.toString(), root.resolve("missing").toString()));
        assertEquals(List.of("upper", "a", "c", "d"), names(manifests));
        assertEquals(root.resolve("b/c.yml").toString(), manifests.resources().get(2).source().file());
        List<String> skipped = manifests.skipped().stream()
                .map(s -> root.relativize(Path.of(s.file())) + ": " + s.reason()).toList();
        assertEquals(List.of(".git: hidden directory, not read", ".hidden.yaml: hidden file, not read",
                "b/notes.txt: not a .yaml, .yml or .json file"), skipped);
        assertEquals(2, manifests.errors().size(), manifests.errors().toString());
        assertEquals(root.resolve("bad.yaml").toString(), manifests.errors().get(0).location().file());
        assertEquals(3, manifests.errors().get(0).location().line());
        assertTrue(manifests.errors().get(1).message().contains("no such file"), manifests.errors().toString());
    }

    @Test
    void explicitTagsAndQuotedScalarsStayAsWritten() {
        Manifests manifests = reader.readString("tags.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n"
                + "  a: !!str yes\n  b: \"on\"\n  c: '12'\n  d: !!int \"12\"\n  e: 2024-01-01\n  f:\n  g: !!int nope\n");
        EvaluationError error = manifests.errors().get(0);
        assertEquals(new SourceLocation("tags.yaml", 0, 10, 6), error.location());
        assertTrue(error.message().contains("nope"), error.message());
        Manifests good = reader.readString("tags.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n"
                + "  a: !!str yes\n  b: \"on\"\n  c: '12'\n  d: !!int \"12\"\n  e: 2024-01-01\n  f:\n");
        JsonNode data = good.resources().get(0).object().path("data");
        assertEquals("yes", data.path("a").textValue());
        assertEquals("on", data.path("b").textValue());
        assertEquals("12", data.path("c").textValue());
        assertEquals(12, data.path("d").intValue());
        assertEquals("2024-01-01", data.path("e").textValue());
        assertTrue(data.get("f").isNull());
    }

    @Test
    void controlCharactersAndUnknownAliasesAreLocatedErrors() {
        Manifests control = reader.readString("control.yaml", "apiVersion: v1\nkind: Pod\n---\nx: ab\u0001c\n");
        EvaluationError error = control.errors().get(0);
        assertEquals(new SourceLocation("control.yaml", 1, 4, 6), error.location());
        assertTrue(error.message().contains("U+0001"), error.message());
        assertEquals(1, control.resources().size());
        Manifests alias = reader.readString("alias.yaml", "apiVersion: v1\nkind: Pod\nspec: *nowhere\n");
        assertEquals(new SourceLocation("alias.yaml", 0, 3, 7), alias.errors().get(0).location());
        assertTrue(alias.errors().get(0).message().contains("*nowhere"), alias.errors().toString());
    }

    private static Thread start(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static ManifestSink sink(List<Resource> resources, List<EvaluationError> errors) {
        return new ManifestSink() {
            @Override
            public void resource(Resource resource) {
                resources.add(resource);
            }

            @Override
            public void error(EvaluationError error) {
                errors.add(error);
            }
        };
    }
}
