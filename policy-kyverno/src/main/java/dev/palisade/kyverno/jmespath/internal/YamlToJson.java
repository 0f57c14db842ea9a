package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.YamlDocument;
import java.util.List;

/**
 * Kyverno's {@code parse_yaml} ({@code sigs.k8s.io/yaml.YAMLToJSON}, go-yaml v2 scalars): the
 * first document of a YAML text as JSON. Reads with Palisade's {@link ManifestReader}, which has
 * the same YAML 1.1 scalar rules and its size, depth and alias limits.
 */
public final class YamlToJson {
    private static final ManifestReader READER = ManifestReader.create();

    private YamlToJson() {
    }

    public static JsonNode parse(String text) {
        List<YamlDocument> docs;
        try {
            docs = READER.readDocuments("parse_yaml", text);
        } catch (PalisadeException e) {
            throw FunctionError.of("parse_yaml", e.getMessage());
        }
        if (docs.isEmpty()) {
            return Values.NULL;
        }
        return docs.get(0).content();
    }
}
