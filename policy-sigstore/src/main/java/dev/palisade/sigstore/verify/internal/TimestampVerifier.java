package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.CertificateAuthority;
import dev.palisade.sigstore.verify.RejectionReason;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Verifies an RFC 3161 timestamp over signature bytes against the timestamp authorities of the
 * trusted root and returns its generation time. For one authority to vouch for it: the message imprint
 * is the hash of the signature; the token's signature verifies with the authority's timestamping
 * certificate (the leaf of its chain in the trusted root; a certificate embedded in the token must be that
 * one), which names the signer in its ESS signing-certificate attribute, is valid at the generation time
 * and allows only timestamping (critical extended key usage); the leaf chains to the authority's root at
 * that time; and the authority's validity window in the trusted root (both ends included) covers it.
 */
public final class TimestampVerifier {
    /** Bouncy Castle's provider, for its fast ECDSA; used only here and never registered with the JDK. */
    private static final java.security.Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private TimestampVerifier() {
    }

    /**
     * @param der a DER TimeStampResponse (or bare TimeStampToken)
     * @param signature the bytes the timestamp must cover (its message imprint)
     */
    public static Instant verify(byte[] der, byte[] signature, List<CertificateAuthority> authorities) throws Rejected {
        TimeStampToken token = parse(der);
        TimeStampTokenInfo info = token.getTimeStampInfo();
        byte[] expected = digest(info.getMessageImprintAlgOID().getId(), signature);
        if (!MessageDigest.isEqual(expected, info.getMessageImprintDigest())) {
            throw new Rejected(RejectionReason.TIMESTAMP_INVALID, "RFC 3161 timestamp does not cover this signature");
        }
        Instant genTime = info.getGenTime().toInstant();
        List<X509Certificate> embedded = embedded(token);
        List<String> problems = new ArrayList<>();
        for (CertificateAuthority authority : authorities) {
            List<X509Certificate> chain = authority.certChain();
            X509Certificate leaf = chain.get(0);
            if (leaf.getBasicConstraints() >= 0) {
                // the trusted root names only CAs: the token must carry the timestamping certificate
                leaf = embedded.stream().filter(c -> c.getBasicConstraints() < 0).findFirst().orElse(null);
                if (leaf == null) {
                    problems.add(authority.uri() + ": the trusted root gives no timestamping certificate and the"
                            + " timestamp embeds none");
                    continue;
                }
            } else if (embedded.stream().anyMatch(c -> c.getBasicConstraints() < 0 && !c.equals(chain.get(0)))) {
                problems.add(authority.uri() + ": the timestamp embeds another signing certificate");
                continue;
            }
            try {
                token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(PROVIDER).build(leaf));
            } catch (TSPException | OperatorCreationException | RuntimeException e) {
                problems.add(authority.uri() + ": " + e.getMessage());
                continue;
            }
            if (!authority.validAt(genTime)) {
                problems.add(authority.uri() + " is trusted from " + authority.validFrom()
                        + authority.validUntil().map(end -> " until " + end).orElse("") + ", not at " + genTime);
                continue;
            }
            List<X509Certificate> intermediates = chain.get(0) == leaf ? chain.subList(1, chain.size() - 1)
                    : chain.subList(0, chain.size() - 1);
            X509Certificate root = chain.get(chain.size() - 1);
            if (leaf != root) {
                try {
                    ChainValidator.validate(leaf, List.of(), List.of(new CertificateAuthority(authority.uri(),
                            concat(intermediates, root), authority.validFrom(), authority.validUntil())), genTime,
                            ChainValidator.TIMESTAMPING);
                } catch (Rejected e) {
                    problems.add(authority.uri() + ": " + e.getMessage());
                    continue;
                }
            }
            return genTime;
        }
        throw new Rejected(RejectionReason.TIMESTAMP_INVALID, authorities.isEmpty()
                ? "signature carries an RFC 3161 timestamp but the trusted root lists no timestamp authority"
                : "RFC 3161 timestamp does not verify with a trusted timestamp authority: " + String.join("; ", problems));
    }

    private static List<X509Certificate> concat(List<X509Certificate> intermediates, X509Certificate root) {
        List<X509Certificate> all = new ArrayList<>(intermediates);
        all.add(root);
        return all;
    }

    private static List<X509Certificate> embedded(TimeStampToken token) throws Rejected {
        List<X509Certificate> certificates = new ArrayList<>();
        Collection<X509CertificateHolder> holders;
        try {
            holders = token.getCertificates().getMatches(null);
        } catch (RuntimeException e) {
            // Bouncy Castle reads the embedded certificates only now, and throws on malformed DER
            throw new Rejected(RejectionReason.TIMESTAMP_INVALID, "RFC 3161 timestamp is malformed: an embedded"
                    + " certificate cannot be read (" + e.getMessage() + ")");
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (X509CertificateHolder holder : holders) {
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                // an unreadable embedded certificate cannot be the signer
            }
        }
        return certificates;
    }

    private static TimeStampToken parse(byte[] der) throws Rejected {
        TimeStampToken token = null;
        try {
            TimeStampResponse response = new TimeStampResponse(der);
            // RFC 3161 2.4.2: only granted (0) and grantedWithMods (1) answers carry a token
            if (response.getStatus() != 0 && response.getStatus() != 1) {
                throw new Rejected(RejectionReason.TIMESTAMP_INVALID, "RFC 3161 timestamp response has status "
                        + response.getStatus() + ", which grants no timestamp");
            }
            token = response.getTimeStampToken();
        } catch (TSPException | IOException | RuntimeException e) {
            // not a response; try a bare token below
        }
        if (token == null) {
            try {
                token = new TimeStampToken(ContentInfo.getInstance(der));
            } catch (TSPException | IOException | RuntimeException e) {
                throw new Rejected(RejectionReason.TIMESTAMP_INVALID, "RFC 3161 timestamp is malformed: " + e.getMessage());
            }
        }
        // RFC 3161 2.4.2: the token is a ContentInfo of type id-signedData (Bouncy Castle reads the content as
        // SignedData whatever the type says; sigstore-go's parser refuses another type, and so does Palisade)
        ASN1ObjectIdentifier type = token.toCMSSignedData().toASN1Structure().getContentType();
        if (!CMSObjectIdentifiers.signedData.equals(type)) {
            throw new Rejected(RejectionReason.TIMESTAMP_INVALID, "RFC 3161 timestamp is malformed: its content type is "
                    + type + ", not id-signedData");
        }
        // the token's list of digest algorithms must read and name its signer's (RFC 5652 5.1), as strict
        // DER parsers require; Bouncy Castle does not read the list when it verifies
        try {
            Set<ASN1ObjectIdentifier> listed = new HashSet<>();
            for (ASN1Encodable algorithm : SignedData.getInstance(token.toCMSSignedData().toASN1Structure().getContent())
                    .getDigestAlgorithms()) {
                listed.add(AlgorithmIdentifier.getInstance(algorithm).getAlgorithm());
            }
            for (SignerInformation signer : token.toCMSSignedData().getSignerInfos().getSigners()) {
                if (!listed.contains(new ASN1ObjectIdentifier(signer.getDigestAlgOID()))) {
                    throw new Rejected(RejectionReason.TIMESTAMP_INVALID, "RFC 3161 timestamp is malformed: its digest"
                            + " algorithms do not list its signer's " + signer.getDigestAlgOID());
                }
            }
        } catch (RuntimeException e) {
            throw new Rejected(RejectionReason.TIMESTAMP_INVALID, "RFC 3161 timestamp is malformed: " + e.getMessage());
        }
        return token;
    }

    private static byte[] digest(String oid, byte[] data) throws Rejected {
        String algorithm = switch (oid) {
            case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
            default -> throw new Rejected(RejectionReason.TIMESTAMP_INVALID, "unsupported timestamp imprint algorithm " + oid);
        };
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
