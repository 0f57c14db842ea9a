package dev.palisade.cli;

import dev.palisade.core.ImageAuthority;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.registry.DockerConfig;
import dev.palisade.sigstore.registry.RegistryOptions;
import dev.palisade.sigstore.tuf.SigstoreTrust;
import dev.palisade.sigstore.tuf.TrustSnapshot;
import dev.palisade.sigstore.verify.TrustedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The supply-chain options the CLI's commands share, with cosign's names: registry access
 * ({@code --registry-config}, {@code --allow-insecure-registry}), the trust root
 * ({@code --trusted-root}, {@code --insecure-ignore-tlog}) and the authority given on the command line
 * ({@code --key}, {@code --certificate-identity[-regexp]}, {@code --certificate-oidc-issuer[-regexp]}).
 */
final class ImageVerificationOptions {
    /** Options of registry access, the same for every command that reads registries. */
    static final String ALLOW_INSECURE = "allow-insecure-registry";
    static final Set<String> REGISTRY_VALUED = Set.of("registry-config", ALLOW_INSECURE);
    /** Options of trust (and of registry access, which every verifying command needs). */
    static final Set<String> TRUST_VALUED = Set.of("trusted-root", "cache-dir", "registry-config", ALLOW_INSECURE);
    /** Options naming the signer. */
    static final Set<String> AUTHORITY_VALUED = Set.of("key", "certificate-identity", "certificate-identity-regexp",
            "certificate-oidc-issuer", "certificate-oidc-issuer-regexp");
    static final String IGNORE_TLOG = "insecure-ignore-tlog";

    static final String TRUST_USAGE = """
              --trusted-root FILE       Sigstore trusted_root.json (Fulcio CAs, CT logs, Rekor keys, TSAs); default:
                                        the public-good root ('palisade trust update' refreshes it, else the bundled one)
              --cache-dir DIR           where 'palisade trust update' keeps the refreshed root
              --insecure-ignore-tlog    accept key-based signatures without a Rekor entry (as cosign)""".indent(2)
            .stripTrailing() + "\n" + registryUsage();
    static final String AUTHORITY_USAGE = """
              --key FILE                PEM public key (ECDSA P-256/P-384, RSA, Ed25519) of the signer
              --certificate-identity X, --certificate-identity-regexp R
                                        keyless: the certificate identity (SAN), exact or an anchored RE2 pattern
              --certificate-oidc-issuer X, --certificate-oidc-issuer-regexp R
                                        keyless: the OIDC issuer, exact or an anchored RE2 pattern""".indent(2)
            .stripTrailing();

    private ImageVerificationOptions() {
    }

    /** {@code a ∪ b ∪ ...}. */
    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }

    /** The usage lines of {@link #REGISTRY_VALUED}, the same in every command. */
    static String registryUsage() {
        return """
                  --registry-config FILE    Docker config.json with registry credentials (credential helpers are
                                            not run)
                  --allow-insecure-registry HOST
                                            reach HOST (host:port, as image references write it) over plain HTTP;
                                            * lets every registry fall back to plain HTTP when HTTPS fails (repeatable)"""
                .indent(2).stripTrailing();
    }

    /**
     * Registry client options from {@code --registry-config} and every {@code --allow-insecure-registry HOST}
     * (read by {@link RegistryOptions#insecureRegistry}, as the webhook reads it).
     *
     * @throws UsageException naming the option when a host is not {@code *} nor a registry host
     */
    static RegistryOptions registryOptions(Arguments args) {
        RegistryOptions options = RegistryOptions.defaults();
        Set<String> insecureHosts = new HashSet<>();
        for (String host : args.all(ALLOW_INSECURE)) {
            try {
                insecureHosts.add(RegistryOptions.insecureRegistry(host));
            } catch (PalisadeException e) {
                throw new UsageException("--" + ALLOW_INSECURE + ": " + e.getMessage());
            }
        }
        if (args.last("registry-config").isPresent()) {
            options = options.withCredentials(DockerConfig.load(Path.of(args.last("registry-config").get())));
        }
        return options.withInsecureRegistries(insecureHosts);
    }

    /**
     * The trust root of {@code --trusted-root}, or else the Sigstore public-good root (refreshed by
     * {@code palisade trust update}, or the one Palisade ships), whose source and age are noted on {@code err}.
     */
    static TrustedRoot trustedRoot(Arguments args, java.io.PrintStream err) {
        if (args.last("trusted-root").isPresent()) {
            return TrustedRoot.read(Path.of(args.last("trusted-root").get()));
        }
        TrustSnapshot snapshot = SigstoreTrust.current(args.last("cache-dir").map(Path::of)
                .orElseGet(SigstoreTrust::defaultCacheDir));
        err.println("note: " + snapshot.describe(java.time.Instant.now()));
        return snapshot.trustedRoot();
    }

    /** Whether a transparency-log entry is required (unless {@code --insecure-ignore-tlog}). */
    static boolean tlogRequired(Arguments args) {
        return !args.flag(IGNORE_TLOG);
    }

    /**
     * The authority of {@code --key} or of the certificate flags.
     *
     * @throws UsageException when neither or both are given, or a keyless part is missing
     */
    static ImageAuthority authority(Arguments args) {
        Optional<String> key = args.last("key");
        Optional<String> identity = args.last("certificate-identity");
        Optional<String> identityRegexp = args.last("certificate-identity-regexp");
        Optional<String> issuer = args.last("certificate-oidc-issuer");
        Optional<String> issuerRegexp = args.last("certificate-oidc-issuer-regexp");
        boolean keyless = identity.isPresent() || identityRegexp.isPresent() || issuer.isPresent()
                || issuerRegexp.isPresent();
        if (key.isPresent() && keyless) {
            throw new UsageException("give either --key or the --certificate-* flags, not both");
        }
        if (key.isPresent()) {
            try {
                return ImageAuthority.key(key.get(), Files.readString(Path.of(key.get()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new PalisadeException("cannot read the public key " + key.get() + ": " + e.getMessage());
            }
        }
        if (!keyless) {
            throw new UsageException("name the signer: --key FILE, or --certificate-identity (or -regexp) with"
                    + " --certificate-oidc-issuer (or -regexp)");
        }
        if (identity.isPresent() == identityRegexp.isPresent()) {
            throw new UsageException("keyless verification needs exactly one of --certificate-identity and"
                    + " --certificate-identity-regexp");
        }
        if (issuer.isPresent() == issuerRegexp.isPresent()) {
            throw new UsageException("keyless verification needs exactly one of --certificate-oidc-issuer and"
                    + " --certificate-oidc-issuer-regexp");
        }
        String name = identity.or(() -> identityRegexp).get();
        return new ImageAuthority(name, "", identity.orElse(""), identityRegexp.orElse(""), issuer.orElse(""),
                issuerRegexp.orElse(""));
    }
}
