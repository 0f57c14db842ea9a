package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.CertificateAuthority;
import dev.palisade.sigstore.verify.RejectionReason;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a leaf certificate's chain to one of the trusted certificate authorities at a given time
 * (the signing time: Fulcio leaves live minutes), with the RFC 5280 path checks that Sigstore PKIs
 * exercise: each certificate names its issuer and is signed by it, every certificate is valid at the
 * time, issuers are CAs allowed to sign certificates within their path length, no certificate carries a
 * critical extension this validator does not understand, and intermediates that restrict their extended
 * key usage allow the purpose (code signing or timestamping). Revocation is not checked (Fulcio publishes
 * none). The signatures inside a trusted authority's own chain are checked once and remembered.
 */
public final class ChainValidator {
    /** Extended key usage of Fulcio leaves. */
    public static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    /** Extended key usage of timestamping leaves. */
    public static final String TIMESTAMPING = "1.3.6.1.5.5.7.3.8";
    private static final String ANY_USAGE = "2.5.29.37.0";
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("2.5.29.15", "2.5.29.17", "2.5.29.19", "2.5.29.37",
            "2.5.29.32");
    private static final int MAX_REMEMBERED = 4096;
    private static final ConcurrentHashMap<Pair, Boolean> VERIFIED = new ConcurrentHashMap<>();

    /** Two certificate objects compared by identity: a child and the issuer whose signature it carries. */
    private record Pair(X509Certificate child, X509Certificate issuer) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Pair that && that.child == child && that.issuer == issuer;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(child) + System.identityHashCode(issuer);
        }
    }

    private ChainValidator() {
    }

    /** {@link #validate(X509Certificate, List, List, Instant, String)} for code signing. */
    public static X509Certificate validate(X509Certificate leaf, List<X509Certificate> presented,
            List<CertificateAuthority> authorities, Instant time) throws Rejected {
        return validate(leaf, presented, authorities, time, CODE_SIGNING);
    }

    /**
     * Validates the chain and returns the certificate that issued the leaf.
     *
     * @param presented certificates that came with the signature; used only when the trusted CA entry
     *     holds a root alone
     * @param purpose the extended key usage the chain must allow
     */
    public static X509Certificate validate(X509Certificate leaf, List<X509Certificate> presented,
            List<CertificateAuthority> authorities, Instant time, String purpose) throws Rejected {
        Rejected best = new Rejected(RejectionReason.CHAIN_UNTRUSTED, "certificate issued by '"
                + leaf.getIssuerX500Principal().getName() + "' does not chain to a certificate authority of the trusted root");
        Date date = Date.from(time);
        for (CertificateAuthority authority : authorities) {
            List<X509Certificate> path = new ArrayList<>(4);
            path.add(leaf);
            boolean trustedPath = !authority.intermediates().isEmpty();
            if (trustedPath) {
                path.addAll(authority.intermediates());
            } else {
                presented.stream().filter(c -> !Certificates.selfIssued(c) && !c.equals(leaf)).forEach(path::add);
            }
            X509Certificate root = authority.root();
            if (!path.get(path.size() - 1).getIssuerX500Principal().equals(root.getSubjectX500Principal())
                    || !keyIdentifiersAgree(path, root)) {
                continue; // another authority (CAs of different generations share names, not keys)
            }
            if (!authority.validAt(time)) {
                best = new Rejected(RejectionReason.CA_OUTSIDE_VALIDITY, "certificate authority " + authority.uri()
                        + " is trusted from " + authority.validFrom() + authority.validUntil().map(e -> " until " + e).orElse("")
                        + ", not at signing time " + time);
                continue;
            }
            try {
                check(path, root, date, purpose, trustedPath, authority.uri());
            } catch (Rejected e) {
                best = e;
                continue;
            }
            return path.size() > 1 ? path.get(1) : root;
        }
        throw best;
    }

    private static void check(List<X509Certificate> path, X509Certificate root, Date date, String purpose,
            boolean trustedPath, String uri) throws Rejected {
        int n = path.size();
        for (int i = 0; i < n; i++) {
            X509Certificate certificate = path.get(i);
            X509Certificate issuer = i + 1 < n ? path.get(i + 1) : root;
            criticalExtensions(certificate, i);
            if (i > 0) {
                requireCa(certificate, i, i - 1, purpose);
            }
            if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new Rejected(RejectionReason.CHAIN_UNTRUSTED, "certificate at chain index " + i + " is issued by '"
                        + certificate.getIssuerX500Principal().getName() + "', not by the next certificate of " + uri);
            }
            if (!validAt(certificate, date)) {
                if (i == 0) {
                    throw new Rejected(date.before(certificate.getNotBefore()) ? RejectionReason.CERTIFICATE_NOT_YET_VALID
                            : RejectionReason.CERTIFICATE_EXPIRED, "certificate is valid from "
                            + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant()
                            + ", not at " + date.toInstant());
                }
                throw new Rejected(RejectionReason.CA_OUTSIDE_VALIDITY, "certificate at chain index " + i + " of " + uri
                        + " is not valid at the signing time " + date.toInstant() + " (valid "
                        + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")");
            }
            boolean remember = trustedPath && i > 0;
            if (!signedBy(certificate, issuer, remember, trustedPath || issuer == root)) {
                throw new Rejected(RejectionReason.CHAIN_UNTRUSTED, "certificate at chain index " + i
                        + " is not signed by its issuer in " + uri);
            }
        }
        if (!validAt(root, date)) {
            throw new Rejected(RejectionReason.CA_OUTSIDE_VALIDITY, "root certificate of " + uri
                    + " is not valid at the signing time " + date.toInstant());
        }
        if (root.getBasicConstraints() < 0) {
            throw new Rejected(RejectionReason.INTERMEDIATE_NOT_CA, "root certificate of " + uri + " is not a CA certificate");
        }
        int rootLength = root.getBasicConstraints();
        if (rootLength >= 0 && rootLength != Integer.MAX_VALUE && n - 1 > rootLength) {
            throw new Rejected(RejectionReason.CHAIN_UNTRUSTED, "root certificate of " + uri + " allows " + rootLength
                    + " intermediates below it, the chain has " + (n - 1));
        }
    }

    /**
     * Whether, along the path, no certificate's authority key identifier names another key than its
     * issuer's subject key identifier (a cheap way to tell CAs of the same name apart before any signature
     * is checked; a certificate without either extension is not excluded here).
     */
    private static boolean keyIdentifiersAgree(List<X509Certificate> path, X509Certificate root) {
        for (int i = 0; i < path.size(); i++) {
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : root;
            byte[] authorityKey = authorityKeyIdentifier(path.get(i));
            byte[] subjectKey = subjectKeyIdentifier(issuer);
            if (authorityKey != null && subjectKey != null && !java.util.Arrays.equals(authorityKey, subjectKey)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue("2.5.29.35");
        if (extension == null) {
            return null;
        }
        try {
            return org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue("2.5.29.14");
        if (extension == null) {
            return null;
        }
        try {
            return org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean validAt(X509Certificate certificate, Date date) {
        return !date.before(certificate.getNotBefore()) && !date.after(certificate.getNotAfter());
    }

    private static void requireCa(X509Certificate certificate, int index, int below, String purpose) throws Rejected {
        int pathLength = certificate.getBasicConstraints();
        if (pathLength < 0) {
            throw new Rejected(RejectionReason.INTERMEDIATE_NOT_CA, "certificate at chain index " + index
                    + " is not a CA certificate (basic constraints)");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && (usage.length < 6 || !usage[5])) {
            throw new Rejected(RejectionReason.INTERMEDIATE_NOT_CA, "certificate at chain index " + index
                    + " may not sign certificates (key usage lacks keyCertSign)");
        }
        if (pathLength != Integer.MAX_VALUE && below > pathLength) {
            throw new Rejected(RejectionReason.CHAIN_UNTRUSTED, "certificate at chain index " + index + " allows "
                    + pathLength + " intermediates below it, the chain has " + below);
        }
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            if (usages != null && !usages.contains(purpose) && !usages.contains(ANY_USAGE)) {
                throw new Rejected(RejectionReason.CHAIN_UNTRUSTED, "intermediate at chain index " + index
                        + " restricts extended key usage to " + usages + ", which excludes " + purpose);
            }
        } catch (CertificateParsingException e) {
            throw new Rejected(RejectionReason.CHAIN_UNTRUSTED, "certificate at chain index " + index
                    + " has a malformed extended key usage");
        }
    }

    private static void criticalExtensions(X509Certificate certificate, int index) throws Rejected {
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        if (critical == null) {
            return;
        }
        for (String oid : critical) {
            if (!UNDERSTOOD_CRITICAL.contains(oid)) {
                throw new Rejected(RejectionReason.CHAIN_UNTRUSTED, "certificate at chain index " + index
                        + " has critical extension " + oid + ", which Palisade does not process");
            }
        }
    }

    /** Whether {@code certificate} carries a valid signature by {@code issuer}'s key. */
    static boolean signedBy(X509Certificate certificate, X509Certificate issuer, boolean remember, boolean trustedIssuer) {
        Pair pair = new Pair(certificate, issuer);
        if (remember && VERIFIED.containsKey(pair)) {
            return true;
        }
        boolean valid;
        String algorithm = certificate.getSigAlgName();
        try {
            String ecdsaDigest = switch (algorithm) {
                case "SHA256withECDSA" -> "SHA-256";
                case "SHA384withECDSA" -> "SHA-384";
                case "SHA512withECDSA" -> "SHA-512";
                default -> null;
            };
            if (ecdsaDigest != null) {
                valid = FastVerify.ecdsa(issuer.getPublicKey(), ecdsaDigest, certificate.getTBSCertificate(),
                        certificate.getSignature(), trustedIssuer);
            } else if (certificate.getSigAlgParams() != null || algorithm.contains("PSS")) {
                certificate.verify(issuer.getPublicKey());
                valid = true;
            } else {
                Signature signature = Signatures.instance(algorithm);
                signature.initVerify(issuer.getPublicKey());
                signature.update(certificate.getTBSCertificate());
                valid = signature.verify(certificate.getSignature());
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            Signatures.discard(algorithm);
            valid = false;
        }
        if (valid && remember) {
            if (VERIFIED.size() >= MAX_REMEMBERED) {
                VERIFIED.clear();
            }
            VERIFIED.put(pair, Boolean.TRUE);
        }
        return valid;
    }
}
