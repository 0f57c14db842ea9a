package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.ImageReferenceException;

/**
 * Kyverno's image information ({@code pkg/utils/image.GetImageInfo}): unlike Docker's
 * normalisation, a Docker Hub image keeps its path as written ({@code nginx} stays {@code nginx}, not
 * {@code library/nginx}) and a missing tag reads as {@code latest}. The reference is validated and
 * split by Palisade's {@link ImageReference}.
 */
public final class ImageInfos {
    private ImageInfos() {
    }

    /**
     * One image's information.
     *
     * @param registry the registry host, or "" when registry mutation is off and none was written
     * @param name the last path component
     * @param path the repository path
     * @param tag the tag ("latest" when neither tag nor digest was written, "" when only a digest was)
     * @param digest the digest, or ""
     * @param reference {@code registry/path@digest} or {@code registry/path:tag}
     * @param referenceWithTag {@code registry/path:tag}
     */
    public record Info(String registry, String name, String path, String tag, String digest, String reference,
                       String referenceWithTag) {
        /** The JSON Kyverno puts in its context for {@code images} (empty fields omitted). */
        public ObjectNode toJson(String jsonPointer) {
            ObjectNode o = Values.object();
            if (!registry.isEmpty()) {
                o.put("registry", registry);
            }
            o.put("name", name);
            o.put("path", path);
            if (!tag.isEmpty()) {
                o.put("tag", tag);
            }
            if (!digest.isEmpty()) {
                o.put("digest", digest);
            }
            if (!reference.isEmpty()) {
                o.put("reference", reference);
            }
            if (!referenceWithTag.isEmpty()) {
                o.put("referenceWithTag", referenceWithTag);
            }
            if (jsonPointer != null) {
                o.put("jsonPointer", jsonPointer);
            }
            return o;
        }

        /** The JSON of Kyverno's {@code image} variable (all seven fields). */
        public ObjectNode toImageJson() {
            ObjectNode o = Values.object();
            o.put("reference", reference);
            o.put("referenceWithTag", referenceWithTag);
            o.put("registry", registry);
            o.put("path", path);
            o.put("name", name);
            o.put("tag", tag);
            o.put("digest", digest);
            return o;
        }
    }

    /**
     * {@code GetImageInfo}.
     *
     * @throws IllegalArgumentException when the reference is invalid
     */
    public static Info info(String image, String defaultRegistry, boolean mutation) {
        String full = addDefaultRegistry(image, defaultRegistry);
        ImageReference ref;
        try {
            ref = ImageReference.parse(full);
        } catch (ImageReferenceException e) {
            throw new IllegalArgumentException("bad image: " + full + ", defaultRegistry: " + defaultRegistry
                    + ", enableDefaultRegistryMutation: " + mutation + ": " + e.getMessage());
        }
        int slash = full.indexOf('/');
        String registry = full.substring(0, slash);
        String rest = full.substring(slash + 1);
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            rest = rest.substring(0, colon);
        }
        String path = rest;
        String name = path.substring(path.lastIndexOf('/') + 1);
        String tag = ref.tag().orElse("");
        String digest = ref.digest().map(Object::toString).orElse("");
        if (digest.isEmpty() && tag.isEmpty()) {
            tag = "latest";
        }
        if (!full.equals(image) && !mutation) {
            registry = "";
        }
        String referenceWithTag = registry.isEmpty() ? path + ":" + tag : registry + "/" + path + ":" + tag;
        String base = registry.isEmpty() ? path : registry + "/" + path;
        String reference = digest.isEmpty() ? base + ":" + tag : base + "@" + digest;
        String[] parts = path.split("/");
        if (parts.length > 1 && registry.isEmpty() && parts[0].contains("_")) {
            registry = parts[0];
            path = path.substring(parts[0].length() + 1);
        }
        return new Info(registry, name, path, tag, digest, reference, referenceWithTag);
    }

    private static String addDefaultRegistry(String name, String defaultRegistry) {
        int i = name.indexOf('/');
        if (i == -1) {
            return defaultRegistry + "/" + name;
        }
        String first = name.substring(0, i);
        if (first.indexOf('.') < 0 && first.indexOf(':') < 0 && !first.equals("localhost")
                && first.toLowerCase(java.util.Locale.ROOT).equals(first)) {
            return defaultRegistry + "/" + name;
        }
        return name;
    }

    /** The image fields of a resource by container type and container name ({@code images}), or null for kinds without images. */
    public static ObjectNode extract(JsonNode resource, String defaultRegistry, boolean mutation) {
        String kind = resource.path("kind").asText("");
        String[] prefix = switch (kind) {
            case "Pod" -> new String[] {"spec"};
            case "DaemonSet", "Deployment", "ReplicaSet", "ReplicationController", "StatefulSet", "Job" ->
                    new String[] {"spec", "template", "spec"};
            case "CronJob" -> new String[] {"spec", "jobTemplate", "spec", "template", "spec"};
            default -> null;
        };
        ObjectNode out = Values.object();
        if (prefix == null) {
            return out;
        }
        for (String type : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
            JsonNode node = resource;
            StringBuilder pointer = new StringBuilder();
            for (String p : prefix) {
                node = node.path(p);
                pointer.append('/').append(p);
            }
            JsonNode containers = node.path(type);
            if (!containers.isArray()) {
                continue;
            }
            ObjectNode byName = Values.object();
            for (int i = 0; i < containers.size(); i++) {
                JsonNode c = containers.get(i);
                JsonNode image = c.get("image");
                if (image == null || !image.isTextual() || image.textValue().isBlank()) {
                    continue;
                }
                JsonNode key = c.get("name");
                if (key == null || !key.isTextual()) {
                    throw new IllegalArgumentException("invalid key");
                }
                Info info;
                try {
                    info = info(image.textValue(), defaultRegistry, mutation);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid image '" + image.textValue() + "' (" + e.getMessage() + ")");
                }
                byName.set(key.textValue(), info.toJson(pointer + "/" + type + "/" + i + "/image"));
            }
            if (byName.size() > 0) {
                out.set(type, byName);
            }
        }
        return out;
    }
}
