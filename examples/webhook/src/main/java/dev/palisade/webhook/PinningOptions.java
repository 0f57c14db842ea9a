package dev.palisade.webhook;

import dev.palisade.core.FailurePolicy;
import dev.palisade.sigstore.pin.AdmissionPinner;
import dev.palisade.sigstore.pin.Lockfile;
import dev.palisade.sigstore.registry.DigestResolver;
import dev.palisade.sigstore.registry.DockerConfig;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.RegistryOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The flags of the mutating endpoint {@code /mutate} (digest pinning), served with {@code --pin-images}.
 *
 * @param enabled whether {@code /mutate} is served ({@code --pin-images})
 * @param failurePolicy what a tag that cannot be pinned does ({@code --pin-failure-policy}): deny the request
 *     ({@code FAIL}) or allow it with that image as written and a warning ({@code IGNORE})
 * @param lockfile digests recorded by {@code palisade pin} ({@code --pin-lockfile}); its tags need no lookup
 * @param timeout the longest one review may spend pinning ({@code --pin-timeout}), within the review's deadline
 * @param cacheTtl how long a resolved tag is remembered ({@code --pin-cache-ttl})
 * @param registryConfig a Docker {@code config.json} with registry credentials ({@code --registry-config})
 * @param insecureRegistries hosts reached over plain HTTP, or {@code *} ({@code --allow-insecure-registry})
 */
record PinningOptions(boolean enabled, FailurePolicy failurePolicy, Optional<Path> lockfile, Duration timeout,
        Duration cacheTtl, Optional<Path> registryConfig, Set<String> insecureRegistries) {

    /** Flags that configure pinning and so need {@code --pin-images}. */
    static final Set<String> FLAGS = Set.of("--pin-failure-policy", "--pin-lockfile", "--pin-timeout",
            "--pin-cache-ttl", "--registry-config", "--allow-insecure-registry");

    /** Checks the values and normalises the insecure hosts (as every Palisade front end does). */
    PinningOptions {
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        Objects.requireNonNull(lockfile, "lockfile");
        Objects.requireNonNull(registryConfig, "registryConfig");
        if (timeout.isNegative() || timeout.isZero() || cacheTtl.isNegative()) {
            throw new IllegalArgumentException("the pinning timeout must be positive and the cache TTL not negative");
        }
        insecureRegistries = Set.copyOf(RegistryOptions.defaults().withInsecureRegistries(insecureRegistries)
                .insecureRegistries());
    }

    /** Not served; when served: deny unpinnable tags, 3 s per review, tags cached 5 minutes. */
    static PinningOptions defaults() {
        return new PinningOptions(false, FailurePolicy.FAIL, Optional.empty(), Duration.ofSeconds(3),
                Duration.ofMinutes(5), Optional.empty(), Set.of());
    }

    /** The registry client options these flags describe. */
    RegistryOptions registryOptions() {
        RegistryOptions options = RegistryOptions.defaults().withInsecureRegistries(insecureRegistries);
        return registryConfig.map(file -> options.withCredentials(DockerConfig.load(file))).orElse(options);
    }

    /**
     * The pinner: reads the lockfile and the credentials now.
     *
     * @throws dev.palisade.core.PalisadeException when the lockfile or the registry configuration cannot be read
     */
    AdmissionPinner pinner() {
        RegistryClient client = RegistryClient.create(registryOptions());
        return AdmissionPinner.builder(DigestResolver.caching(client, cacheTtl, 10_000, Clock.systemUTC()))
                .lockfile(lockfile.map(Lockfile::load).orElseGet(Lockfile::empty))
                .deadline(timeout)
                .failurePolicy(failurePolicy)
                .build();
    }
}
