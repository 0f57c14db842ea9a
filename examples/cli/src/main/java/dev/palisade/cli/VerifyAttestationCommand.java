package dev.palisade.cli;

import dev.palisade.core.ImageAuthority;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.AttestationCondition;
import dev.palisade.sigstore.policy.AttestationPolicy;
import dev.palisade.sigstore.policy.AttestationRequirement;
import dev.palisade.sigstore.policy.AttestationResult;
import dev.palisade.sigstore.policy.AttestationTypes;
import dev.palisade.sigstore.policy.CosignImageVerifier;
import dev.palisade.sigstore.policy.SignatureSource;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.SignedImage;
import dev.palisade.sigstore.verify.VerificationPolicy;
import dev.palisade.sigstore.verify.VerifiedStatement;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code palisade verify-attestation}: verifies an image's in-toto attestations of one predicate type and,
 * optionally, rule-language conditions over their predicate, as {@code cosign verify-attestation} does.
 */
final class VerifyAttestationCommand implements Command {
    private static final Set<String> VALUED = ImageVerificationOptions.union(ImageVerificationOptions.TRUST_VALUED,
            ImageVerificationOptions.AUTHORITY_VALUED, Set.of("type", "condition"));
    private static final Set<String> FLAGS = Set.of(ImageVerificationOptions.IGNORE_TLOG);

    @Override
    public String name() {
        return "verify-attestation";
    }

    @Override
    public String summary() {
        return "verify an image's in-toto attestations (SBOM, provenance, vulnerability scan) and conditions on them";
    }

    @Override
    public String usage() {
        return """
                usage: palisade verify-attestation REF --type TYPE [--condition EXPR]... [options]

                Resolves REF, fetches its attestations (cosign v3 bundle referrers and legacy .att layers), verifies
                their signatures offline as 'cosign verify-attestation' does, and checks that at least one verified
                attestation of TYPE satisfies every --condition.

                options:
                  --type TYPE               slsaprovenance, slsaprovenance02, slsaprovenance1, spdx, spdxjson, cyclonedx,
                                            vuln, link, openvex, custom, or a predicate-type URI (default custom)
                  --condition EXPR          a rule-language (CEL) expression over predicate, statement, predicateType,
                                            authorities and now that must be true (repeatable), e.g.
                                            "predicate.scanner.result.summary.critical == 0"
                """ + ImageVerificationOptions.AUTHORITY_USAGE + "\n" + ImageVerificationOptions.TRUST_USAGE + """


                exit status: 0 verified (prints the digest and the attestations that passed), 1 not verified
                (prints the reasons), 2 errors (usage, unreadable files, unreachable registry).""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(rawArgs, VALUED, FLAGS);
        if (args.positional().size() != 1) {
            throw new UsageException("name exactly one image reference");
        }
        String image = args.positional().get(0);
        String type;
        try {
            type = AttestationTypes.predicateType(args.last("type").orElse("custom"));
        } catch (PalisadeException e) {
            throw new UsageException(e.getMessage());
        }
        List<AttestationCondition> conditions = new ArrayList<>();
        for (String expression : args.all("condition")) {
            try {
                conditions.add(AttestationCondition.compile(expression, ""));
            } catch (PalisadeException e) {
                throw new UsageException("--condition: " + e.getMessage());
            }
        }
        ImageAuthority authority = ImageVerificationOptions.authority(args);
        RegistryClient client = RegistryClient.create(ImageVerificationOptions.registryOptions(args));
        RecordingSource source = new RecordingSource(SignatureSource.registry(client));
        CosignImageVerifier verifier = CosignImageVerifier.builder(source, ImageVerificationOptions.trustedRoot(args, err))
                .build();
        VerificationPolicy signers = VerificationPolicy.anyOf(Authority.of(authority))
                .withTlogRequired(ImageVerificationOptions.tlogRequired(args));
        AttestationRequirement requirement = new AttestationRequirement(args.last("type").orElse("custom"), type, List.of(),
                conditions, AttestationRequirement.Quantifier.ANY);
        AttestationResult result = verifier.verifyAttestations(image, new AttestationPolicy(signers, List.of(requirement)),
                Optional.empty());
        if (source.failure.get() != null) {
            err.println("palisade verify-attestation: " + source.failure.get().getMessage());
            return Main.EXIT_ERROR;
        }
        if (result.satisfied()) {
            out.println("Verified " + image);
            out.println("  digest:       " + result.digest());
            for (VerifiedStatement statement : result.requirements().get(0).passed()) {
                out.println("  attestation:  " + statement.source() + " " + statement.predicateType() + " signed by "
                        + String.join(", ", statement.authorities()));
            }
            return 0;
        }
        out.println("NOT verified: " + image + (result.digest().isEmpty() ? "" : " (" + result.digest() + ")"));
        result.reasons().forEach(reason -> out.println("  - " + reason));
        return 1;
    }

    /** Remembers a registry failure, so that it exits 2 rather than reading as an image without attestations. */
    private static final class RecordingSource implements SignatureSource {
        private final SignatureSource delegate;
        private final AtomicReference<PalisadeException> failure = new AtomicReference<>();

        RecordingSource(SignatureSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Digest resolve(ImageReference reference) {
            try {
                return delegate.resolve(reference);
            } catch (PalisadeException e) {
                failure.set(e);
                throw e;
            }
        }

        @Override
        public SignedImage signatures(ImageReference reference, Digest digest) {
            try {
                return delegate.signatures(reference, digest);
            } catch (PalisadeException e) {
                failure.set(e);
                throw e;
            }
        }

        @Override
        public SignedImage attestations(ImageReference reference, Digest digest) {
            try {
                return delegate.attestations(reference, digest);
            } catch (PalisadeException e) {
                failure.set(e);
                throw e;
            }
        }
    }
}
