package dev.palisade.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Builds resources from YAML text for tests. */
final class TestResources {
    private TestResources() {
    }

    static Resource yaml(String text) {
        Manifests manifests = ManifestReader.create().readString("test.yaml", text);
        if (!manifests.errors().isEmpty() || manifests.resources().size() != 1) {
            throw new AssertionError("fixture did not parse into one resource: " + manifests.errors());
        }
        return manifests.resources().get(0);
    }

    static List<Resource> all(String text) {
        Manifests manifests = ManifestReader.create().readString("test.yaml", text);
        if (!manifests.errors().isEmpty()) {
            throw new AssertionError("fixture did not parse: " + manifests.errors());
        }
        return manifests.resources();
    }

    static JsonNode node(String text) {
        return ManifestReader.create().readDocuments("test.yaml", text).get(0).content();
    }

    static Resource pod(String namespace, String name, String labels) {
        return yaml("apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n"
                + (namespace.isEmpty() ? "" : "  namespace: " + namespace + "\n")
                + (labels.isEmpty() ? "" : "  labels: " + labels + "\n")
                + "spec:\n  containers:\n  - name: app\n    image: nginx:1.27\n");
    }
}
