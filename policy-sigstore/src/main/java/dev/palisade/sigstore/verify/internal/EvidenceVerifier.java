package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.PublicKeys;
import dev.palisade.sigstore.verify.RejectionReason;
import dev.palisade.sigstore.verify.SignatureRejection;
import dev.palisade.sigstore.verify.TrustedRoot;
import dev.palisade.sigstore.verify.VerificationPolicy;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides, for one signature, which authorities of a policy it satisfies. Every check fails closed:
 * an authority matches only when all checks pass, and each failure is recorded with its reason.
 */
public final class EvidenceVerifier {
    /** Tolerated clock skew between the log or timestamp authority and this host. */
    private static final java.time.Duration SKEW = java.time.Duration.ofMinutes(5);
    private final TrustedRoot root;
    private final java.time.Clock clock;

    public EvidenceVerifier(TrustedRoot root, java.time.Clock clock) {
        this.root = root;
        this.clock = clock;
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
        byte[] leafDer = Certificates.der(leaf);
        List<Instant> times = trustedTimes(evidence, policy, pem -> namesCertificate(pem, leafDer));
        if (times.isEmpty()) {
            throw new Rejected(RejectionReason.NO_TRUSTED_TIME, "keyless signature needs a signing time vouched for by a "
                    + "verified transparency-log entry (SET) or an RFC 3161 timestamp; it has neither");
        }
        X509Certificate issuer = null;
        for (Instant time : times) {
            checkValidity(leaf, time);
            issuer = ChainValidator.validate(leaf, evidence.presentedChain(), root.certificateAuthorities(), time);
        }
        if (!Certificates.allowsCodeSigning(leaf)) {
            throw new Rejected(RejectionReason.NOT_CODE_SIGNING, "certificate's extended key usage does not include code signing");
        }
        if (policy.sctRequired()) {
            SctVerifier.verify(leaf, issuer, root.ctlogs());
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
                if (Signatures.verify(key.publicKey(), evidence.signedData(), evidence.signature())) {
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
                trustedTimes(evidence, policy, pem -> namesKey(pem, key.publicKey()));
            } catch (Rejected e) {
                outcome.put(key, e);
            }
        }
    }

    /**
     * Verifies timestamps and log entries and returns the trusted signing times. Log entries must
     * name {@code signerKey} (as a certificate or a public key).
     */
    private List<Instant> trustedTimes(Evidence evidence, VerificationPolicy policy, Predicate<String> signer)
            throws Rejected {
        List<Instant> times = new ArrayList<>();
        for (byte[] timestamp : evidence.timestamps()) {
            times.add(TimestampVerifier.verify(timestamp, evidence.signature(), root.timestampAuthorities()));
        }
        if (evidence.tlogEntries().isEmpty() && policy.tlogRequired()) {
            throw new Rejected(RejectionReason.TLOG_MISSING, "no transparency-log entry, and the policy requires one"
                    + " (cosign verify --insecure-ignore-tlog would accept it)");
        }
        for (TlogEntry entry : evidence.tlogEntries()) {
            List<String> signers = EntryBody.check(entry.body(), evidence.body());
            if (signers.stream().noneMatch(signer)) {
                throw new Rejected(RejectionReason.KEY_MISMATCH, "log entry records another signing certificate or key");
            }
            TlogVerifier.verify(entry, root.tlogs()).ifPresent(times::add);
        }
        Instant latest = clock.instant().plus(SKEW);
        for (Instant time : times) {
            if (time.isAfter(latest)) {
                throw new Rejected(RejectionReason.TIME_IN_FUTURE, "signing time " + time + " is in the future (now "
                        + clock.instant() + ")");
            }
        }
        return times;
    }

    private static boolean namesCertificate(String pem, byte[] leafDer) {
        try {
            return MessageDigest.isEqual(Certificates.der(Certificates.fromPem(pem, "log entry certificate").get(0)), leafDer);
        } catch (Rejected e) {
            return false;
        }
    }

    private static boolean namesKey(String pem, PublicKey key) {
        try {
            if (pem.contains("BEGIN CERTIFICATE")) {
                return false;
            }
            PublicKey named = PublicKeys.parsePem(pem);
            return MessageDigest.isEqual(named.getEncoded(), key.getEncoded());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void checkValidity(X509Certificate leaf, Instant time) throws Rejected {
        try {
            leaf.checkValidity(Date.from(time));
        } catch (CertificateExpiredException e) {
            throw new Rejected(RejectionReason.CERTIFICATE_EXPIRED, "certificate expired at " + leaf.getNotAfter().toInstant()
                    + ", before the signing time " + time);
        } catch (CertificateNotYetValidException e) {
            throw new Rejected(RejectionReason.CERTIFICATE_NOT_YET_VALID, "certificate is valid only from "
                    + leaf.getNotBefore().toInstant() + ", after the signing time " + time);
        }
    }
}
