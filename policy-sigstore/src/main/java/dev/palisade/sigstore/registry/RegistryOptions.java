package dev.palisade.sigstore.registry;

import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.ImageReferenceException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a {@link RegistryClient} talks to registries.
 *
 * @param credentials credentials per registry host
 * @param insecureRegistries hosts ({@code localhost:5000}) reached over plain HTTP; {@code *} lets
 *     every host fall back to plain HTTP when it does not speak TLS (HTTPS is tried first), like
 *     cosign's {@code --allow-insecure-registry}; no other host is ever reached over plain HTTP
 * @param caCertificates a PEM file of CA certificates trusted in addition to nothing else (replaces
 *     the JDK trust store) for registries with a private CA
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout timeout of each HTTP request
 * @param maxAttempts attempts per request (1 = no retry) on 429, 5xx and I/O errors
 * @param initialBackoff wait before the first retry, doubled each time
 * @param maxBackoff longest wait between attempts, also the cap on {@code Retry-After}
 * @param maxManifestBytes largest manifest or index accepted
 * @param maxBlobBytes largest blob accepted
 * @param clock time source for token expiry
 */
public record RegistryOptions(DockerConfig credentials, Set<String> insecureRegistries, Optional<Path> caCertificates,
        Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
        Duration maxBackoff, long maxManifestBytes, long maxBlobBytes, Clock clock) {

    /**
     * Checks the options and reads the insecure hosts as {@link #insecureRegistry} does (normalised; an
     * image reference, a URL or a word that is no registry host is refused).
     *
     * @param credentials credentials per registry host
     * @param insecureRegistries hosts ({@code localhost:5000}) reached over plain HTTP; {@code *} lets
     *     every host fall back to plain HTTP when it does not speak TLS (HTTPS is tried first), like
     *     cosign's {@code --allow-insecure-registry}; no other host is ever reached over plain HTTP
     * @param caCertificates a PEM file of CA certificates trusted in addition to nothing else (replaces
     *     the JDK trust store) for registries with a private CA
     * @param connectTimeout TCP/TLS connect timeout
     * @param requestTimeout timeout of each HTTP request
     * @param maxAttempts attempts per request (1 = no retry) on 429, 5xx and I/O errors
     * @param initialBackoff wait before the first retry, doubled each time
     * @param maxBackoff longest wait between attempts, also the cap on {@code Retry-After}
     * @param maxManifestBytes largest manifest or index accepted
     * @param maxBlobBytes largest blob accepted
     * @param clock time source for token expiry
     */
    public RegistryOptions {
        Objects.requireNonNull(credentials, "credentials");
        insecureRegistries = insecureRegistries.stream().map(RegistryOptions::insecureRegistry)
                .collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Anonymous HTTPS with the JDK trust store; 10 s connect and 30 s request timeouts; 4 attempts
     * with backoff from 200 ms to 10 s; manifests up to 4 MiB and blobs up to 64 MiB.
     *
     * @return the default options
     */
    public static RegistryOptions defaults() {
        return new RegistryOptions(DockerConfig.empty(), Set.of(), Optional.empty(), Duration.ofSeconds(10),
                Duration.ofSeconds(30), 4, Duration.ofMillis(200), Duration.ofSeconds(10), 4L << 20, 64L << 20,
                Clock.systemUTC());
    }

    /**
     * {@return these options with registry credentials}
     *
     * @param newCredentials the credentials
     */
    public RegistryOptions withCredentials(DockerConfig newCredentials) {
        return new RegistryOptions(newCredentials, insecureRegistries, caCertificates, connectTimeout, requestTimeout,
                maxAttempts, initialBackoff, maxBackoff, maxManifestBytes, maxBlobBytes, clock);
    }

    /**
     * {@return these options reaching these hosts ({@code host:port}, or {@code *}) over plain HTTP}
     *
     * @param hosts the hosts
     */
    public RegistryOptions withInsecureRegistries(Set<String> hosts) {
        return new RegistryOptions(credentials, hosts, caCertificates, connectTimeout, requestTimeout, maxAttempts,
                initialBackoff, maxBackoff, maxManifestBytes, maxBlobBytes, clock);
    }

    /**
     * {@return these options trusting the CA certificates of a PEM file instead of the JDK trust store}
     *
     * @param pemFile the PEM file of CA certificates
     */
    public RegistryOptions withCaCertificates(Path pemFile) {
        return new RegistryOptions(credentials, insecureRegistries, Optional.of(pemFile), connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxManifestBytes, maxBlobBytes, clock);
    }

    /**
     * {@return these options with other connect and request timeouts}
     *
     * @param connect the connect timeout
     * @param request the timeout of one request
     */
    public RegistryOptions withTimeouts(Duration connect, Duration request) {
        return new RegistryOptions(credentials, insecureRegistries, caCertificates, connect, request, maxAttempts,
                initialBackoff, maxBackoff, maxManifestBytes, maxBlobBytes, clock);
    }

    /**
     * {@return these options with another number of attempts and backoff range}
     *
     * @param attempts the most attempts of one request
     * @param initial the first backoff
     * @param max the longest backoff
     */
    public RegistryOptions withRetries(int attempts, Duration initial, Duration max) {
        return new RegistryOptions(credentials, insecureRegistries, caCertificates, connectTimeout, requestTimeout,
                attempts, initial, max, maxManifestBytes, maxBlobBytes, clock);
    }

    /**
     * {@return these options with other size limits for manifests and blobs}
     *
     * @param manifestBytes the largest manifest read
     * @param blobBytes the largest blob read
     */
    public RegistryOptions withLimits(long manifestBytes, long blobBytes) {
        return new RegistryOptions(credentials, insecureRegistries, caCertificates, connectTimeout, requestTimeout,
                maxAttempts, initialBackoff, maxBackoff, manifestBytes, blobBytes, clock);
    }

    /**
     * {@return these options with another clock (token expiry, backoff)}
     *
     * @param newClock the clock
     */
    public RegistryOptions withClock(Clock newClock) {
        return new RegistryOptions(credentials, insecureRegistries, caCertificates, connectTimeout, requestTimeout,
                maxAttempts, initialBackoff, maxBackoff, maxManifestBytes, maxBlobBytes, newClock);
    }

    /**
     * Reads one insecure-registry value, as every front end's {@code --allow-insecure-registry HOST} takes it:
     * {@code *} (every registry may fall back to plain HTTP when HTTPS fails to connect or handshake), or a
     * registry host with its port as image references write it ({@code localhost:5000}, {@code 127.0.0.1:5000},
     * {@code registry.internal}, {@code [::1]:5000}), normalised as {@link ImageReference} normalises registries
     * (lower case; {@code index.docker.io} is {@code docker.io}); that host is then reached over plain HTTP.
     *
     * @param value the option's value
     * @return {@code *} or the normalised registry host
     * @throws RegistryException when the value is not {@code *} nor a registry host (an image reference, a URL)
     */
    public static String insecureRegistry(String value) {
        Objects.requireNonNull(value, "value");
        if (value.equals("*")) {
            return value;
        }
        String problem = value.isEmpty() ? "it is empty"
                : value.contains("://") ? "write the host without a scheme"
                : value.indexOf('/') >= 0 || value.indexOf('@') >= 0 ? "it names an image, not a registry host"
                : "";
        if (problem.isEmpty()) {
            try {
                ImageReference probe = ImageReference.parse(value + "/palisade/probe");
                if (probe.repository().equals("palisade/probe")) {
                    return probe.registry();
                }
                problem = "it would not be read as a registry host in an image reference (a host contains '.' or"
                        + " ':' or is 'localhost')";
            } catch (ImageReferenceException e) {
                problem = e.getMessage();
            }
        }
        throw new RegistryException("an insecure registry is a registry host with its port, as image references"
                + " write it (localhost:5000), or * for every registry; '" + value + "' is neither: " + problem);
    }

    /**
     * {@return whether the registry host may be reached over plain HTTP}
     *
     * @param registry the registry host
     */
    public boolean isInsecure(String registry) {
        return insecureRegistries.contains("*") || insecureRegistries.contains(registry.toLowerCase(Locale.ROOT));
    }
}
