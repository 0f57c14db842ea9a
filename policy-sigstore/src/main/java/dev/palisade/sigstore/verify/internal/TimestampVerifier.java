package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.CertificateAuthority;
import dev.palisade.sigstore.verify.RejectionReason;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Verifies an RFC 3161 timestamp over signature bytes against the timestamp authorities of the
 * trusted root and returns its generation time.
 */
public final class TimestampVerifier {
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
        List<String> problems = new ArrayList<>();
        for (CertificateAuthority authority : authorities) {
            try {
                token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(authority.certChain().get(0)));
            } catch (TSPException | OperatorCreationException | RuntimeException e) {
                problems.add(authority.uri() + ": " + e.getMessage());
                continue;
            }
            if (!authority.validAt(genTime)) {
                problems.add(authority.uri() + " is not trusted at " + genTime);
                continue;
            }
            List<X509Certificate> chain = authority.certChain();
            if (chain.size() > 1) {
                try {
                    ChainValidator.validate(chain.get(0), List.of(), List.of(new CertificateAuthority(authority.uri(),
                            chain.subList(1, chain.size()), authority.validFrom(), authority.validUntil())), genTime);
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

    private static TimeStampToken parse(byte[] der) throws Rejected {
        try {
            TimeStampToken token = new TimeStampResponse(der).getTimeStampToken();
            if (token != null) {
                return token;
            }
        } catch (TSPException | IOException | RuntimeException e) {
            // not a response; try a bare token below
        }
        try {
            return new TimeStampToken(ContentInfo.getInstance(der));
        } catch (TSPException | IOException | RuntimeException e) {
            throw new Rejected(RejectionReason.TIMESTAMP_INVALID, "RFC 3161 timestamp is malformed: " + e.getMessage());
        }
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
