package dev.palisade.cli;

import dev.palisade.core.EvaluationContext;
import dev.palisade.sigstore.policy.CosignImageVerifier;
import dev.palisade.sigstore.registry.RegistryClient;
import java.util.Set;

/**
 * {@code palisade check --verify-images}: puts a {@link CosignImageVerifier} into the evaluation
 * context so that ImagePolicies and Gatekeeper {@code K8sRequiredSignatures} constraints verify signatures.
 */
final class CheckImageVerification {
    static final Set<String> VALUED = ImageVerificationOptions.TRUST_VALUED;
    static final Set<String> FLAGS = Set.of("verify-images", ImageVerificationOptions.IGNORE_TLOG);
    static final String USAGE = """
              --verify-images           verify image signatures for ImagePolicy and K8sRequiredSignatures
                                        (contacts the images' registries; without it those policies fail)"""
            .indent(2).stripTrailing() + "\n" + ImageVerificationOptions.TRUST_USAGE;

    private CheckImageVerification() {
    }

    /** Adds the image verifier when {@code --verify-images} is given. */
    static EvaluationContext.Builder configure(Arguments args, EvaluationContext.Builder context, java.io.PrintStream err) {
        if (!args.flag("verify-images")) {
            for (String option : VALUED) {
                if (args.last(option).isPresent()) {
                    throw new UsageException("--" + option + " applies only with --verify-images");
                }
            }
            return context;
        }
        RegistryClient client = RegistryClient.create(ImageVerificationOptions.registryOptions(args));
        return context.imageVerifier(CosignImageVerifier.builder(client, ImageVerificationOptions.trustedRoot(args, err))
                .tlogRequired(ImageVerificationOptions.tlogRequired(args)).build());
    }
}
