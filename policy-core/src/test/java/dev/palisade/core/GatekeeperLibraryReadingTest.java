package dev.palisade.core;

import dev.palisade.testing.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads every YAML file of the Gatekeeper policy library (shared conformance corpus) and checks that
 * each document reads without error, equals what SnakeYAML's own YAML 1.1 loader makes of it, and
 * that every mapping key is located on the line and column where it is written.
 */
class GatekeeperLibraryReadingTest {

    private static Path library() {
        return Required.shared("conformance/gatekeeper-library/library");
    }

    @Test
    void everyLibraryFileReadsLikeSnakeYamlWithExactKeyPositions() throws IOException {
        Path library = library();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(library)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertTrue(files.size() > 100, "expected the whole library, found " + files.size() + " files");
        ManifestReader reader = ManifestReader.create();
        List<String> failures = new ArrayList<>();
        int documents = 0;
        int keys = 0;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<YamlDocument> ours;
            try {
                ours = reader.readDocuments(file.toString(), text);
            } catch (PalisadeException e) {
                failures.add(e.describe());
                continue;
            }
            List<Object> theirs = new ArrayList<>();
            new Yaml(new LoaderOptions()).loadAll(text).forEach(d -> {
                if (d != null) {
                    theirs.add(d);
                }
            });
            if (ours.size() != theirs.size()) {
                failures.add(file + ": " + ours.size() + " documents, SnakeYAML finds " + theirs.size());
                continue;
            }
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < ours.size(); i++) {
                documents++;
                String mismatch = compare(ours.get(i).content(), theirs.get(i), "");
                if (mismatch != null) {
                    failures.add(file + " document " + i + ": " + mismatch);
                }
                keys += checkKeys(ours.get(i), ours.get(i).content(), "", lines, failures);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " failures");
        assertTrue(documents > files.size() / 2, "read " + documents + " documents");
        System.out.printf("gatekeeper-library: %d files, %d documents, %d keys located, 0 failures%n",
                files.size(), documents, keys);
    }

    /** Checks that each mapping key's located position shows the key's text; returns how many were checked. */
    private static int checkKeys(YamlDocument document, JsonNode node, String pointer, String[] lines, List<String> failures) {
        int checked = 0;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = pointer + "/" + YamlTestEmitter.escape(field.getKey());
                SourceLocation at = document.locate(child);
                String line = at.line() >= 1 && at.line() <= lines.length ? lines[at.line() - 1] : "";
                String from = at.column() >= 1 && at.column() <= line.length() ? line.substring(at.column() - 1) : "";
                String key = field.getKey();
                if (!(from.startsWith(key) || from.startsWith("\"" + key) || from.startsWith("'" + key))) {
                    failures.add(at.display() + ": " + child + " located at `" + from + "`");
                }
                checked++;
                checked += checkKeys(document, field.getValue(), child, lines, failures);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checked += checkKeys(document, node.get(i), pointer + "/" + i, lines, failures);
            }
        }
        return checked;
    }

    /** Where our tree differs from SnakeYAML's object, or null. Timestamps (Date) stay strings with us. */
    private static String compare(JsonNode ours, Object theirs, String pointer) {
        if (theirs instanceof Map<?, ?> map) {
            if (!ours.isObject() || ours.size() != map.size()) {
                return pointer + ": " + ours + " vs " + theirs;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!ours.has(key)) {
                    return pointer + ": no key " + key;
                }
                String nested = compare(ours.get(key), entry.getValue(), pointer + "/" + key);
                if (nested != null) {
                    return nested;
                }
            }
            return null;
        }
        if (theirs instanceof List<?> list) {
            if (!ours.isArray() || ours.size() != list.size()) {
                return pointer + ": " + ours + " vs " + theirs;
            }
            for (int i = 0; i < list.size(); i++) {
                String nested = compare(ours.get(i), list.get(i), pointer + "/" + i);
                if (nested != null) {
                    return nested;
                }
            }
            return null;
        }
        boolean same;
        if (theirs == null) {
            same = ours.isNull();
        } else if (theirs instanceof Boolean b) {
            same = ours.isBoolean() && ours.booleanValue() == b;
        } else if (theirs instanceof Integer || theirs instanceof Long || theirs instanceof java.math.BigInteger) {
            same = ours.isIntegralNumber() && ours.bigIntegerValue().toString().equals(theirs.toString());
        } else if (theirs instanceof Double d) {
            same = ours.isDouble() && Double.compare(ours.doubleValue(), d) == 0;
        } else if (theirs instanceof Date) {
            same = ours.isTextual();
        } else {
            same = ours.isTextual() && ours.textValue().equals(theirs.toString());
        }
        return same ? null : pointer + ": " + ours + " vs " + theirs;
    }
}
