package dev.palisade.sigstore.policy;

import dev.palisade.core.ImageVerification;
import dev.palisade.core.ImageVerificationPolicy;
import dev.palisade.core.ImageVerifier;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.ImageReferenceException;
import dev.palisade.sigstore.policy.internal.AttestationChecks;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.verify.AttestationVerification;
import dev.palisade.sigstore.registry.internal.TtlCache;
import dev.palisade.sigstore.verify.Authority;
import dev.palisade.sigstore.verify.ImageSignatureVerifier;
import dev.palisade.sigstore.verify.SignatureRejection;
import dev.palisade.sigstore.verify.SignatureVerification;
import dev.palisade.sigstore.verify.SignedImage;
import dev.palisade.sigstore.verify.TrustedRoot;
import dev.palisade.sigstore.verify.VerificationPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.util.function.Function;

/**
 * The {@link ImageVerifier} of policy-sigstore, doing what {@code cosign verify} does: parse the
 * reference, resolve a tag to its digest (a reference with a digest needs no manifest fetch), fetch
 * the legacy {@code .sig} layers and bundle referrers from the image's registry, and verify them offline
 * against a {@link TrustedRoot} with {@link ImageSignatureVerifier}. No network is used except the
 * image's registry.
 *
 * <p>Results — verified or not — are cached per (digest, policy) in a bounded cache with a time to
 * live; registry errors are not cached. Concurrent requests for the same uncached verification share one
 * fetch. With a deadline, a verification that has not finished in time fails closed (its work goes on in
 * the background and fills the cache for the next request). Immutable and thread-safe: build one and
 * share it.
 */
public final class CosignImageVerifier implements ImageVerifier, AttestationVerifier {
    private static final int MAX_REASONS = 8;

    private final SignatureSource source;
    private final TrustedRoot trustedRoot;
    private final ImageSignatureVerifier verifier;
    private final boolean tlogRequired;
    private final Clock clock;
    private final Duration cacheTtl;
    private final TtlCache<Object, Object> cache;
    private final TtlCache<ImageVerificationPolicy, VerificationPolicy> policies;
    private final ConcurrentHashMap<Object, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final int maxConcurrent;

    /** What a cached signature verification depends on. */
    private record SignatureKey(Digest digest, VerificationPolicy policy) {
    }

    /** What a cached attestation check depends on. */
    private record AttestationKey(Digest digest, AttestationPolicy policy) {
    }

    private CosignImageVerifier(Builder b) {
        this.source = b.source;
        this.trustedRoot = b.trustedRoot;
        this.verifier = new ImageSignatureVerifier(b.trustedRoot, b.clock);
        this.tlogRequired = b.tlogRequired;
        this.clock = b.clock;
        this.cacheTtl = b.cacheTtl;
        this.cache = new TtlCache<>(b.cacheSize, b.clock);
        this.policies = new TtlCache<>(1024, b.clock);
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
     * @param client the registry client
     * @return the builder
     * @param trustedRoot the Sigstore trust root (Fulcio CAs, CT logs, Rekor keys); an empty root
     *     serves key-based verification without a transparency log
     */
    public static Builder builder(RegistryClient client, TrustedRoot trustedRoot) {
        return new Builder(SignatureSource.registry(client), trustedRoot);
    }

    /**
     * A builder reading digests and signatures from the given source.
     *
     * @param source where digests and signatures come from
     * @param trustedRoot the Sigstore trust root
     * @return the builder
     */
    public static Builder builder(SignatureSource source, TrustedRoot trustedRoot) {
        return new Builder(source, trustedRoot);
    }

    /**
     * Verifies an image for the engine: the core policy's authorities, with this verifier's
     * transparency-log requirement.
     */
    @Override
    public ImageVerification verify(String image, ImageVerificationPolicy policy) {
        return verify(image, convert(image, policy), Optional.empty());
    }

    /** As {@link #verify(String, ImageVerificationPolicy)}, failing closed at {@code deadline}. */
    @Override
    public ImageVerification verify(String image, ImageVerificationPolicy policy, Instant deadline) {
        return verify(image, convert(image, policy), Optional.of(deadline));
    }

    /**
     * Verifies an image reference (a tag is resolved, a digest used as given) against a full verification
     * policy, as {@code cosign verify} does.
     *
     * @param image an image reference as written
     * @param policy the authorities and checks
     * @return whether the image verified, and why not
     * @throws PalisadeException when the policy cannot work with this verifier's trust root (a keyless
     *     authority without Fulcio CAs, a required transparency log without Rekor keys)
     */
    public ImageVerification verify(String image, VerificationPolicy policy) {
        return verify(image, policy, Optional.empty());
    }

    /**
     * As {@link #verify(String, VerificationPolicy)}, failing closed at {@code deadline}.
     *
     * @param image an image reference as written
     * @param policy the authorities and checks
     * @param deadline when to give up
     * @return whether the image verified, and why not
     */
    public ImageVerification verify(String image, VerificationPolicy policy, Instant deadline) {
        return verify(image, policy, Optional.of(deadline));
    }

    private VerificationPolicy convert(String image, ImageVerificationPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        Optional<VerificationPolicy> known = policies.get(policy);
        if (known.isPresent()) {
            return known.get();
        }
        VerificationPolicy converted;
        try {
            converted = VerificationPolicy.of(policy).withTlogRequired(tlogRequired);
        } catch (PalisadeException e) {
            throw new PalisadeException("verifying " + image + ": " + e.getMessage(), e);
        }
        policies.put(policy, converted, Duration.ofDays(3650));
        return converted;
    }

    private ImageVerification verify(String image, VerificationPolicy policy, Optional<Instant> deadline) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(policy, "policy");
        requireTrustFor(image, policy);
        return run(image, deadline, reference -> verifyFetched(reference, policy),
                digest -> new SignatureKey(digest, policy), CosignImageVerifier::rejected);
    }

    /**
     * Verifies the image's attestations (legacy {@code .att} layers and bundle referrers) with the policy's
     * signers and checks its requirements. Results are cached like signature verifications (conditions that
     * read {@code now} are judged at the time of the cached check).
     *
     * @throws PalisadeException when the policy cannot work with this verifier's trust root
     */
    @Override
    public AttestationResult verifyAttestations(String image, AttestationPolicy policy, Optional<Instant> deadline) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(policy, "policy");
        requireTrustFor(image, policy.signers());
        return run(image, deadline, reference -> attestationsFetched(reference, policy),
                digest -> new AttestationKey(digest, policy), AttestationResult::failed);
    }

    /** {@inheritDoc} The core policy is read as for {@link #verify(String, ImageVerificationPolicy)}. */
    @Override
    public AttestationResult verifyAttestations(String image, ImageVerificationPolicy signers,
            List<AttestationRequirement> requirements, Optional<Instant> deadline) {
        return verifyAttestations(image, new AttestationPolicy(convert(image, signers), requirements), deadline);
    }

    private Outcome<AttestationResult> attestationsFetched(ImageReference reference, AttestationPolicy policy) {
        Digest digest = reference.digest().orElseThrow();
        SignedImage signed;
        try {
            signed = source.attestations(reference, digest);
        } catch (PalisadeException e) {
            return new Outcome<>(AttestationResult.failed(digest.toString(), "cannot fetch the attestations of "
                    + reference.name() + "@" + digest + ": " + e.getMessage()), false);
        }
        AttestationVerification verification = verifier.verifyAttestations(signed, policy.signers());
        return new Outcome<>(AttestationChecks.judge(policy, verification, digest.toString(), clock.instant()), true);
    }

    /** How to say that a computation of type {@code T} failed. */
    @FunctionalInterface
    interface Failure<T> {
        T failed(String digest, String reason);
    }

    /** A computed result, and whether it may be cached (registry failures may not). */
    record Outcome<T>(T value, boolean cacheable) {
    }

    /**
     * Runs a cached computation for the image: parse, look the cache up, resolve, share in-flight work, and
     * honour the deadline.
     */
    <T> T run(String image, Optional<Instant> deadline, Function<ImageReference, Outcome<T>> compute,
            Function<Digest, Object> keyOf, Failure<T> failure) {
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        } catch (ImageReferenceException e) {
            return failure.failed("", "'" + image + "' is not a valid image reference: " + e.getMessage());
        }
        if (reference.digest().isPresent()) {
            Optional<Object> cached = cache.get(keyOf.apply(reference.digest().get()));
            if (cached.isPresent()) {
                return cast(cached.get());
            }
        }
        if (deadline.isEmpty()) {
            return resolveAndCompute(reference, compute, keyOf, failure);
        }
        Duration remaining = Duration.between(clock.instant(), deadline.get());
        String digestText = reference.digest().map(Digest::toString).orElse("");
        if (remaining.isNegative() || remaining.isZero()) {
            return failure.failed(digestText, deadlinePassed(reference, "before verification could start"));
        }
        CompletableFuture<T> work;
        try {
            work = CompletableFuture.supplyAsync(() -> resolveAndCompute(reference, compute, keyOf, failure), executor);
        } catch (RejectedExecutionException busy) {
            return failure.failed(digestText, "verification of " + reference.normalized() + " could not start before the"
                    + " evaluation deadline: " + maxConcurrent + " verifications are already in progress; failing closed");
        }
        try {
            return work.get(remaining.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return failure.failed(digestText, deadlinePassed(reference, "after " + remaining.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure.failed(digestText, deadlinePassed(reference, "because the verifying thread was interrupted"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new PalisadeException("verifying " + image + " failed: " + e.getCause(), e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    void requireTrustFor(String image, VerificationPolicy policy) {
        for (Authority authority : policy.authorities()) {
            if (authority instanceof Authority.Keyless && trustedRoot.certificateAuthorities().isEmpty()) {
                throw new PalisadeException("verifying " + image + ": authority '" + authority.name() + "' is keyless,"
                        + " which needs a Sigstore trusted root with Fulcio CAs, CT logs and Rekor keys; give one"
                        + " with --trusted-root FILE (a trusted_root.json)");
            }
        }
        if (policy.tlogRequired() && trustedRoot.tlogs().isEmpty()) {
            throw new PalisadeException("verifying " + image + ": signatures must carry a transparency-log entry but"
                    + " the trusted root has no Rekor key; give --trusted-root FILE, or --insecure-ignore-tlog to"
                    + " accept key-based signatures without a log entry");
        }
    }

    /** {@return the trusted root this verifier checks against} */
    public TrustedRoot trustedRoot() {
        return trustedRoot;
    }

    /** The source of digests and signatures. */
    SignatureSource source() {
        return source;
    }

    /** The offline verifier. */
    ImageSignatureVerifier offlineVerifier() {
        return verifier;
    }

    /** The verification policy for a core policy, with this verifier's transparency-log requirement. */
    VerificationPolicy policyFor(String image, ImageVerificationPolicy policy) {
        return convert(image, policy);
    }

    private <T> T resolveAndCompute(ImageReference reference, Function<ImageReference, Outcome<T>> compute,
            Function<Digest, Object> keyOf, Failure<T> failure) {
        Digest digest;
        try {
            digest = source.resolve(reference);
        } catch (PalisadeException e) {
            return failure.failed("", "cannot resolve " + reference.normalized() + " to a digest: " + e.getMessage());
        }
        Object key = keyOf.apply(digest);
        Optional<Object> cached = cache.get(key);
        if (cached.isPresent()) {
            return cast(cached.get());
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return cast(join(running));
        }
        try {
            Optional<Object> again = cache.get(key);
            T value;
            if (again.isPresent()) {
                value = cast(again.get());
            } else {
                Outcome<T> outcome = compute.apply(reference.withDigest(digest));
                value = outcome.value();
                if (outcome.cacheable()) {
                    cache.put(key, value, cacheTtl);
                }
            }
            mine.complete(value);
            return value;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static Object join(CompletableFuture<Object> running) {
        try {
            return running.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Fetches and verifies the signatures of one digest. */
    private Outcome<ImageVerification> verifyFetched(ImageReference reference, VerificationPolicy policy) {
        Digest digest = reference.digest().orElseThrow();
        SignedImage signed;
        try {
            signed = source.signatures(reference, digest);
        } catch (PalisadeException e) {
            return new Outcome<>(rejected(digest.toString(), "cannot fetch the signatures of " + reference.name() + "@"
                    + digest + ": " + e.getMessage()), false);
        }
        if (signed.signatures().isEmpty() && signed.bundles().isEmpty()) {
            return new Outcome<>(rejected(digest.toString(), "no cosign signature found for " + reference.name() + "@"
                    + digest + " (neither a " + digest.tagForm() + ".sig tag nor a Sigstore bundle referrer)"), true);
        }
        SignatureVerification verification = verifier.verify(signed, policy);
        return new Outcome<>(verification.verified()
                ? new ImageVerification(true, digest.toString(), verification.matchedAuthorities(), List.of())
                : new ImageVerification(false, digest.toString(), verification.matchedAuthorities(),
                        reasons(verification.matchedAuthorities(), verification.rejections(), policy.required())), true);
    }

    static List<String> reasons(List<String> matched, List<SignatureRejection> rejections, int required) {
        Set<String> reasons = new LinkedHashSet<>();
        if (!matched.isEmpty()) {
            reasons.add("only " + matched.size() + " of the " + required + " required authorities matched ("
                    + String.join(", ", matched) + ")");
        }
        for (SignatureRejection rejection : rejections) {
            if (reasons.size() == MAX_REASONS) {
                reasons.add("… and " + (rejections.size() - MAX_REASONS + 1) + " more");
                break;
            }
            reasons.add(rejection.describe());
        }
        return List.copyOf(reasons);
    }

    private static ImageVerification rejected(String digest, String reason) {
        return new ImageVerification(false, digest, List.of(), List.of(reason));
    }

    private static String deadlinePassed(ImageReference reference, String when) {
        return "verification of " + reference.normalized() + " did not finish within the evaluation deadline (stopped "
                + when + "); failing closed";
    }

    /** {@return number of cached verification results (expired ones included until evicted)} */
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
         * Whether signatures verified for core policies need a transparency-log entry (default
         * {@code true}, as cosign); {@code false} is cosign's {@code --insecure-ignore-tlog}. Full
         * {@link VerificationPolicy} values carry their own setting.
         *
         * @param value whether a transparency-log entry is required
         * @return this builder
         */
        public Builder tlogRequired(boolean value) {
            this.tlogRequired = value;
            return this;
        }

        /**
         * Sets the clock for cache expiry, deadlines and refusing signing times in the future.
         *
         * @param value the clock for cache expiry, deadlines and refusing signing times in the future
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets how long a verification result is reused (default five minutes).
         *
         * @param value how long a verification result is reused
         * @return this builder
         */
        public Builder cacheTtl(Duration value) {
            if (value.isNegative()) {
                throw new PalisadeException("the cache time to live must not be negative");
            }
            this.cacheTtl = value;
            return this;
        }

        /**
         * Sets how many verification results are kept (default 10,000; least recently used evicted).
         *
         * @param value how many verification results are kept
         * @return this builder
         */
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
         *
         * @param value the most background verifications at once
         * @return this builder
         */
        public Builder maxConcurrentFetches(int value) {
            if (value < 1) {
                throw new PalisadeException("maxConcurrentFetches must be at least 1");
            }
            this.maxConcurrentFetches = value;
            return this;
        }

        /** {@return the verifier} */
        public CosignImageVerifier build() {
            return new CosignImageVerifier(this);
        }
    }
}
