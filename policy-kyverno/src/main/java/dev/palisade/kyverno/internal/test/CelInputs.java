package dev.palisade.kyverno.internal.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.YamlDocument;
import dev.palisade.kyverno.jmespath.internal.GoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Kyverno test gives CEL policies besides its resources: the {@code context} file
 * ({@code cli.kyverno.io/v1alpha1 Context}: {@code spec.resources} for {@code resource.Get/List},
 * {@code spec.images} for {@code image.GetMetadata}), {@code globalContextEntries} (inline
 * {@code data}, or {@code resources}/{@code resourceFiles}) and {@code jsonPayloads} (JSON documents
 * that JSON-mode ValidatingPolicies judge).
 */
record CelInputs(List<JsonNode> contextResources, Map<String, JsonNode> images, Map<String, JsonNode> globalContext,
        List<Payload> payloads, Map<String, JsonNode> httpMocks) {

    /** A JSON payload and the name results refer to it by. */
    record Payload(String name, JsonNode data) {
    }

    /** Reads resource files of a test ({@code TestExecution.readResources}). */
    @FunctionalInterface
    interface ResourceFiles {
        List<Resource> read(Path dir, JsonNode paths, String what);
    }

    static CelInputs read(JsonNode test, Path dir, ManifestReader reader, ResourceFiles files) {
        List<JsonNode> resources = new ArrayList<>();
        Map<String, JsonNode> images = new LinkedHashMap<>();
        String context = test.path("context").asText("");
        if (!context.isEmpty()) {
            Path file = dir.resolve(context).normalize();
            if (!Files.exists(file)) {
                throw new PalisadeException("context file " + context + " does not exist (looked for " + file + ")");
            }
            List<YamlDocument> docs = reader.readDocuments(file);
            if (!docs.isEmpty()) {
                JsonNode spec = docs.get(0).content().path("spec");
                for (JsonNode r : spec.path("resources")) {
                    resources.add(CliResources.normalize(r));
                }
                for (JsonNode i : spec.path("images")) {
                    images.put(i.path("image").asText(""), i);
                }
            }
        }
        Map<String, JsonNode> global = new LinkedHashMap<>();
        for (JsonNode entry : test.path("globalContextEntries")) {
            String name = entry.path("name").asText("");
            if (entry.has("data")) {
                global.put(name, entry.get("data"));
            } else if (entry.has("resources") || entry.has("resourceFiles")) {
                var list = JsonNodeFactory.instance.arrayNode();
                entry.path("resources").forEach(list::add);
                if (entry.has("resourceFiles")) {
                    files.read(dir, entry.get("resourceFiles"), "global context resource file")
                            .forEach(r -> list.add(r.object()));
                }
                global.put(name, list);
            }
        }
        List<Payload> payloads = new ArrayList<>();
        for (JsonNode p : test.path("jsonPayloads")) {
            String name = p.asText("");
            Path file = dir.resolve(name).normalize();
            try {
                JsonNode data = GoJson.parse(Files.readString(file, StandardCharsets.UTF_8));
                if (!data.isObject()) {
                    throw new PalisadeException("JSON payload " + name + " must be a top-level object (map)");
                }
                payloads.add(new Payload(name, data));
            } catch (IOException e) {
                throw new PalisadeException("failed to load JSON payload " + name + " (" + e.getMessage() + ")");
            } catch (IllegalArgumentException e) {
                throw new PalisadeException("failed to load JSON payload " + name + " (" + e.getMessage() + ")");
            }
        }
        Map<String, JsonNode> mocks = new LinkedHashMap<>();
        for (JsonNode m : test.path("apiCallResponses")) {
            String url = m.path("url").asText("").strip();
            if (url.isEmpty()) {
                url = m.path("urlPath").asText("").strip();
            }
            String method = m.path("method").asText("").strip().toUpperCase(java.util.Locale.ROOT);
            var wrapped = JsonNodeFactory.instance.objectNode();
            wrapped.set("body", m.path("response").path("body").deepCopy());
            int status = m.path("response").path("statusCode").asInt(0);
            wrapped.put("statusCode", status == 0 ? 200 : status);
            mocks.put(method.isEmpty() ? url : method + ":" + url, wrapped);
        }
        return new CelInputs(List.copyOf(resources), images, global, payloads, mocks);
    }
}
