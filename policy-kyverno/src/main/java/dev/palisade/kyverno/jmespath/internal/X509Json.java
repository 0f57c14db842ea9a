package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.internal.gotime.GoTime;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Kyverno's {@code x509_decode}: a PEM certificate as the JSON of Go's {@code x509.Certificate}
 * (field names and encodings of Go's {@code encoding/json}: byte slices in base64, times in RFC
 * 3339, names as {@code pkix.Name}), RSA keys only, as Kyverno. Certificate requests and the
 * rarely used constraint fields (name constraints, policies) are not decoded: they read as null.
 */
public final class X509Json {
    private static final Map<String, Integer> SIGNATURE_ALGORITHMS = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", 1), Map.entry("1.2.840.113549.1.1.4", 2),
            Map.entry("1.2.840.113549.1.1.5", 3), Map.entry("1.2.840.113549.1.1.11", 4),
            Map.entry("1.2.840.113549.1.1.12", 5), Map.entry("1.2.840.113549.1.1.13", 6),
            Map.entry("1.2.840.10040.4.3", 7), Map.entry("2.16.840.1.101.3.4.3.2", 8),
            Map.entry("1.2.840.10045.4.1", 9), Map.entry("1.2.840.10045.4.3.2", 10),
            Map.entry("1.2.840.10045.4.3.3", 11), Map.entry("1.2.840.10045.4.3.4", 12),
            Map.entry("1.2.840.113549.1.1.10", 13), Map.entry("1.3.101.112", 16));
    private static final Map<String, Integer> EXT_KEY_USAGES = Map.ofEntries(
            Map.entry("2.5.29.37.0", 0), Map.entry("1.3.6.1.5.5.7.3.1", 1), Map.entry("1.3.6.1.5.5.7.3.2", 2),
            Map.entry("1.3.6.1.5.5.7.3.3", 3), Map.entry("1.3.6.1.5.5.7.3.4", 4), Map.entry("1.3.6.1.5.5.7.3.5", 5),
            Map.entry("1.3.6.1.5.5.7.3.6", 6), Map.entry("1.3.6.1.5.5.7.3.7", 7), Map.entry("1.3.6.1.5.5.7.3.8", 8),
            Map.entry("1.3.6.1.5.5.7.3.9", 9), Map.entry("1.3.6.1.4.1.311.10.3.3", 10),
            Map.entry("2.16.840.1.113730.4.1", 11), Map.entry("1.3.6.1.4.1.311.2.1.22", 12),
            Map.entry("1.3.6.1.4.1.311.61.1.1", 13));

    private X509Json() {
    }

    public static JsonNode decode(String pem) {
        byte[] der = pemBlock(pem);
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new FunctionError("x509: " + e.getMessage());
        }
        if (!(cert.getPublicKey() instanceof RSAPublicKey rsa)) {
            throw new FunctionError("certificate should use rsa algorithm");
        }
        Der.Element certSeq = Der.read(der);
        List<Der.Element> top = certSeq.children();
        Der.Element tbs = top.get(0);
        List<Der.Element> fields = tbs.children();
        int k = fields.get(0).tag() == 0xa0 ? 1 : 0;
        Der.Element issuer = fields.get(k + 2);
        Der.Element subject = fields.get(k + 4);
        Der.Element spki = fields.get(k + 5);
        Der.Element extensions = null;
        for (int j = k + 6; j < fields.size(); j++) {
            if (fields.get(j).tag() == 0xa3) {
                extensions = fields.get(j).children().get(0);
            }
        }
        ObjectNode o = Values.object();
        Base64.Encoder b64 = Base64.getEncoder();
        o.put("Raw", b64.encodeToString(der));
        o.put("RawTBSCertificate", b64.encodeToString(tbs.encoded()));
        o.put("RawSubjectPublicKeyInfo", b64.encodeToString(spki.encoded()));
        o.put("RawSubject", b64.encodeToString(subject.encoded()));
        o.put("RawIssuer", b64.encodeToString(issuer.encoded()));
        o.put("Signature", b64.encodeToString(cert.getSignature()));
        o.put("SignatureAlgorithm", SIGNATURE_ALGORITHMS.getOrDefault(cert.getSigAlgOID(), 0));
        o.put("PublicKeyAlgorithm", 1);
        ObjectNode key = o.putObject("PublicKey");
        key.put("N", rsa.getModulus().toString());
        key.put("E", rsa.getPublicExponent().longValue());
        o.put("Version", cert.getVersion());
        o.set("SerialNumber", Values.F.numberNode(new BigInteger(cert.getSerialNumber().toString())));
        o.set("Issuer", name(issuer));
        o.set("Subject", name(subject));
        o.put("NotBefore", time(cert.getNotBefore().toInstant()));
        o.put("NotAfter", time(cert.getNotAfter().toInstant()));
        boolean[] usage = cert.getKeyUsage();
        int bits = 0;
        if (usage != null) {
            for (int j = 0; j < usage.length && j < 9; j++) {
                if (usage[j]) {
                    bits |= 1 << j;
                }
            }
        }
        o.put("KeyUsage", bits);
        ArrayNode exts = Values.array();
        if (extensions != null) {
            for (Der.Element ext : extensions.children()) {
                List<Der.Element> parts = ext.children();
                ObjectNode e = exts.addObject();
                e.set("Id", oidArray(parts.get(0)));
                boolean critical = parts.size() == 3 && parts.get(1).content().length == 1 && parts.get(1).content()[0] != 0;
                e.put("Critical", critical);
                e.put("Value", b64.encodeToString(parts.get(parts.size() - 1).content()));
            }
        }
        o.set("Extensions", extensions == null ? Values.NULL : exts);
        o.set("ExtraExtensions", Values.NULL);
        o.set("UnhandledCriticalExtensions", Values.NULL);
        ArrayNode eku = Values.array();
        ArrayNode unknownEku = Values.array();
        try {
            List<String> ekus = cert.getExtendedKeyUsage();
            if (ekus != null) {
                for (String oid : ekus) {
                    Integer v = EXT_KEY_USAGES.get(oid);
                    if (v != null) {
                        eku.add(v);
                    } else {
                        ArrayNode parts = unknownEku.addArray();
                        for (String p : oid.split("\\.")) {
                            parts.add(Long.parseLong(p));
                        }
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new FunctionError("x509: " + e.getMessage());
        }
        o.set("ExtKeyUsage", eku.isEmpty() ? Values.NULL : eku);
        o.set("UnknownExtKeyUsage", unknownEku.isEmpty() ? Values.NULL : unknownEku);
        int pathLen = cert.getBasicConstraints();
        boolean hasBc = cert.getExtensionValue("2.5.29.19") != null;
        o.put("BasicConstraintsValid", hasBc);
        o.put("IsCA", pathLen >= 0);
        o.put("MaxPathLen", hasBc ? (pathLen == Integer.MAX_VALUE ? -1 : pathLen) : 0);
        o.put("MaxPathLenZero", hasBc && pathLen == 0);
        o.set("SubjectKeyId", keyId(cert.getExtensionValue("2.5.29.14"), false));
        o.set("AuthorityKeyId", keyId(cert.getExtensionValue("2.5.29.35"), true));
        o.set("OCSPServer", Values.NULL);
        o.set("IssuingCertificateURL", Values.NULL);
        ArrayNode dns = Values.array();
        ArrayNode emails = Values.array();
        ArrayNode ips = Values.array();
        ArrayNode uris = Values.array();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1));
                    switch (type) {
                        case 1 -> emails.add(value);
                        case 2 -> dns.add(value);
                        case 6 -> uris.add(value);
                        case 7 -> ips.add(value);
                        default -> { }
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new FunctionError("x509: " + e.getMessage());
        }
        o.set("DNSNames", dns.isEmpty() ? Values.NULL : dns);
        o.set("EmailAddresses", emails.isEmpty() ? Values.NULL : emails);
        o.set("IPAddresses", ips.isEmpty() ? Values.NULL : ips);
        o.set("URIs", uris.isEmpty() ? Values.NULL : uris);
        for (String f : new String[] {"PermittedDNSDomains", "ExcludedDNSDomains", "PermittedIPRanges",
            "ExcludedIPRanges", "PermittedEmailAddresses", "ExcludedEmailAddresses", "PermittedURIDomains",
            "ExcludedURIDomains", "CRLDistributionPoints", "PolicyIdentifiers", "Policies", "PolicyMappings"}) {
            o.set(f, Values.NULL);
        }
        o.put("PermittedDNSDomainsCritical", false);
        o.put("InhibitAnyPolicy", 0);
        o.put("InhibitAnyPolicyZero", false);
        o.put("InhibitPolicyMapping", 0);
        o.put("InhibitPolicyMappingZero", false);
        o.put("RequireExplicitPolicy", 0);
        o.put("RequireExplicitPolicyZero", false);
        return o;
    }

    private static byte[] pemBlock(String pem) {
        int begin = pem.indexOf("-----BEGIN ");
        if (begin < 0) {
            throw new FunctionError("failed to decode PEM block");
        }
        int typeEnd = pem.indexOf("-----", begin + 11);
        if (typeEnd < 0) {
            throw new FunctionError("failed to decode PEM block");
        }
        String type = pem.substring(begin + 11, typeEnd);
        int end = pem.indexOf("-----END " + type + "-----", typeEnd);
        if (end < 0) {
            throw new FunctionError("failed to decode PEM block");
        }
        if (type.equals("CERTIFICATE REQUEST")) {
            throw new FunctionError("x509_decode: certificate requests are not supported by Palisade");
        }
        if (!type.equals("CERTIFICATE")) {
            throw new FunctionError("PEM block neither contains a CERTIFICATE or CERTIFICATE REQUEST");
        }
        String body = pem.substring(typeEnd + 5, end).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new FunctionError("failed to decode PEM block");
        }
    }

    private static String time(Instant i) {
        return GoTime.format(OffsetDateTime.ofInstant(i, ZoneOffset.UTC), GoTime.RFC3339);
    }

    private static JsonNode keyId(byte[] extension, boolean authority) {
        if (extension == null) {
            return Values.NULL;
        }
        Der.Element inner = Der.read(Der.read(extension).content());
        byte[] id;
        if (authority) {
            id = null;
            for (Der.Element c : inner.children()) {
                if (c.tag() == 0x80) {
                    id = c.content();
                }
            }
            if (id == null) {
                return Values.NULL;
            }
        } else {
            id = inner.content();
        }
        return Values.text(Base64.getEncoder().encodeToString(id));
    }

    private static ArrayNode oidArray(Der.Element oid) {
        ArrayNode out = Values.array();
        for (String p : Der.oid(oid.content()).split("\\.")) {
            out.add(Long.parseLong(p));
        }
        return out;
    }

    private static JsonNode name(Der.Element rdnSequence) {
        ObjectNode n = Values.object();
        List<String[]> attrs = new ArrayList<>();
        ArrayNode names = Values.array();
        for (Der.Element rdn : rdnSequence.children()) {
            for (Der.Element atv : rdn.children()) {
                List<Der.Element> parts = atv.children();
                String oid = Der.oid(parts.get(0).content());
                String value = new String(parts.get(1).content(),
                        parts.get(1).tag() == 0x1e ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8);
                attrs.add(new String[] {oid, value});
                ObjectNode entry = names.addObject();
                entry.set("Type", oidArray(parts.get(0)));
                entry.put("Value", value);
            }
        }
        n.set("Country", list(attrs, "2.5.4.6"));
        n.set("Organization", list(attrs, "2.5.4.10"));
        n.set("OrganizationalUnit", list(attrs, "2.5.4.11"));
        n.set("Locality", list(attrs, "2.5.4.7"));
        n.set("Province", list(attrs, "2.5.4.8"));
        n.set("StreetAddress", list(attrs, "2.5.4.9"));
        n.set("PostalCode", list(attrs, "2.5.4.17"));
        n.put("SerialNumber", last(attrs, "2.5.4.5"));
        n.put("CommonName", last(attrs, "2.5.4.3"));
        n.set("Names", names.isEmpty() ? Values.NULL : names);
        n.set("ExtraNames", Values.NULL);
        return n;
    }

    private static JsonNode list(List<String[]> attrs, String oid) {
        ArrayNode out = Values.array();
        for (String[] a : attrs) {
            if (a[0].equals(oid)) {
                out.add(a[1]);
            }
        }
        return out.isEmpty() ? Values.NULL : out;
    }

    private static String last(List<String[]> attrs, String oid) {
        String v = "";
        for (String[] a : attrs) {
            if (a[0].equals(oid)) {
                v = a[1];
            }
        }
        return v;
    }

    /** A minimal DER reader (definite lengths only, as DER requires). */
    static final class Der {
        record Element(int tag, byte[] encoded, int headerLength) {
            byte[] content() {
                return java.util.Arrays.copyOfRange(encoded, headerLength, encoded.length);
            }

            List<Element> children() {
                List<Element> out = new ArrayList<>();
                byte[] c = content();
                int pos = 0;
                while (pos < c.length) {
                    Element e = readAt(c, pos);
                    out.add(e);
                    pos += e.encoded().length;
                }
                return out;
            }
        }

        static Element read(byte[] data) {
            return readAt(data, 0);
        }

        private static Element readAt(byte[] d, int pos) {
            try {
                int tag = d[pos] & 0xff;
                int len = d[pos + 1] & 0xff;
                int header = 2;
                if (len >= 0x80) {
                    int n = len & 0x7f;
                    if (n == 0 || n > 4) {
                        throw new FunctionError("x509: malformed DER length");
                    }
                    len = 0;
                    for (int j = 0; j < n; j++) {
                        len = (len << 8) | (d[pos + 2 + j] & 0xff);
                    }
                    header += n;
                }
                if (len < 0 || pos + header + len > d.length) {
                    throw new FunctionError("x509: truncated DER");
                }
                return new Element(tag, java.util.Arrays.copyOfRange(d, pos, pos + header + len), header);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new FunctionError("x509: truncated DER");
            }
        }

        static String oid(byte[] c) {
            StringBuilder out = new StringBuilder();
            long v = 0;
            boolean first = true;
            for (byte b : c) {
                v = (v << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) {
                    if (first) {
                        long x = v < 80 ? v / 40 : 2;
                        out.append(x).append('.').append(v - x * 40);
                        first = false;
                    } else {
                        out.append('.').append(v);
                    }
                    v = 0;
                }
            }
            return out.toString();
        }
    }
}
