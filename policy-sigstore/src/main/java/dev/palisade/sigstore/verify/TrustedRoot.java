package dev.palisade.sigstore.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.sigstore.verify.internal.Hex;
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
import java.util.List;
import java.util.Optional;

/**
 * The Sigstore trust material a verification relies on, as in {@code trusted_root.json}
 * ({@code application/vnd.dev.sigstore.trustedroot+json;version=0.1}): Rekor logs, Fulcio CAs, CT
 * logs and timestamp authorities, each with a validity window. Immutable and thread-safe; read it
 * once and share it.
 */
public record TrustedRoot(List<TransparencyLog> tlogs, List<CertificateAuthority> certificateAuthorities,
        List<TransparencyLog> ctlogs, List<CertificateAuthority> timestampAuthorities) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrustedRoot {
        tlogs = List.copyOf(tlogs);
        certificateAuthorities = List.copyOf(certificateAuthorities);
        ctlogs = List.copyOf(ctlogs);
        timestampAuthorities = List.copyOf(timestampAuthorities);
    }

    /**
     * Reads a {@code trusted_root.json} file.
     *
     * @throws SignatureVerificationException when the file cannot be read or is not a valid trusted root
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
     * Parses trusted-root JSON.
     *
     * @param source a name for error messages (a file name)
     * @throws SignatureVerificationException when it is not a valid trusted root
     */
    public static TrustedRoot parse(byte[] json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new SignatureVerificationException(source + ": trusted root is not a JSON object");
            }
            String mediaType = root.path("mediaType").asText("");
            if (!mediaType.startsWith("application/vnd.dev.sigstore.trustedroot")) {
                throw new SignatureVerificationException(source + ": mediaType '" + mediaType
                        + "' is not application/vnd.dev.sigstore.trustedroot+json");
            }
            return new TrustedRoot(logs(root.path("tlogs"), source + " tlogs"),
                    authorities(root.path("certificateAuthorities"), source + " certificateAuthorities"),
                    logs(root.path("ctlogs"), source + " ctlogs"),
                    authorities(root.path("timestampAuthorities"), source + " timestampAuthorities"));
        } catch (IOException e) {
            throw new SignatureVerificationException(source + ": trusted root is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<TransparencyLog> logs(JsonNode array, String where) {
        List<TransparencyLog> logs = new ArrayList<>();
        int index = 0;
        for (JsonNode log : array) {
            String at = where + "[" + index++ + "]";
            JsonNode key = log.path("publicKey");
            byte[] der = base64(key.path("rawBytes"), at + ".publicKey.rawBytes");
            PublicKey publicKey = PublicKeys.parseDer(der);
            byte[] logId = base64(log.path("logId").path("keyId"), at + ".logId.keyId");
            JsonNode validFor = key.path("validFor");
            logs.add(new TransparencyLog(log.path("baseUrl").asText(""), Hex.encode(logId), publicKey,
                    instant(validFor.path("start"), at).orElse(Instant.EPOCH), instant(validFor.path("end"), at)));
        }
        return logs;
    }

    private static List<CertificateAuthority> authorities(JsonNode array, String where) {
        List<CertificateAuthority> authorities = new ArrayList<>();
        int index = 0;
        for (JsonNode authority : array) {
            String at = where + "[" + index++ + "]";
            List<X509Certificate> chain = new ArrayList<>();
            for (JsonNode cert : authority.path("certChain").path("certificates")) {
                chain.add(certificate(base64(cert.path("rawBytes"), at + ".certChain"), at));
            }
            if (chain.isEmpty()) {
                throw new SignatureVerificationException(at + ": certChain.certificates is empty");
            }
            JsonNode validFor = authority.path("validFor");
            authorities.add(new CertificateAuthority(authority.path("uri").asText(""), chain,
                    instant(validFor.path("start"), at).orElse(Instant.EPOCH), instant(validFor.path("end"), at)));
        }
        return authorities;
    }

    private static byte[] base64(JsonNode node, String where) {
        if (!node.isTextual()) {
            throw new SignatureVerificationException(where + ": missing base64 value");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(where + ": invalid base64: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> instant(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException e) {
            throw new SignatureVerificationException(where + ": invalid validFor time '" + node.asText() + "'", e);
        }
    }

    private static X509Certificate certificate(byte[] der, String where) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new SignatureVerificationException(where + ": invalid certificate: " + e.getMessage(), e);
        }
    }
}
