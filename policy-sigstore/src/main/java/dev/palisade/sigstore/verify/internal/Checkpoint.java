package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.RejectionReason;
import dev.palisade.sigstore.verify.TransparencyLog;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Signed checkpoints (C2SP {@code signed-note} and {@code tlog-checkpoint}): the note text (origin
 * first, then the tree size and the base64 root hash, then optional extension lines), a blank line,
 * and one or more signature lines {@code — <name> <base64(keyhash[4] ‖ signature)>}.
 *
 * <p>Rekor v2 checkpoints are verified as C2SP prescribes: the origin must be the log's host (its
 * trusted-root {@code baseUrl}); a line whose name is the origin and whose key hash is the log key's
 * must verify, lines of other names or keys (witness cosignatures) are ignored, and at least one line
 * must be the log's. Rekor v1 checkpoints ({@code <host> - <tree id>}) are verified as Rekor writes them:
 * every signature line is the log's (its key hint is the first four bytes of the SHA-256 of the key) and
 * verifies, and its name is the log's host.
 */
public final class Checkpoint {
    private static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final int MAX_SIGNATURES = 100;

    /** The tree a verified checkpoint commits to. */
    public record Tree(String origin, long size, byte[] rootHash) {
    }

    private record Line(String name, byte[] hint, byte[] signature, String raw) {
    }

    private Checkpoint() {
    }

    /**
     * Verifies a Rekor v1 checkpoint against the log and returns the tree it commits to.
     */
    public static Tree verifyV1(String note, TransparencyLog log) throws Rejected {
        String[] parts = split(note);
        String text = parts[0];
        List<Line> lines = signatureLines(parts[1]);
        Tree tree = tree(text);
        int dash = tree.origin().lastIndexOf(" - ");
        String originHost = dash < 0 ? tree.origin() : tree.origin().substring(0, dash);
        String host = host(log).orElse(originHost);
        byte[] hint = Arrays.copyOf(Digests.sha256(log.publicKey().getEncoded()), 4);
        SignatureScheme scheme = SignatureScheme.forKeyDetails(log.keyDetails()).orElseThrow();
        if (scheme == SignatureScheme.ECDSA_SHA384 || scheme == SignatureScheme.ECDSA_SHA512) {
            scheme = SignatureScheme.ECDSA_SHA256; // Rekor v1 signs checkpoints with SHA-256 whatever the curve
        }
        byte[] signed = text.getBytes(StandardCharsets.UTF_8);
        for (Line line : lines) {
            if (!line.name().equals(host) || !line.name().equals(originHost)) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint signature line names '" + line.name()
                        + "', but the log is '" + host + "' (origin '" + tree.origin() + "')");
            }
            if (!MessageDigest.isEqual(line.hint(), hint)) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint signature key hint " + Hex.encode(line.hint())
                        + " is not that of the key of log " + log.logIdHex() + " (" + Hex.encode(hint) + ")");
            }
            if (!scheme.verify(log.publicKey(), signed, line.signature())) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint signature does not verify with the key of log "
                        + log.logIdHex());
            }
        }
        return tree;
    }

    /**
     * Verifies a Rekor v2 (C2SP) checkpoint against the log and returns the tree it commits to.
     */
    public static Tree verifyV2(String note, TransparencyLog log) throws Rejected {
        String[] parts = split(note);
        String text = parts[0];
        List<Line> lines = signatureLines(parts[1]);
        String origin = host(log).orElseThrow(() -> new Rejected(RejectionReason.CHECKPOINT_INVALID,
                "log " + log.logIdHex() + " has no baseUrl in the trusted root, so its checkpoint origin is unknown"));
        byte[] hint = Arrays.copyOf(noteKeyHash(origin, log.publicKey()), 4);
        SignatureScheme scheme = SignatureScheme.forKeyDetails(log.keyDetails()).orElseThrow();
        byte[] signed = text.getBytes(StandardCharsets.UTF_8);
        boolean verified = false;
        Set<String> seen = new HashSet<>();
        for (Line line : lines) {
            if (!line.name().equals(origin) || !MessageDigest.isEqual(line.hint(), hint)) {
                continue; // another signer (a witness cosignature, or a key this root does not know): ignored
            }
            if (!seen.add(line.raw())) {
                continue;
            }
            if (!scheme.verify(log.publicKey(), signed, line.signature())) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint signature of " + origin
                        + " does not verify with the key of log " + log.logIdHex());
            }
            verified = true;
        }
        if (!verified) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint carries no signature of log " + origin
                    + " with its key (" + Hex.encode(hint) + ")");
        }
        Tree tree = tree(text);
        if (!tree.origin().equals(origin)) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint origin is '" + tree.origin()
                    + "', not the log's '" + origin + "'");
        }
        return tree;
    }

    /** {text, signature block}, with the signed-note syntax checks. */
    private static String[] split(String note) throws Rejected {
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if ((c < 0x20 && c != '\n') || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(note, i)) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint note contains a control character");
            }
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint note has no signature block after a blank line");
        }
        String signatures = note.substring(split + 2);
        if (signatures.isEmpty() || !signatures.endsWith("\n")) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint signature block is empty or does not end with a newline");
        }
        return new String[] {note.substring(0, split + 1), signatures};
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static List<Line> signatureLines(String block) throws Rejected {
        List<Line> lines = new ArrayList<>();
        int from = 0;
        while (from < block.length()) {
            int newline = block.indexOf('\n', from);
            String line = block.substring(from, newline);
            from = newline + 1;
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint signature line '" + abbreviate(line)
                        + "' does not start with '\u2014 '");
            }
            String rest = line.substring(SIGNATURE_PREFIX.length());
            int space = rest.indexOf(' ');
            String name = space < 0 ? "" : rest.substring(0, space);
            String encoded = space < 0 ? "" : rest.substring(space + 1);
            if (name.isEmpty() || name.contains("+") || encoded.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint signature line '" + abbreviate(line)
                        + "' is not '\u2014 <name> <base64 signature>'");
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint signature of '" + name + "' is not base64");
            }
            if (decoded.length < 5) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint signature of '" + name + "' is too short");
            }
            if (lines.size() == MAX_SIGNATURES) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint has more than " + MAX_SIGNATURES + " signatures");
            }
            lines.add(new Line(name, Arrays.copyOf(decoded, 4), Arrays.copyOfRange(decoded, 4, decoded.length), rest));
        }
        return lines;
    }

    /** Origin, size and root hash of the note text (extension lines after them are allowed). */
    private static Tree tree(String text) throws Rejected {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint needs origin, tree size and root hash lines");
        }
        String origin = lines[0];
        if (origin.isEmpty()) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint origin line is empty");
        }
        String sizeText = lines[1];
        if (sizeText.isEmpty() || sizeText.length() > 19 || (sizeText.length() > 1 && sizeText.charAt(0) == '0')
                || !sizeText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint tree size '" + abbreviate(sizeText)
                    + "' is not a decimal number");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint root hash is not base64");
        }
        if (root.length != 32) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint root hash has " + root.length + " bytes, not 32");
        }
        for (int i = 3; i < lines.length - 1; i++) {
            if (lines[i].isEmpty()) {
                throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint has an empty extension line");
            }
        }
        try {
            return new Tree(origin, Long.parseLong(sizeText), root);
        } catch (NumberFormatException e) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint tree size " + sizeText + " is too large");
        }
    }

    /** The host of the log's base URL. */
    private static java.util.Optional<String> host(TransparencyLog log) {
        if (log.baseUrl().isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(new URI(log.baseUrl()).getHost());
        } catch (URISyntaxException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The signed-note key hash of a log key, as Rekor v2 computes it: for Ed25519 (C2SP signature type
     * 0x01) and RSA (type 0xff, {@code PKIX-RSA-PKCS#1v1.5}) SHA-256 of name, newline, type and key; for ECDSA
     * the SHA-256 of the DER key.
     */
    static byte[] noteKeyHash(String name, PublicKey key) {
        if (key instanceof ECPublicKey) {
            return Digests.sha256(key.getEncoded());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((name + "\n").getBytes(StandardCharsets.UTF_8));
        if (key instanceof RSAPublicKey) {
            out.write(0xff);
            out.writeBytes("PKIX-RSA-PKCS#1v1.5".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(key.getEncoded());
        } else {
            byte[] spki = key.getEncoded();
            out.write(0x01);
            out.writeBytes(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        }
        return Digests.sha256(out.toByteArray());
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
