package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.From;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Properties of the reader over generated trees and generated garbage. */
class ManifestReaderPropertyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ManifestReader reader = ManifestReader.create();

    @Property(tries = 200)
    void emittedTreesReadBackEqual(@ForAll("documents") JsonNode tree, @ForAll long seed) {
        YamlTestEmitter emitter = new YamlTestEmitter(seed);
        String text = emitter.emit(tree);
        List<YamlDocument> documents = reader.readDocuments("emitted.yaml", text);
        assertEquals(1, documents.size(), text);
        assertEquals(tree, documents.get(0).content(), text);
    }

    @Property(tries = 200)
    void everyPointerLocatesItsKeyOrElement(@ForAll("documents") JsonNode tree, @ForAll long seed) {
        YamlTestEmitter emitter = new YamlTestEmitter(seed);
        String text = emitter.emit(tree);
        YamlDocument document = reader.readDocuments("emitted.yaml", text).get(0);
        for (Map.Entry<String, SourceLocation> expected : emitter.positions().entrySet()) {
            assertEquals(expected.getValue(), document.locate(expected.getKey()),
                    () -> expected.getKey() + " in\n" + text);
        }
    }

    @Property(tries = 100)
    void malformedDocumentsAreReportedAndTheOthersStillRead(
            @ForAll @Size(max = 6) List<@From("bodies") JsonNode> trees, @ForAll List<Boolean> broken, @ForAll long seed) {
        StringBuilder stream = new StringBuilder();
        List<Integer> brokenLines = new java.util.ArrayList<>();
        List<Integer> goodIndexes = new java.util.ArrayList<>();
        int line = 1;
        for (int i = 0; i < trees.size(); i++) {
            String text;
            if (i < broken.size() && broken.get(i)) {
                text = "kind: Broken\nspec: [unclosed, list\n";
                brokenLines.add(line + 2);
            } else {
                text = "apiVersion: v1\nkind: Probe\n" + new YamlTestEmitter(seed + i).emitBlock(trees.get(i));
                goodIndexes.add(i);
            }
            stream.append("---\n").append(text);
            line += 1 + (int) text.chars().filter(c -> c == '\n').count();
        }
        Manifests manifests = reader.readString("stream.yaml", stream.toString());
        List<Integer> errorLines = manifests.errors().stream().map(e -> e.location().line()).toList();
        assertEquals(brokenLines, errorLines, () -> manifests.errors() + "\n" + stream);
        assertEquals(goodIndexes, manifests.resources().stream().map(r -> r.source().document()).toList());
        for (Resource resource : manifests.resources()) {
            JsonNode expected = trees.get(resource.source().document()).deepCopy();
            ((ObjectNode) expected).put("apiVersion", "v1").put("kind", "Probe");
            ObjectNode actual = (ObjectNode) resource.object();
            assertEquals(expected.size(), actual.size());
            expected.fields().forEachRemaining(f -> assertEquals(f.getValue(), actual.get(f.getKey()), f.getKey()));
        }
    }

    @Property(tries = 100)
    void jsonTreesReadBackEqualWithPositions(@ForAll("documents") JsonNode tree) {
        String text = tree.toPrettyString();
        YamlDocument document = reader.readDocuments("tree.json", text).get(0);
        assertEquals(tree, document.content());
        YamlDocument fromStream = reader.readDocuments(ManifestReader.STDIN_NAME, text).get(0);
        assertEquals(tree, fromStream.content(), "a stream that starts with '{' is read as JSON");
        tree.fieldNames().forEachRemaining(name -> {
            SourceLocation at = document.locate("/" + YamlTestEmitter.escape(name));
            String line = text.split("\n", -1)[at.line() - 1];
            assertTrue(line.startsWith("\"", at.column() - 1), line);
            SourceLocation streamAt = fromStream.locate("/" + YamlTestEmitter.escape(name));
            assertEquals(at.line() + ":" + at.column(), streamAt.line() + ":" + streamAt.column());
        });
    }

    @Property(tries = 500)
    void garbageNeverThrowsAndEveryErrorIsLocated(@ForAll("garbage") String text) {
        for (String name : new String[] {"garbage.yaml", "garbage.json"}) {
            Manifests manifests = reader.readString(name, text);
            for (EvaluationError error : manifests.errors()) {
                assertEquals(name, error.location().file());
                assertTrue(error.location().line() >= 1, error.toString());
                assertFalse(error.message().isBlank());
            }
            for (Resource resource : manifests.resources()) {
                assertEquals(name, resource.locate("/metadata/name/x").file());
            }
            try {
                reader.readDocuments(name, text).forEach(d -> d.locate("/a/0"));
            } catch (PalisadeException expected) {
                assertTrue(expected.location().isPresent());
            }
        }
    }

    @Provide
    Arbitrary<JsonNode> bodies() {
        return documents().filter(node -> !node.has("apiVersion") && !node.has("kind"));
    }

    @Provide
    Arbitrary<JsonNode> documents() {
        return objects(3).filter(node -> !node.isEmpty());
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> tokens = Arbitraries.of("---", "...", "\n", "\r\n", " ", "  ", "\t", ":", ": ", "- ", "-",
                "[", "]", "{", "}", ",", "#", "&a ", "*a", "*b", "!!int ", "!!str ", "!x ", "|", ">", "'", "\"",
                "%YAML 1.1", "<<: ", "apiVersion: v1", "kind: List", "items:", "a", "yes", "0x1F", "key", "\\",
                "@", "`", "?", "\u00e9", "\uFEFF", "\u2028");
        return tokens.list().ofMaxSize(60).map(list -> String.join("", list));
    }

    private Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                strings().map(NODES::textNode),
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().filter(l -> l != (int) (long) l).map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.integers().between(-100_000, 100_000).map(i -> (JsonNode) NODES.numberNode(i / 64.0)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return scalars;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalars),
                net.jqwik.api.Tuple.of(1, objects(depth - 1)),
                net.jqwik.api.Tuple.of(1, arrays(depth - 1)));
    }

    private Arbitrary<JsonNode> objects(int depth) {
        return Combinators.combine(strings().list().ofMaxSize(5), values(depth).list().ofSize(5)).as((keys, values) -> {
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < keys.size(); i++) {
                object.set(keys.get(i), values.get(i));
            }
            return (JsonNode) object;
        });
    }

    private Arbitrary<JsonNode> arrays(int depth) {
        return values(depth).list().ofMaxSize(4).map(list -> {
            ArrayNode array = NODES.arrayNode();
            list.forEach(array::add);
            return (JsonNode) array;
        });
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(" -_.").ofMinLength(1).ofMaxLength(10),
                Arbitraries.of("", "yes", "No", "on", "null", "~", "12", "0x1F", "1.5", ".inf", "a: b", "#x", "- a",
                        "a/b", "ti~lde", "<<", "[x]", "{y}", "line\nbreak", "tab\there", "quote\"s", "it's", "é"),
                Arbitraries.strings().ofMaxLength(6));
    }
}
