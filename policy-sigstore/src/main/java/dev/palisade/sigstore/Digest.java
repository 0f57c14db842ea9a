package dev.palisade.sigstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A content digest as the OCI image specification writes it: {@code algorithm:encoded}. The
 * registered algorithms are validated strictly ({@code sha256}: 64 lower-case hex digits,
 * {@code sha512}: 128, {@code blake3}: 64); other algorithms must follow the generic syntax
 * ({@code [a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+}).
 *
 * @param algorithm e.g. {@code sha256}
 * @param encoded the encoded digest, e.g. 64 hex digits
 */
public record Digest(String algorithm, String encoded) {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param algorithm e.g. {@code sha256}
     * @param encoded the encoded digest, e.g. 64 hex digits
     */
    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoded, "encoded");
        validate(algorithm, encoded);
    }

    /**
     * Parses {@code algorithm:encoded}.
     *
     * @param text the digest, such as {@code sha256:<64 hex digits>}
     * @return the digest
     */
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new ImageReferenceException("digest '" + text + "' has no algorithm; a digest looks like"
                    + " 'sha256:' followed by 64 hex digits");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /**
     * {@return the sha256 digest of the bytes}
     *
     * @param content the bytes
     */
    public static Digest sha256(byte[] content) {
        return new Digest("sha256", hex(hash("SHA-256", content)));
    }

    /**
     * {@return the sha512 digest of the bytes}
     *
     * @param content the bytes
     */
    public static Digest sha512(byte[] content) {
        return new Digest("sha512", hex(hash("SHA-512", content)));
    }

    /**
     * {@return whether the bytes have this digest} Only sha256 and sha512 can be computed.
     *
     * @param content the bytes
     */
    public boolean matches(byte[] content) {
        return switch (algorithm) {
            case "sha256" -> equals(sha256(content));
            case "sha512" -> equals(sha512(content));
            default -> throw new ImageReferenceException("cannot compute digests with algorithm '" + algorithm
                    + "'; only sha256 and sha512 are supported");
        };
    }

    /**
     * {@return the tag under which cosign stores signatures and OCI 1.1 stores referrers: {@code sha256-<hex>}}
     */
    public String tagForm() {
        return algorithm + "-" + encoded;
    }

    @Override
    public String toString() {
        return algorithm + ":" + encoded;
    }

    private static void validate(String algorithm, String encoded) {
        if (!isAlgorithm(algorithm)) {
            throw new ImageReferenceException("digest algorithm '" + algorithm + "' is invalid; use lower-case"
                    + " letters and digits, such as 'sha256'");
        }
        int expected = switch (algorithm) {
            case "sha256", "blake3" -> 64;
            case "sha512" -> 128;
            default -> -1;
        };
        if (expected > 0) {
            if (encoded.length() != expected || !isLowerHex(encoded)) {
                throw new ImageReferenceException("digest '" + algorithm + ":" + abbreviate(encoded) + "' is invalid; "
                        + algorithm + " needs exactly " + expected + " lower-case hex digits (0-9, a-f), got "
                        + encoded.length() + " characters");
            }
            return;
        }
        if (encoded.isEmpty()) {
            throw new ImageReferenceException("digest '" + algorithm + ":' has no encoded value");
        }
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (!(isAlphaNumeric(c) || c == '=' || c == '_' || c == '-')) {
                throw new ImageReferenceException("digest '" + algorithm + ":" + abbreviate(encoded)
                        + "' has an invalid character '" + c + "'; the encoded part allows letters, digits, '=', '_'"
                        + " and '-'");
            }
        }
    }

    private static boolean isAlgorithm(String algorithm) {
        if (algorithm.isEmpty()) {
            return false;
        }
        boolean afterSeparator = true;
        for (int i = 0; i < algorithm.length(); i++) {
            char c = algorithm.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                afterSeparator = false;
            } else if ((c == '+' || c == '.' || c == '_' || c == '-') && !afterSeparator) {
                afterSeparator = true;
            } else {
                return false;
            }
        }
        return !afterSeparator;
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphaNumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static byte[] hash(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** Lower-case hex of the bytes. */
    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * {@return the sha256 digest of a UTF-8 string (for tests and payloads)}
     *
     * @param content the string, encoded as UTF-8
     */
    public static Digest sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }
}
