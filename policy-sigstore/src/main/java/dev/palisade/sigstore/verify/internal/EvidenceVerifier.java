package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.RejectionReason;
import dev.palisade.sigstore.verify.SignatureRejection;
import dev.palisade.sigstore.verify.TrustedRoot;
import dev.palisade.sigstore.verify.VerificationPolicy;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for one signature, which authorities of a policy it satisfies. Every check fails closed:
 * an authority matches only when all checks pass, and each failure is recorded with its reason.
 */
public final class EvidenceVerifier {
    /** Tolerated clock skew between the log or timestamp authority and this host. */
    private static final java.time.Duration SKEW = java.time.Duration.ofMinutes(5);
    private final TrustedRoot root;
    private final java.time.Clock clock;

    /** A verifier with this trust material; the clock only refuses signing times in the future. */
    public EvidenceVerifier(TrustedRoot root, java.time.Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** The trust material. */
    public TrustedRoot root() {
        return root;
    }

    /** Adds the names of the satisfied authorities to {@code matched} and a rejection for every other one. */
    public void verify(Evidence evidence, VerificationPolicy policy, Set<String> matched, List<SignatureRejection> rejections) {
        Map<Authority, Rejected> outcome = new LinkedHashMap<>();
        try {
            if (evidence.certificate().isPresent()) {
                verifyKeyless(evidence, evidence.certificate().get(), policy, outcome);
            } else {
                verifyKeyed(evidence, policy, outcome);
            }
        } catch (Rejected e) {
            rejections.add(new SignatureRejection(evidence.label(), "", e.reason(), e.getMessage()));
            return;
        }
        outcome.forEach((authority, rejected) -> {
            if (rejected == null) {
                matched.add(authority.name());
            } else {
                rejections.add(new SignatureRejection(evidence.label(), authority.name(), rejected.reason(), rejected.getMessage()));
            }
        });
    }

    private void verifyKeyless(Evidence evidence, X509Certificate leaf, VerificationPolicy policy,
            Map<Authority, Rejected> outcome) throws Rejected {
        if (!Signatures.verify(leaf.getPublicKey(), evidence.signedData(), evidence.signature())) {
            throw new Rejected(RejectionReason.SIGNATURE_INVALID, "signature does not verify with the certificate's public key");
        }
        evidence.claims().check();
        Signer signer = Signer.certificate(leaf);
        Times times = trustedTimes(evidence, policy, signer);
        for (Instant unsigned : times.integrated()) {
            checkValidity(leaf, unsigned);
        }
        if (times.trusted().isEmpty()) {
            throw new Rejected(RejectionReason.NO_TRUSTED_TIME, "keyless signature needs a signing time vouched for by a "
                    + "verified transparency-log entry (SET) or an RFC 3161 timestamp; it has neither");
        }
        X509Certificate issuer = null;
        for (Instant time : times.trusted()) {
            checkValidity(leaf, time);
            issuer = ChainValidator.validate(leaf, evidence.presentedChain(), root.certificateAuthorities(), time);
        }
        if (!Certificates.allowsCodeSigning(leaf)) {
            throw new Rejected(RejectionReason.NOT_CODE_SIGNING, "certificate's extended key usage does not include code signing");
        }
        if (policy.sctRequired()) {
            SctVerifier.verify(leaf, issuer, root);
        }
        List<String> names = Certificates.subjectAlternativeNames(leaf);
        Optional<String> certIssuer = Certificates.oidcIssuer(leaf);
        for (Authority authority : policy.authorities()) {
            if (authority instanceof Authority.Keyless keyless) {
                outcome.put(authority, matchIdentity(keyless, names, certIssuer));
            } else if (authority instanceof Authority.Key key) {
                outcome.put(authority, MessageDigest.isEqual(key.publicKey().getEncoded(), leaf.getPublicKey().getEncoded()) ? null
                        : new Rejected(RejectionReason.KEY_MISMATCH, "signature was made with a certificate key, not with this authority's key"));
            }
        }
    }

    private static Rejected matchIdentity(Authority.Keyless authority, List<String> names, Optional<String> issuer) {
        if (names.stream().noneMatch(authority.identity()::matches)) {
            return new Rejected(RejectionReason.IDENTITY_MISMATCH, "certificate identities " + names
                    + " do not match " + authority.identity());
        }
        if (issuer.isEmpty()) {
            return new Rejected(RejectionReason.ISSUER_MISMATCH, "certificate names no OIDC issuer (extensions "
                    + Certificates.ISSUER_V2 + ", " + Certificates.ISSUER_V1 + ")");
        }
        if (!authority.issuer().matches(issuer.get())) {
            return new Rejected(RejectionReason.ISSUER_MISMATCH, "certificate issuer '" + issuer.get()
                    + "' does not match " + authority.issuer());
        }
        return null;
    }

    private void verifyKeyed(Evidence evidence, VerificationPolicy policy, Map<Authority, Rejected> outcome) throws Rejected {
        List<Authority.Key> candidates = new ArrayList<>();
        for (Authority authority : policy.authorities()) {
            if (authority instanceof Authority.Key key) {
                if (Signatures.verify(key.publicKey(), evidence.signedData(), evidence.signature(), true)) {
                    candidates.add(key);
                    outcome.put(authority, null);
                } else {
                    outcome.put(authority, new Rejected(RejectionReason.SIGNATURE_INVALID,
                            "signature does not verify with this authority's key"));
                }
            } else {
                outcome.put(authority, new Rejected(RejectionReason.CERTIFICATE_MISSING,
                        "keyless authority, but the signature carries no certificate"));
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        evidence.claims().check();
        for (Authority.Key key : candidates) {
            try {
                trustedTimes(evidence, policy, Signer.key(key.publicKey()));
            } catch (Rejected e) {
                outcome.put(key, e);
            }
        }
    }

    /**
     * @param trusted times vouched for by a verified SET or RFC 3161 timestamp
     * @param integrated integrated times that no SET signs (the certificate must still cover them)
     */
    private record Times(List<Instant> trusted, List<Instant> integrated) {
    }

    /** Verifies timestamps and log entries (which must name {@code signer}) and returns the signing times. */
    private Times trustedTimes(Evidence evidence, VerificationPolicy policy, Signer signer) throws Rejected {
        List<Instant> timestamps = new ArrayList<>();
        for (byte[] timestamp : evidence.timestamps()) {
            timestamps.add(TimestampVerifier.verify(timestamp, evidence.signature(), root.timestampAuthorities()));
        }
        if (evidence.tlogEntries().isEmpty() && policy.tlogRequired()) {
            throw new Rejected(RejectionReason.TLOG_MISSING, "no transparency-log entry, and the policy requires one"
                    + " (cosign verify --insecure-ignore-tlog would accept it)");
        }
        List<Instant> trusted = new ArrayList<>(timestamps);
        List<Instant> integrated = new ArrayList<>();
        for (TlogEntry entry : evidence.tlogEntries()) {
            TlogVerifier.Verified verified = TlogVerifier.verify(entry, evidence.body(), signer, evidence.legacy(), root, timestamps);
            verified.trustedTime().ifPresent(trusted::add);
            if (verified.trustedTime().isEmpty() && entry.integratedTime() != 0) {
                integrated.add(Instant.ofEpochSecond(entry.integratedTime()));
            }
        }
        Instant latest = clock.instant().plus(SKEW);
        for (Instant time : trusted) {
            if (time.isAfter(latest)) {
                throw new Rejected(RejectionReason.TIME_IN_FUTURE, "signing time " + time + " is in the future (now "
                        + clock.instant() + ")");
            }
        }
        return new Times(trusted, integrated);
    }

    private static void checkValidity(X509Certificate leaf, Instant time) throws Rejected {
        Date date = Date.from(time);
        if (date.after(leaf.getNotAfter())) {
            throw new Rejected(RejectionReason.CERTIFICATE_EXPIRED, "certificate expired at " + leaf.getNotAfter().toInstant()
                    + ", before the signing time " + time);
        }
        if (date.before(leaf.getNotBefore())) {
            throw new Rejected(RejectionReason.CERTIFICATE_NOT_YET_VALID, "certificate is valid only from "
                    + leaf.getNotBefore().toInstant() + ", after the signing time " + time);
        }
    }
}
