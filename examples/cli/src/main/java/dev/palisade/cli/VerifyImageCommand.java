package dev.palisade.cli;

import dev.palisade.core.ImageAuthority;
import dev.palisade.core.ImageVerification;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.policy.CosignImageVerifier;
import dev.palisade.sigstore.policy.SignatureSource;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.SignedImage;
import dev.palisade.sigstore.verify.VerificationPolicy;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** {@code palisade verify-image}: verifies an image's cosign signatures, as {@code cosign verify}. */
final class VerifyImageCommand implements Command {
    private static final Set<String> VALUED = ImageVerificationOptions.union(ImageVerificationOptions.TRUST_VALUED,
            ImageVerificationOptions.AUTHORITY_VALUED);
    private static final Set<String> FLAGS = Set.of(ImageVerificationOptions.IGNORE_TLOG);

    @Override
    public String name() {
        return "verify-image";
    }

    @Override
    public String summary() {
        return "verify an image's cosign signatures (legacy .sig and Sigstore bundle referrers)";
    }

    @Override
    public String usage() {
        return """
                usage: palisade verify-image REF [options]

                Resolves REF (a tag is looked up; a digest is used as given), fetches its cosign signatures from
                its registry and verifies them offline against the trust root, as 'cosign verify' does.

                options:
                """ + ImageVerificationOptions.AUTHORITY_USAGE + "\n" + ImageVerificationOptions.TRUST_USAGE + """


                exit status: 0 verified (prints the digest and the matching authority), 1 not verified
                (prints the reasons), 2 errors (usage, unreadable files, unreachable registry).""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(rawArgs, VALUED, FLAGS);
        if (args.positional().size() != 1) {
            throw new UsageException("name exactly one image reference");
        }
        String image = args.positional().get(0);
        ImageAuthority authority = ImageVerificationOptions.authority(args);
        RegistryClient client = RegistryClient.create(ImageVerificationOptions.registryOptions(args));
        RecordingSource source = new RecordingSource(SignatureSource.registry(client));
        CosignImageVerifier verifier = CosignImageVerifier.builder(source, ImageVerificationOptions.trustedRoot(args, err))
                .build();
        VerificationPolicy policy = VerificationPolicy.anyOf(Authority.of(authority))
                .withTlogRequired(ImageVerificationOptions.tlogRequired(args));
        ImageVerification result = verifier.verify(image, policy);
        if (result.verified()) {
            out.println("Verified " + image);
            out.println("  digest:    " + result.digest());
            out.println("  authority: " + String.join(", ", result.matchedAuthorities()));
            return 0;
        }
        if (source.failure.get() != null) {
            err.println("palisade verify-image: " + source.failure.get().getMessage());
            return Main.EXIT_ERROR;
        }
        out.println("NOT verified: " + image + (result.digest().isEmpty() ? "" : " (" + result.digest() + ")"));
        result.reasons().forEach(reason -> out.println("  - " + reason));
        return 1;
    }

    /** Remembers a registry failure, so that it exits 2 rather than reading as an unsigned image. */
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
    }
}
