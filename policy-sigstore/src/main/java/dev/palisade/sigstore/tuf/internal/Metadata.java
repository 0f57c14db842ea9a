package dev.palisade.sigstore.tuf.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.sigstore.tuf.TufException;
import dev.palisade.sigstore.verify.PublicKeys;
import dev.palisade.sigstore.verify.SignatureVerificationException;
import dev.palisade.sigstore.verify.internal.Hex;
import dev.palisade.sigstore.verify.internal.Json;
import dev.palisade.sigstore.verify.internal.Rejected;
import dev.palisade.sigstore.verify.internal.SignatureScheme;
import dev.palisade.sigstore.verify.internal.Signatures;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One signed TUF metadata document (TUF specification 1.0): its {@code signed} part, type, version,
 * expiry and signatures, checked for structure when read and for a threshold of signatures by a role's
 * keys on demand. Key types: {@code ecdsa}/{@code ecdsa-sha2-nistp256} (PEM), {@code ed25519} (hex) and
 * {@code rsa} with {@code rsassa-pss-sha256} (PEM).
 */
public final class Metadata {
    /** A role's keys and how many must sign. */
    public record Role(Set<String> keyIds, int threshold) {
    }

    /** A signature line: key id and signature bytes. */
    private record Signature(String keyId, byte[] value) {
    }

    private final String name;
    private final JsonNode signed;
    private final String type;
    private final long version;
    private final Instant expires;
    private final List<Signature> signatures;
    private final byte[] canonical;
    private final byte[] raw;

    private Metadata(String name, JsonNode signed, String type, long version, Instant expires, List<Signature> signatures,
            byte[] raw) {
        this.name = name;
        this.signed = signed;
        this.type = type;
        this.version = version;
        this.expires = expires;
        this.signatures = signatures;
        this.canonical = CanonicalJson.bytes(signed);
        this.raw = raw;
    }

    /**
     * Reads a metadata document and checks that it is of the expected type.
     *
     * @param name what to call it in errors (a file or URL)
     */
    public static Metadata parse(byte[] json, String expectedType, String name) {
        JsonNode root;
        try {
            root = Json.parse(json, name);
        } catch (Rejected e) {
            throw new TufException(name + ": " + e.getMessage());
        }
        JsonNode signed = root.path("signed");
        if (!signed.isObject()) {
            throw new TufException(name + " has no 'signed' object");
        }
        String type = signed.path("_type").asText("");
        if (!type.equals(expectedType)) {
            throw new TufException(name + " is of type '" + type + "', not '" + expectedType + "'");
        }
        JsonNode version = signed.path("version");
        if (!version.isIntegralNumber() || version.asLong() < 1) {
            throw new TufException(name + " has no positive integer version");
        }
        Instant expires;
        try {
            expires = Instant.parse(signed.path("expires").asText(""));
        } catch (DateTimeParseException e) {
            throw new TufException(name + " has no valid 'expires' time");
        }
        List<Signature> signatures = new ArrayList<>();
        for (JsonNode signature : root.path("signatures")) {
            String keyId = signature.path("keyid").asText("");
            try {
                signatures.add(new Signature(keyId, Hex.decode(signature.path("sig").asText(""))));
            } catch (IllegalArgumentException e) {
                // a signature that is not hex cannot count towards a threshold
            }
        }
        return new Metadata(name, signed, type, version.asLong(), expires, List.copyOf(signatures), json.clone());
    }

    /** The {@code signed} object. */
    public JsonNode signed() {
        return signed;
    }

    /** The version. */
    public long version() {
        return version;
    }

    /** When it expires. */
    public Instant expires() {
        return expires;
    }

    /** The type ({@code root}, {@code timestamp}, {@code snapshot}, {@code targets}). */
    public String type() {
        return type;
    }

    /** The bytes as read. */
    public byte[] raw() {
        return raw.clone();
    }

    /** Its name in errors. */
    public String name() {
        return name;
    }

    /** Throws unless {@code now} is before the expiry. */
    public void requireUnexpired(Instant now) {
        if (!now.isBefore(expires)) {
            throw new TufException(name + " (" + type + " version " + version + ") expired at " + expires
                    + "; refusing it (a frozen or stale repository)");
        }
    }

    /**
     * Throws unless at least {@code role.threshold()} distinct keys of the role, found in {@code keys},
     * signed the canonical form of {@code signed}.
     *
     * @param signer who the keys belong to, for the error message
     */
    public void requireSignedBy(Role role, Map<String, PublicKey> keys, Map<String, String> schemes, String signer) {
        Set<String> counted = new HashSet<>();
        for (Signature signature : signatures) {
            String keyId = signature.keyId();
            if (!role.keyIds().contains(keyId) || counted.contains(keyId) || !keys.containsKey(keyId)) {
                continue;
            }
            if (verify(keys.get(keyId), schemes.getOrDefault(keyId, ""), canonical, signature.value())) {
                counted.add(keyId);
            }
        }
        if (counted.size() < role.threshold()) {
            throw new TufException(name + " (" + type + " version " + version + ") has " + counted.size()
                    + " valid signature(s) by the keys of " + signer + "; " + role.threshold() + " are required");
        }
    }

    private static boolean verify(PublicKey key, String scheme, byte[] data, byte[] signature) {
        return switch (scheme) {
            case "ecdsa-sha2-nistp256" -> SignatureScheme.ECDSA_SHA256.verify(key, data, signature);
            case "ecdsa-sha2-nistp384" -> SignatureScheme.ECDSA_SHA384.verify(key, data, signature);
            case "ed25519" -> SignatureScheme.ED25519.verify(key, data, signature);
            case "rsassa-pss-sha256" -> Signatures.verify(key, data, signature);
            default -> false;
        };
    }

    /** The keys of a root or delegating targets document: key id → key, and key id → scheme. */
    public static Map<String, PublicKey> keys(JsonNode keys, Map<String, String> schemes, String where) {
        Map<String, PublicKey> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode key = entry.getValue();
            String scheme = key.path("scheme").asText("");
            String publicValue = key.path("keyval").path("public").asText("");
            try {
                Optional<PublicKey> parsed = switch (key.path("keytype").asText("")) {
                    case "ecdsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "rsa" -> Optional.of(PublicKeys.parsePem(publicValue));
                    case "ed25519" -> Optional.of(ed25519(Hex.decode(publicValue)));
                    default -> Optional.empty();
                };
                parsed.ifPresent(k -> {
                    out.put(entry.getKey(), k);
                    schemes.put(entry.getKey(), scheme);
                });
            } catch (SignatureVerificationException | IllegalArgumentException e) {
                // a key that cannot be read signs nothing; thresholds decide whether that matters
            }
        }
        return out;
    }

    /** A role of a root's {@code roles} object. */
    public static Role role(JsonNode roles, String name, String where) {
        JsonNode role = roles.path(name);
        if (!role.isObject() || !role.path("threshold").isIntegralNumber() || role.path("threshold").asInt() < 1) {
            throw new TufException(where + " defines no role '" + name + "' with a positive threshold");
        }
        Set<String> ids = new HashSet<>();
        role.path("keyids").forEach(id -> ids.add(id.asText()));
        return new Role(Set.copyOf(ids), role.path("threshold").asInt());
    }

    private static PublicKey ed25519(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 key has 32 bytes");
        }
        byte[] spki = new byte[44];
        byte[] prefix = Hex.decode("302a300506032b6570032100");
        System.arraycopy(prefix, 0, spki, 0, prefix.length);
        System.arraycopy(raw, 0, spki, prefix.length, raw.length);
        return PublicKeys.parseDer(spki);
    }
}
