package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Merge keys ({@code <<}) read as go-yaml v2 decodes them (sigs.k8s.io/yaml, so kubectl and the API
 * server): differential properties against an executable model of go-yaml v2's decoder, and the
 * cases that used to read differently from the cluster.
 */
class MergeKeySemanticsTest {
    private final ManifestReader reader = ManifestReader.create();

    /** A mapping entry: an explicit key and value, or a merge of earlier anchored mappings (one, or a list). */
    record Entry(String key, int value, List<Integer> merged, boolean asList) {
        static Entry explicit(String key, int value) {
            return new Entry(key, value, List.of(), false);
        }

        boolean isMerge() {
            return key == null;
        }
    }

    /** A document: anchored base mappings (each may merge earlier ones) and the mapping under test. */
    record Document(List<List<Entry>> bases, List<Entry> data) {
    }

    /**
     * The model: go-yaml v2's {@code decoder.mapping} writes every entry into one map in document
     * order (a later write replaces an earlier one); {@code decoder.merge} decodes the merged
     * mapping's own entries into the same map, and a sequence of mappings from its last element to
     * its first. In strict decoding ({@code UnmarshalStrict}) a key written twice by the mapping itself
     * is an error; Palisade reports such duplicates as kubectl's strict decoding does.
     */
    static Map<String, Integer> model(List<Entry> entries, List<Map<String, Integer>> resolvedBases) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (!entry.isMerge()) {
                map.put(entry.key(), entry.value());
            } else {
                for (int i = entry.merged().size() - 1; i >= 0; i--) {
                    map.putAll(resolvedBases.get(entry.merged().get(i)));
                }
            }
        }
        return map;
    }

    static boolean hasExplicitDuplicate(List<Entry> entries) {
        Set<String> seen = new HashSet<>();
        for (Entry entry : entries) {
            if (!entry.isMerge() && !seen.add(entry.key())) {
                return true;
            }
        }
        return false;
    }

    static String yaml(Document document) {
        StringBuilder text = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: merges\n");
        text.append("bases:\n");
        for (int b = 0; b < document.bases().size(); b++) {
            text.append("  b").append(b).append(": &b").append(b).append(" {");
            appendFlow(text, document.bases().get(b));
            text.append("}\n");
        }
        text.append("data:\n");
        for (Entry entry : document.data()) {
            text.append("  ");
            appendEntry(text, entry);
            text.append('\n');
        }
        if (document.data().isEmpty()) {
            text.setLength(text.length() - 1);
            text.append(" {}\n");
        }
        return text.toString();
    }

    private static void appendFlow(StringBuilder text, List<Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            appendEntry(text, entries.get(i));
        }
    }

    private static void appendEntry(StringBuilder text, Entry entry) {
        if (!entry.isMerge()) {
            text.append(entry.key()).append(": ").append(entry.value());
            return;
        }
        text.append("<<: ");
        if (entry.asList()) {
            text.append('[');
            for (int i = 0; i < entry.merged().size(); i++) {
                text.append(i > 0 ? ", " : "").append("*b").append(entry.merged().get(i));
            }
            text.append(']');
        } else {
            text.append("*b").append(entry.merged().get(0));
        }
    }

    @Provide
    Arbitrary<Document> documents() {
        return Arbitraries.integers().between(0, 4).flatMap(baseCount -> {
            List<Arbitrary<List<Entry>>> bases = new ArrayList<>();
            for (int b = 0; b < baseCount; b++) {
                bases.add(entries(b, false).list().ofMaxSize(4).map(list -> distinctExplicit(list)));
            }
            Arbitrary<List<List<Entry>>> allBases = bases.isEmpty() ? Arbitraries.just(List.of())
                    : Combinators.combine(bases).as(list -> list);
            return Combinators.combine(allBases, entries(baseCount, true).list().ofMaxSize(7))
                    .as(Document::new);
        });
    }

    /** Entries that may merge bases {@code 0..available-1}; the mapping under test may repeat an explicit key. */
    private static Arbitrary<Entry> entries(int available, boolean mayRepeat) {
        Arbitrary<Entry> explicit = Combinators.combine(Arbitraries.of("a", "b", "c", "d"),
                Arbitraries.integers().between(0, 99)).as(Entry::explicit);
        if (available == 0) {
            return explicit;
        }
        Arbitrary<Entry> single = Arbitraries.integers().between(0, available - 1)
                .map(b -> new Entry(null, 0, List.of(b), false));
        Arbitrary<Entry> list = Arbitraries.integers().between(0, available - 1).list().ofMinSize(1).ofMaxSize(3)
                .map(bs -> new Entry(null, 0, bs, true));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, explicit), net.jqwik.api.Tuple.of(2, single),
                net.jqwik.api.Tuple.of(2, list));
    }

    private static List<Entry> distinctExplicit(List<Entry> entries) {
        Set<String> seen = new HashSet<>();
        List<Entry> distinct = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.isMerge() || seen.add(entry.key())) {
                distinct.add(entry);
            }
        }
        return distinct;
    }

    @Property(tries = 400)
    void mergeKeysReadAsGoYamlV2DecodesThem(@ForAll("documents") Document document) {
        List<Map<String, Integer>> resolved = new ArrayList<>();
        for (List<Entry> base : document.bases()) {
            resolved.add(model(base, resolved));
        }
        String text = yaml(document);
        Manifests read = reader.readString("merge.yaml", text);
        if (hasExplicitDuplicate(document.data())) {
            assertEquals(1, read.errors().size(), text);
            assertTrue(read.errors().get(0).message().startsWith("duplicate key"), read.errors() + "\n" + text);
            return;
        }
        assertEquals(List.of(), read.errors(), text);
        ObjectNode expected = JsonNodeFactory.instance.objectNode();
        model(document.data(), resolved).forEach(expected::put);
        assertEquals(expected, read.resources().get(0).object().get("data"), text);
        for (int b = 0; b < resolved.size(); b++) {
            ObjectNode base = JsonNodeFactory.instance.objectNode();
            resolved.get(b).forEach(base::put);
            assertEquals(base, read.resources().get(0).object().at("/bases/b" + b), text);
        }
    }

    private JsonNode spec(String yaml) {
        Manifests read = reader.readString("pod.yaml", "apiVersion: v1\nkind: Pod\nspec:\n" + yaml);
        assertEquals(List.of(), read.errors());
        return read.resources().get(0).object().get("spec");
    }

    @Test
    void aMergeAfterAnExplicitKeyReplacesItAsTheClusterReadsIt() {
        assertTrue(spec("  privileged: false\n  <<: {privileged: true}\n").get("privileged").booleanValue());
        assertTrue(!spec("  <<: {privileged: true}\n  privileged: false\n").get("privileged").booleanValue());
    }

    @Test
    void aSecondMergeKeyReplacesWhatTheFirstMerged() {
        assertTrue(spec("  <<: {privileged: false}\n  <<: {privileged: true}\n").get("privileged").booleanValue());
    }

    @Test
    void inAListOfMappingsTheEarlierMappingWins() {
        JsonNode spec = spec("  a: 0\n  <<: [{a: 1, b: 1}, {a: 2, b: 2, c: 2}]\n");
        assertEquals(1, spec.get("a").intValue());
        assertEquals(1, spec.get("b").intValue());
        assertEquals(2, spec.get("c").intValue());
    }

    @Test
    void aMergeOfSomethingOtherThanMappingsIsAnError() {
        Manifests read = reader.readString("bad.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  <<: [{a: 1}, 2]\n");
        assertEquals(1, read.errors().size());
        assertTrue(read.errors().get(0).message().contains("merge key"), read.errors().toString());
        Manifests scalar = reader.readString("bad.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  <<: 2\n");
        assertEquals(new SourceLocation("bad.yaml", 0, 4, 7), scalar.errors().get(0).location());
    }

    @Test
    void aQuotedDoubleLessThanIsAnOrdinaryKey() {
        assertEquals(1, spec("  \"<<\": 1\n").get("<<").intValue());
    }
}
