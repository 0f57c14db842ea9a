package dev.palisade.sigstore.policy;

import dev.palisade.core.ImageAuthority;
import dev.palisade.core.ImageVerification;
import dev.palisade.core.ImageVerifier;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.ImageReferenceException;
import dev.palisade.sigstore.policy.internal.VerificationKey;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.internal.TtlCache;
import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.ImageSignatureVerifier;
import dev.palisade.sigstore.verify.SignatureRejection;
import dev.palisade.sigstore.verify.SignatureVerification;
import dev.palisade.sigstore.verify.TrustedRoot;
import dev.palisade.sigstore.verify.VerificationPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link ImageVerifier} of policy-sigstore, doing what {@code cosign verify} does: parse the
 * reference, resolve a tag to its digest (a reference with a digest needs no manifest fetch), fetch
 * the legacy {@code .sig} layers and bundle referrers from the image's registry, and verify them offline
 * against a {@link TrustedRoot} with {@link ImageSignatureVerifier}. No network is used except the
 * image's registry.
 * <p>Results — verified or not — are cached per (digest, authorities, required) in a bounded cache
 * with a time to live; registry errors are not cached. Concurrent requests for the same uncached
 * verification share one fetch. With a deadline, a verification that has not
 * finished in time fails closed (its work goes on in the background and fills the cache for the next
 * request). Immutable and thread-safe: build one and share it.
 */
public final class CosignImageVerifier implements ImageVerifier {
    private static final int MAX_REASONS = 8;

    private final SignatureSource source;
    private final TrustedRoot trustedRoot;
    private final ImageSignatureVerifier verifier;
    private final boolean tlogRequired;
    private final Clock clock;
    private final Duration cacheTtl;
    private final TtlCache<VerificationKey, ImageVerification> cache;
    private final ConcurrentHashMap<VerificationKey, CompletableFuture<ImageVerification>> inFlight =
            new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final int maxConcurrent;

    private CosignImageVerifier(Builder b) {
        this.source = b.source;
        this.trustedRoot = b.trustedRoot;
        this.verifier = new ImageSignatureVerifier(b.trustedRoot, b.clock);
        this.tlogRequired = b.tlogRequired;
        this.clock = b.clock;
        this.cacheTtl = b.cacheTtl;
        this.cache = new TtlCache<>(b.cacheSize, b.clock);
        this.maxConcurrent = b.maxConcurrentFetches;
        this.executor = new ThreadPoolExecutor(0, b.maxConcurrentFetches, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "palisade-image-verification");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * A builder reading signatures from registries through the client.
     *
     * @param trustedRoot the Sigstore trust root (Fulcio CAs, CT logs, Rekor keys); an empty root
     *     serves key-based verification without a transparency log
     */
    public static Builder builder(RegistryClient client, TrustedRoot trustedRoot) {
        return new Builder(SignatureSource.registry(client), trustedRoot);
    }

    /** A builder reading digests and signatures from the given source. */
    public static Builder builder(SignatureSource source, TrustedRoot trustedRoot) {
        return new Builder(source, trustedRoot);
    }

    /** A trust root with nothing in it: only key-based signatures without transparency log can verify. */
    public static TrustedRoot emptyTrustedRoot() {
        return new TrustedRoot(List.of(), List.of(), List.of(), List.of());
    }

    @Override
    public ImageVerification verify(String image, List<ImageAuthority> authorities, int required) {
        return verify(image, authorities, required, Optional.empty());
    }

    @Override
    public ImageVerification verify(String image, List<ImageAuthority> authorities, int required, Instant deadline) {
        return verify(image, authorities, required, Optional.of(deadline));
    }

    private ImageVerification verify(String image, List<ImageAuthority> authorities, int required,
            Optional<Instant> deadline) {
        Objects.requireNonNull(image, "image");
        List<ImageAuthority> accepted = List.copyOf(authorities);
        if (accepted.isEmpty()) {
            throw new PalisadeException("verifying " + image + " needs at least one authority");
        }
        if (required < 1 || required > accepted.size()) {
            throw new PalisadeException("verifying " + image + ": required must be between 1 and the number of"
                    + " authorities (" + accepted.size() + "), not " + required);
        }
        requireTrustFor(image, accepted);
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        } catch (ImageReferenceException e) {
            return rejected("", "'" + image + "' is not a valid image reference: " + e.getMessage());
        }
        if (reference.digest().isPresent()) {
            Optional<ImageVerification> cached = cache.get(new VerificationKey(reference.digest().get(), accepted,
                    required));
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        if (deadline.isEmpty()) {
            return compute(reference, accepted, required);
        }
        Duration remaining = Duration.between(clock.instant(), deadline.get());
        if (remaining.isNegative() || remaining.isZero()) {
            return deadlinePassed(reference, "before verification could start");
        }
        CompletableFuture<ImageVerification> work;
        try {
            work = CompletableFuture.supplyAsync(() -> compute(reference, accepted, required), executor);
        } catch (RejectedExecutionException busy) {
            return rejected(reference.digest().map(Digest::toString).orElse(""), "verification of "
                    + reference.normalized() + " could not start before the evaluation deadline: "
                    + maxConcurrent + " verifications are already in progress; failing closed");
        }
        try {
            return work.get(remaining.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return deadlinePassed(reference, "after " + remaining.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deadlinePassed(reference, "because the verifying thread was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new PalisadeException("verifying " + image + " failed: " + e.getCause(), e.getCause());
        }
    }

    private void requireTrustFor(String image, List<ImageAuthority> authorities) {
        for (ImageAuthority authority : authorities) {
            if (!authority.isKey() && trustedRoot.certificateAuthorities().isEmpty()) {
                throw new PalisadeException("verifying " + image + ": authority '" + authority.name() + "' is keyless,"
                        + " which needs a Sigstore trusted root with Fulcio CAs, CT logs and Rekor keys; give one"
                        + " with --trusted-root FILE (a trusted_root.json)");
            }
        }
        if (tlogRequired && trustedRoot.tlogs().isEmpty()) {
            throw new PalisadeException("verifying " + image + ": signatures must carry a transparency-log entry but"
                    + " the trusted root has no Rekor key; give --trusted-root FILE, or --insecure-ignore-tlog to"
                    + " accept key-based signatures without a log entry");
        }
    }

    private ImageVerification compute(ImageReference reference, List<ImageAuthority> authorities, int required) {
        Digest digest;
        try {
            digest = source.resolve(reference);
        } catch (PalisadeException e) {
            return rejected("", "cannot resolve " + reference.normalized() + " to a digest: " + e.getMessage());
        }
        VerificationKey key = new VerificationKey(digest, authorities, required);
        Optional<ImageVerification> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        CompletableFuture<ImageVerification> mine = new CompletableFuture<>();
        CompletableFuture<ImageVerification> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            ImageVerification result = cache.get(key).orElseGet(() -> verifyFetched(reference, digest, key));
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static ImageVerification join(CompletableFuture<ImageVerification> running) {
        try {
            return running.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Fetches and verifies the signatures of one digest; caches the result unless the registry failed. */
    private ImageVerification verifyFetched(ImageReference reference, Digest digest, VerificationKey key) {
        List<ImageAuthority> authorities = key.authorities();
        int required = key.required();
        List<Authority> converted = new ArrayList<>(authorities.size());
        for (ImageAuthority authority : authorities) {
            converted.add(Authority.of(authority));
        }
        ImageSignatures signatures;
        try {
            signatures = source.signatures(reference, digest);
        } catch (PalisadeException e) {
            return rejected(digest.toString(), "cannot fetch the signatures of " + reference.name() + "@" + digest
                    + ": " + e.getMessage());
        }
        ImageVerification result;
        if (signatures.isEmpty()) {
            result = rejected(digest.toString(), "no cosign signature found for " + reference.name() + "@" + digest
                    + " (neither a " + digest.tagForm() + ".sig tag nor a Sigstore bundle referrer)");
        } else {
            VerificationPolicy policy = VerificationPolicy.anyOf(converted).withRequired(required)
                    .withTlogRequired(tlogRequired);
            SignatureVerification verification = verifier.verify(digest.toString(), reference.normalized(),
                    signatures.legacy(), signatures.bundles(), policy);
            result = verification.verified()
                    ? new ImageVerification(true, digest.toString(), verification.matchedAuthorities(), List.of())
                    : new ImageVerification(false, digest.toString(), verification.matchedAuthorities(),
                            reasons(verification, required));
        }
        cache.put(key, result, cacheTtl);
        return result;
    }

    private static List<String> reasons(SignatureVerification verification, int required) {
        Set<String> reasons = new LinkedHashSet<>();
        if (!verification.matchedAuthorities().isEmpty()) {
            reasons.add("only " + verification.matchedAuthorities().size() + " of the " + required
                    + " required authorities matched (" + String.join(", ", verification.matchedAuthorities()) + ")");
        }
        for (SignatureRejection rejection : verification.rejections()) {
            if (reasons.size() == MAX_REASONS) {
                reasons.add("… and " + (verification.rejections().size() - MAX_REASONS + 1) + " more");
                break;
            }
            reasons.add(rejection.describe());
        }
        return List.copyOf(reasons);
    }

    private static ImageVerification rejected(String digest, String reason) {
        return new ImageVerification(false, digest, List.of(), List.of(reason));
    }

    private static ImageVerification deadlinePassed(ImageReference reference, String when) {
        return rejected(reference.digest().map(Digest::toString).orElse(""), "verification of "
                + reference.normalized() + " did not finish within the evaluation deadline (stopped " + when
                + "); failing closed");
    }

    /** Number of cached verification results (expired ones included until evicted). */
    public int cachedResults() {
        return cache.size();
    }

    /** Configures a {@link CosignImageVerifier}. */
    public static final class Builder {
        private final SignatureSource source;
        private final TrustedRoot trustedRoot;
        private boolean tlogRequired = true;
        private Clock clock = Clock.systemUTC();
        private Duration cacheTtl = Duration.ofMinutes(5);
        private int cacheSize = 10_000;
        private int maxConcurrentFetches = 16;

        private Builder(SignatureSource source, TrustedRoot trustedRoot) {
            this.source = Objects.requireNonNull(source, "source");
            this.trustedRoot = Objects.requireNonNull(trustedRoot, "trustedRoot");
        }

        /**
         * Whether signatures need a transparency-log entry (default {@code true}, as cosign);
         * {@code false} is cosign's {@code --insecure-ignore-tlog}.
         */
        public Builder tlogRequired(boolean value) {
            this.tlogRequired = value;
            return this;
        }

        /** The clock for cache expiry, deadlines and refusing signing times in the future. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How long a verification result is reused (default five minutes). */
        public Builder cacheTtl(Duration value) {
            if (value.isNegative()) {
                throw new PalisadeException("the cache time to live must not be negative");
            }
            this.cacheTtl = value;
            return this;
        }

        /** How many verification results are kept (default 10,000; least recently used evicted). */
        public Builder cacheSize(int value) {
            if (value < 1) {
                throw new PalisadeException("the cache size must be at least 1");
            }
            this.cacheSize = value;
            return this;
        }

        /**
         * How many verifications with a deadline may run in the background at once (default 16); past
         * that, further verifications with a deadline fail closed at once rather than wait.
         */
        public Builder maxConcurrentFetches(int value) {
            if (value < 1) {
                throw new PalisadeException("maxConcurrentFetches must be at least 1");
            }
            this.maxConcurrentFetches = value;
            return this;
        }

        public CosignImageVerifier build() {
            return new CosignImageVerifier(this);
        }
    }
}
