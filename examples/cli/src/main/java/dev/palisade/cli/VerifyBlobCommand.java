package dev.palisade.cli;

import dev.palisade.core.ImageAuthority;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.BlobVerifier;
import dev.palisade.sigstore.verify.SignatureRejection;
import dev.palisade.sigstore.verify.SignatureVerification;
import dev.palisade.sigstore.verify.VerificationPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code palisade verify-blob}: verifies a Sigstore bundle over a file, as {@code cosign verify-blob --bundle}. */
final class VerifyBlobCommand implements Command {
    private static final Set<String> VALUED = ImageVerificationOptions.union(Set.of("bundle", "trusted-root", "cache-dir"),
            ImageVerificationOptions.AUTHORITY_VALUED);
    private static final Set<String> FLAGS = Set.of(ImageVerificationOptions.IGNORE_TLOG);

    @Override
    public String name() {
        return "verify-blob";
    }

    @Override
    public String summary() {
        return "verify a Sigstore bundle over a file";
    }

    @Override
    public String usage() {
        return """
                usage: palisade verify-blob FILE --bundle BUNDLE [options]

                Verifies the Sigstore bundle (v0.1-v0.3: message signature or DSSE in-toto statement) over FILE
                offline, as 'cosign verify-blob --bundle' does.

                options:
                  --bundle FILE             the Sigstore bundle JSON (required)
                """ + ImageVerificationOptions.AUTHORITY_USAGE + """

                  --trusted-root FILE       Sigstore trusted_root.json; default: the public-good root
                                            ('palisade trust update' refreshes it, else the bundled one)
                  --cache-dir DIR           where 'palisade trust update' keeps the refreshed root
                  --insecure-ignore-tlog    accept key-based bundles without a Rekor entry

                exit status: 0 verified, 1 not verified (prints the reasons), 2 errors.""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(rawArgs, VALUED, FLAGS);
        if (args.positional().size() != 1) {
            throw new UsageException("name exactly one file to verify");
        }
        String bundleFile = args.last("bundle").orElseThrow(() -> new UsageException("--bundle FILE is required"));
        ImageAuthority authority = ImageVerificationOptions.authority(args);
        Path file = Path.of(args.positional().get(0));
        byte[] artifact = read(file);
        byte[] bundle = read(Path.of(bundleFile));
        VerificationPolicy policy = VerificationPolicy.anyOf(Authority.of(authority))
                .withTlogRequired(ImageVerificationOptions.tlogRequired(args));
        SignatureVerification result = new BlobVerifier(ImageVerificationOptions.trustedRoot(args, err))
                .verify(artifact, bundle, policy);
        if (result.verified()) {
            out.println("Verified " + file);
            out.println("  authority: " + String.join(", ", result.matchedAuthorities()));
            return 0;
        }
        out.println("NOT verified: " + file);
        for (SignatureRejection rejection : result.rejections()) {
            out.println("  - " + rejection.describe());
        }
        return 1;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PalisadeException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
