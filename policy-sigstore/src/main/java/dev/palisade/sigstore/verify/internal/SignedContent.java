package dev.palisade.sigstore.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.sigstore.verify.DockerReferenceMode;
import dev.palisade.sigstore.verify.RejectionReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Checks of what a signature is about: simple-signing claims, in-toto subjects, DSSE encoding. */
public final class SignedContent {
    /** The only DSSE payload type accepted. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";
    private static final String SIMPLE_SIGNING_TYPE = "cosign container image signature";

    private SignedContent() {
    }

    /** DSSE pre-authentication encoding: {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload}. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Checks a cosign simple-signing payload: type, manifest digest and (per mode) docker-reference. */
    public static void checkSimpleSigning(byte[] payload, String imageDigest, dev.palisade.sigstore.ImageReference image,
            DockerReferenceMode mode, Map<String, String> annotations) throws Rejected {
        JsonNode document = Json.parse(payload, "simple-signing payload");
        JsonNode critical = document.path("critical");
        String type = critical.path("type").asText("");
        if (!type.equals(SIMPLE_SIGNING_TYPE)) {
            throw new Rejected(RejectionReason.MALFORMED, "payload critical.type is '" + type + "', not '" + SIMPLE_SIGNING_TYPE + "'");
        }
        String digest = critical.path("image").path("docker-manifest-digest").asText("");
        if (!digest.equals(imageDigest)) {
            throw new Rejected(RejectionReason.DIGEST_MISMATCH, "payload signs image digest '" + digest + "', not " + imageDigest);
        }
        if (mode != DockerReferenceMode.NONE) {
            String signed = critical.path("identity").path("docker-reference").asText("");
            if (!sameReference(signed, image, mode == DockerReferenceMode.EXACT)) {
                throw new Rejected(RejectionReason.DOCKER_REFERENCE_MISMATCH, "payload docker-reference '" + signed
                        + "' does not match '" + image.normalized() + "' (" + mode.name().toLowerCase(java.util.Locale.ROOT) + " mode)");
            }
        }
        checkAnnotations(document.path("optional"), annotations, "payload optional");
    }

    /**
     * Whether a signed docker-reference names the image's repository (and, when {@code exact}, its tag: a
     * reference without a tag matches only an image without one), both normalised by
     * {@link dev.palisade.sigstore.ImageReference}. A reference that does not parse matches nothing.
     */
    public static boolean sameReference(String signed, dev.palisade.sigstore.ImageReference image, boolean exact) {
        dev.palisade.sigstore.ImageReference reference;
        try {
            reference = dev.palisade.sigstore.ImageReference.parse(signed);
        } catch (dev.palisade.sigstore.ImageReferenceException e) {
            return false;
        }
        return reference.sameRepository(image) && (!exact || reference.tag().equals(image.tag()));
    }

    /** Checks that every required annotation is present with the same value (numbers and booleans compared as text). */
    static void checkAnnotations(JsonNode present, Map<String, String> required, String where) throws Rejected {
        for (Map.Entry<String, String> annotation : required.entrySet()) {
            JsonNode value = present.path(annotation.getKey());
            if (!value.isValueNode() || value.isNull() || !value.asText().equals(annotation.getValue())) {
                throw new Rejected(RejectionReason.ANNOTATION_MISMATCH, where + " lacks annotation " + annotation.getKey()
                        + "=" + annotation.getValue() + (value.isValueNode() && !value.isNull() ? " (has '" + value.asText() + "')" : ""));
            }
        }
    }

    /** Checks that an in-toto statement has a subject with the given SHA-256 (hex); {@code name} is optional. */
    public static void checkSubject(byte[] statement, String sha256Hex, Map<String, String> annotations) throws Rejected {
        JsonNode root = Json.parse(statement, "in-toto statement");
        String type = root.path("_type").asText("");
        if (!type.startsWith("https://in-toto.io/Statement/")) {
            throw new Rejected(RejectionReason.DSSE_PAYLOAD_TYPE, "DSSE payload is not an in-toto statement (_type '" + type + "')");
        }
        for (JsonNode subject : root.path("subject")) {
            if (subject.path("digest").path("sha256").asText("").equalsIgnoreCase(sha256Hex)) {
                checkAnnotations(subject.path("annotations"), annotations, "in-toto subject");
                return;
            }
        }
        throw new Rejected(RejectionReason.DIGEST_MISMATCH, "no in-toto subject has sha256 digest " + sha256Hex);
    }
}
