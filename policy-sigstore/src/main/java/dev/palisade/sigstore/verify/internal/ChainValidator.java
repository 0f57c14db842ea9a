package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.CertificateAuthority;
import dev.palisade.sigstore.verify.RejectionReason;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Validates a leaf certificate's chain to one of the trusted certificate authorities with PKIX at a
 * given time (the signing time: Fulcio leaves live minutes). Revocation is not checked (Fulcio
 * publishes none).
 */
public final class ChainValidator {
    private ChainValidator() {
    }

    /**
     * Validates the chain and returns the certificate that issued the leaf.
     *
     * @param presented certificates that came with the signature; used only when the trusted CA entry
     *     holds a root alone
     */
    public static X509Certificate validate(X509Certificate leaf, List<X509Certificate> presented,
            List<CertificateAuthority> authorities, Instant time) throws Rejected {
        Rejected best = new Rejected(RejectionReason.CHAIN_UNTRUSTED, "certificate issued by '"
                + leaf.getIssuerX500Principal().getName() + "' does not chain to a certificate authority of the trusted root");
        for (CertificateAuthority authority : authorities) {
            List<X509Certificate> path = new ArrayList<>();
            path.add(leaf);
            if (authority.intermediates().isEmpty()) {
                presented.stream().filter(c -> !Certificates.selfIssued(c) && !c.equals(leaf)).forEach(path::add);
            } else {
                path.addAll(authority.intermediates());
            }
            X509Certificate root = authority.root();
            if (!path.get(path.size() - 1).getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
                continue;
            }
            try {
                pkix(path, root, time);
            } catch (CertPathValidatorException e) {
                best = classify(e, authority);
                continue;
            } catch (GeneralSecurityException e) {
                best = new Rejected(RejectionReason.CHAIN_UNTRUSTED, "chain validation failed: " + e.getMessage());
                continue;
            }
            if (!authority.validAt(time)) {
                best = new Rejected(RejectionReason.CA_OUTSIDE_VALIDITY, "certificate authority " + authority.uri()
                        + " is trusted from " + authority.validFrom() + authority.validUntil().map(e -> " until " + e).orElse("")
                        + ", not at signing time " + time);
                continue;
            }
            return path.size() > 1 ? path.get(1) : root;
        }
        throw best;
    }

    private static void pkix(List<X509Certificate> path, X509Certificate root, Instant time) throws GeneralSecurityException {
        CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(time));
        CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    }

    private static Rejected classify(CertPathValidatorException e, CertificateAuthority authority) {
        if (e.getReason() == PKIXReason.NOT_CA_CERT || e.getReason() == PKIXReason.INVALID_KEY_USAGE) {
            return new Rejected(RejectionReason.INTERMEDIATE_NOT_CA, "certificate at chain index " + e.getIndex()
                    + " is not a CA certificate: " + e.getMessage());
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return new Rejected(RejectionReason.CA_OUTSIDE_VALIDITY, "certificate at chain index " + e.getIndex()
                    + " of " + authority.uri() + " is not valid at the signing time: " + e.getMessage());
        }
        return new Rejected(RejectionReason.CHAIN_UNTRUSTED, "chain to " + authority.uri() + " does not validate: " + e.getMessage());
    }
}
