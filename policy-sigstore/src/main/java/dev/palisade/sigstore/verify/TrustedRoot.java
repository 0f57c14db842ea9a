package dev.palisade.sigstore.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.sigstore.verify.internal.Hex;
import dev.palisade.sigstore.verify.internal.SignatureScheme;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Sigstore trust material a verification relies on, as in {@code trusted_root.json}
 * ({@code application/vnd.dev.sigstore.trustedroot+json;version=0.1}): Rekor logs, Fulcio CAs, CT
 * logs and timestamp authorities, each with a validity window (both ends included). A log may appear
 * several times with the same id (one entry per key period); logs are looked up by id and then by
 * time.
 *
 * <p>Every key encoding the format allows is read: SubjectPublicKeyInfo (ECDSA P-256/P-384/P-521,
 * RSA, Ed25519) and PKCS#1 RSA keys, each verified with the scheme its {@code keyDetails} names. An
 * entry that cannot be used (an unsupported key type, a malformed certificate, a missing log id) is
 * skipped and described in {@link #notes()}; it never makes the whole root unusable, and what it
 * would have vouched for simply does not verify. Immutable and thread-safe; read it once and share it.
 */
public final class TrustedRoot {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.trustedroot";

    private final List<TransparencyLog> tlogs;
    private final List<CertificateAuthority> certificateAuthorities;
    private final List<TransparencyLog> ctlogs;
    private final List<CertificateAuthority> timestampAuthorities;
    private final List<String> notes;
    private final Map<String, List<TransparencyLog>> tlogsById;
    private final Map<String, List<TransparencyLog>> ctlogsById;

    private TrustedRoot(List<TransparencyLog> tlogs, List<CertificateAuthority> certificateAuthorities,
            List<TransparencyLog> ctlogs, List<CertificateAuthority> timestampAuthorities, List<String> notes) {
        this.tlogs = List.copyOf(tlogs);
        this.certificateAuthorities = List.copyOf(certificateAuthorities);
        this.ctlogs = List.copyOf(ctlogs);
        this.timestampAuthorities = List.copyOf(timestampAuthorities);
        this.notes = List.copyOf(notes);
        this.tlogsById = index(this.tlogs);
        this.ctlogsById = index(this.ctlogs);
    }

    /**
     * {@return a trust root holding exactly these logs and authorities}
     *
     * @param tlogs the Rekor logs
     * @param certificateAuthorities the Fulcio certificate authorities
     * @param ctlogs the certificate transparency logs
     * @param timestampAuthorities the RFC 3161 timestamp authorities
     */
    public static TrustedRoot of(List<TransparencyLog> tlogs, List<CertificateAuthority> certificateAuthorities,
            List<TransparencyLog> ctlogs, List<CertificateAuthority> timestampAuthorities) {
        return new TrustedRoot(tlogs, certificateAuthorities, ctlogs, timestampAuthorities, List.of());
    }

    /**
     * {@return a trust root with nothing in it: only key-based signatures without a transparency log can verify}
     */
    public static TrustedRoot empty() {
        return of(List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Reads a {@code trusted_root.json} file.
     *
     * @param file the file
     * @return the trust root
     * @throws SignatureVerificationException when the file cannot be read or is not a trusted root
     */
    public static TrustedRoot read(Path file) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SignatureVerificationException(file + ": cannot read trusted root: " + e.getMessage(), e);
        }
        return parse(json, file.toString());
    }

    /**
     * Parses trusted-root JSON. Unusable entries are skipped and described in {@link #notes()}.
     *
     * @param json the document
     * @return the trust root
     * @param source a name for error messages and notes (a file name)
     * @throws SignatureVerificationException when the document is not JSON or not a trusted root
     */
    public static TrustedRoot parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new SignatureVerificationException(source + ": trusted root is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SignatureVerificationException(source + ": trusted root is not a JSON object");
        }
        String mediaType = root.path("mediaType").asText("");
        if (!mediaType.startsWith(MEDIA_TYPE_PREFIX)) {
            throw new SignatureVerificationException(source + ": mediaType '" + mediaType
                    + "' is not application/vnd.dev.sigstore.trustedroot+json");
        }
        List<String> notes = new ArrayList<>();
        return new TrustedRoot(logs(root.path("tlogs"), source + " tlogs", notes),
                authorities(root.path("certificateAuthorities"), source + " certificateAuthorities", notes),
                logs(root.path("ctlogs"), source + " ctlogs", notes),
                authorities(root.path("timestampAuthorities"), source + " timestampAuthorities", notes), notes);
    }

    /** {@return the Rekor logs, one entry per key period} */
    public List<TransparencyLog> tlogs() {
        return tlogs;
    }

    /** {@return the Fulcio certificate authorities} */
    public List<CertificateAuthority> certificateAuthorities() {
        return certificateAuthorities;
    }

    /** {@return the certificate-transparency logs that sign SCTs} */
    public List<TransparencyLog> ctlogs() {
        return ctlogs;
    }

    /** {@return the RFC 3161 timestamp authorities} */
    public List<CertificateAuthority> timestampAuthorities() {
        return timestampAuthorities;
    }

    /** {@return one line per entry of the file that was skipped because it could not be used, saying why} */
    public List<String> notes() {
        return notes;
    }

    /**
     * {@return the Rekor log entries with this id (lower-case hex), in file order; empty when none}
     *
     * @param logIdHex the log id
     */
    public List<TransparencyLog> tlogs(String logIdHex) {
        return tlogsById.getOrDefault(logIdHex, List.of());
    }

    /**
     * {@return the CT log entries with this id (lower-case hex), in file order; empty when none}
     *
     * @param logIdHex the log id
     */
    public List<TransparencyLog> ctlogs(String logIdHex) {
        return ctlogsById.getOrDefault(logIdHex, List.of());
    }

    /** {@return whether the root lists nothing at all} */
    public boolean isEmpty() {
        return tlogs.isEmpty() && certificateAuthorities.isEmpty() && ctlogs.isEmpty() && timestampAuthorities.isEmpty();
    }

    @Override
    public String toString() {
        return "TrustedRoot[" + tlogs.size() + " tlogs, " + certificateAuthorities.size() + " CAs, " + ctlogs.size()
                + " CT logs, " + timestampAuthorities.size() + " TSAs" + (notes.isEmpty() ? "" : ", " + notes.size()
                + " skipped") + "]";
    }

    private static Map<String, List<TransparencyLog>> index(List<TransparencyLog> logs) {
        Map<String, List<TransparencyLog>> byId = new HashMap<>();
        for (TransparencyLog log : logs) {
            byId.computeIfAbsent(log.logIdHex(), id -> new ArrayList<>()).add(log);
        }
        byId.replaceAll((id, list) -> List.copyOf(list));
        return Map.copyOf(byId);
    }

    /** A problem with one entry: it is skipped. */
    private static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    private static List<TransparencyLog> logs(JsonNode array, String where, List<String> notes) {
        List<TransparencyLog> logs = new ArrayList<>();
        int index = 0;
        for (JsonNode log : array) {
            String at = where + "[" + index++ + "]";
            try {
                logs.add(log(log, at));
            } catch (Unusable e) {
                notes.add(at + " (" + log.path("baseUrl").asText("no baseUrl") + ") skipped: " + e.getMessage());
            }
        }
        return logs;
    }

    private static TransparencyLog log(JsonNode log, String at) throws Unusable {
        String hashAlgorithm = log.path("hashAlgorithm").asText("SHA2_256");
        if (!hashAlgorithm.equals("SHA2_256")) {
            throw new Unusable("hash algorithm " + hashAlgorithm + " is not SHA2_256");
        }
        JsonNode key = log.path("publicKey");
        byte[] raw = base64(key.path("rawBytes"), "publicKey.rawBytes");
        String details = key.path("keyDetails").asText("");
        PublicKey publicKey;
        try {
            publicKey = !details.isEmpty() && SignatureScheme.isPkcs1(details) ? PublicKeys.parsePkcs1(raw)
                    : PublicKeys.parseDer(raw);
            if (details.isEmpty()) {
                details = TransparencyLog.inferKeyDetails(publicKey);
            }
        } catch (SignatureVerificationException e) {
            throw new Unusable(e.getMessage());
        }
        if (SignatureScheme.forKeyDetails(details).isEmpty()) {
            throw new Unusable("key details " + details + " are not a signature scheme Palisade verifies");
        }
        byte[] logId = base64(log.path("logId").path("keyId"), "logId.keyId");
        JsonNode validFor = key.path("validFor");
        Instant start = instant(validFor.path("start"), "publicKey.validFor.start")
                .orElseThrow(() -> new Unusable("publicKey.validFor.start is missing"));
        try {
            return new TransparencyLog(log.path("baseUrl").asText(""), Hex.encode(logId), publicKey, details, start,
                    instant(validFor.path("end"), "publicKey.validFor.end"));
        } catch (SignatureVerificationException e) {
            throw new Unusable(e.getMessage());
        }
    }

    private static List<CertificateAuthority> authorities(JsonNode array, String where, List<String> notes) {
        List<CertificateAuthority> authorities = new ArrayList<>();
        int index = 0;
        for (JsonNode authority : array) {
            String at = where + "[" + index++ + "]";
            try {
                List<X509Certificate> chain = new ArrayList<>();
                int position = 0;
                for (JsonNode cert : authority.path("certChain").path("certificates")) {
                    chain.add(certificate(base64(cert.path("rawBytes"), "certChain.certificates[" + position + "].rawBytes")));
                    position++;
                }
                if (chain.isEmpty()) {
                    throw new Unusable("certChain.certificates is empty");
                }
                JsonNode validFor = authority.path("validFor");
                authorities.add(new CertificateAuthority(authority.path("uri").asText(""), chain,
                        instant(validFor.path("start"), "validFor.start").orElse(Instant.EPOCH),
                        instant(validFor.path("end"), "validFor.end")));
            } catch (Unusable e) {
                notes.add(at + " (" + authority.path("uri").asText("no uri") + ") skipped: " + e.getMessage());
            }
        }
        return authorities;
    }

    private static byte[] base64(JsonNode node, String what) throws Unusable {
        if (!node.isTextual()) {
            throw new Unusable(what + " is missing");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new Unusable(what + " is not valid base64");
        }
    }

    private static Optional<Instant> instant(JsonNode node, String what) throws Unusable {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException e) {
            throw new Unusable(what + " '" + node.asText() + "' is not an RFC 3339 time");
        }
    }

    private static X509Certificate certificate(byte[] der) throws Unusable {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new Unusable("invalid certificate: " + e.getMessage());
        }
    }
}
