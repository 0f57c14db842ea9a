package dev.palisade.sigstore.pin;

import dev.palisade.core.ContainerView;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.ImageVerification;
import dev.palisade.core.ImageVerificationPolicy;
import dev.palisade.core.ImageVerifier;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.DigestResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Digest pinning at admission: for the object of an admission request, the RFC 6902 JSON Patch that
 * rewrites every container image written by tag ({@code name:tag}) to {@code name:tag@sha256:…}, for a
 * mutating webhook. The digest is the one {@code palisade pin} would write — the lockfile's entry for the
 * tag when there is one, else the registry's answer (through the resolver, normally
 * {@link DigestResolver#caching}) — or, for images a verification policy covers, the digest that
 * verification verified, so that what was verified is what runs.
 *
 * <p>Every image must be settled before the deadline. What happens when one cannot be (the registry is
 * down or slow, the tag is unknown, verification fails, an already pinned image disagrees with the
 * lockfile) is the failure policy's choice: {@link FailurePolicy#FAIL} refuses the request with the reasons;
 * {@link FailurePolicy#IGNORE} leaves that image as written and reports a warning. Immutable and thread-safe.
 */
public final class AdmissionPinner {
    private final DigestResolver resolver;
    private final Lockfile lockfile;
    private final Optional<ImageVerifier> verifier;
    private final Function<String, Optional<ImageVerificationPolicy>> policies;
    private final Duration deadline;
    private final FailurePolicy failurePolicy;
    private final Clock clock;
    private final ExecutorService executor;

    private AdmissionPinner(Builder b) {
        this.resolver = b.resolver;
        this.lockfile = b.lockfile;
        this.verifier = b.verifier;
        this.policies = b.policies;
        this.deadline = b.deadline;
        this.failurePolicy = b.failurePolicy;
        this.clock = b.clock;
        this.executor = new ThreadPoolExecutor(0, b.maxConcurrent, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "palisade-admission-pinning");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * A builder that resolves tags with this resolver (use {@link DigestResolver#caching} for a registry).
     *
     * @param resolver resolves tags to digests
     * @return the builder
     */
    public static Builder builder(DigestResolver resolver) {
        return new Builder(resolver);
    }

    /**
     * The outcome for one object.
     *
     * @param allowed whether the request may proceed ({@code false} only under {@link FailurePolicy#FAIL})
     * @param operations the {@code replace} operations, one per image pinned (empty when nothing changes)
     * @param warnings images left as written under {@link FailurePolicy#IGNORE}, and why
     * @param message why the request is refused; empty when allowed
     */
    public record Result(boolean allowed, List<PatchOperation> operations, List<String> warnings, String message) {

        /**
         * Copies the lists.
         *
         * @param allowed whether the request may proceed ({@code false} only under {@link FailurePolicy#FAIL})
         * @param operations the {@code replace} operations, one per image pinned (empty when nothing changes)
         * @param warnings images left as written under {@link FailurePolicy#IGNORE}, and why
         * @param message why the request is refused; empty when allowed
         */
        public Result {
            operations = List.copyOf(operations);
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(message, "message");
        }

        /** {@return the patch as an RFC 6902 JSON document ({@code []} when there is nothing to change)} */
        public String patchJson() {
            return PatchOperation.toJson(operations);
        }
    }

    /**
     * Computes the patch for one object within the configured deadline; never throws for registry or
     * verification problems.
     *
     * @param resource the object of an admission request
     * @return the patch, or why images could not be pinned
     */
    public Result patch(Resource resource) {
        return patch(resource, clock.instant().plus(deadline));
    }

    /**
     * Computes the patch for one object, settled by {@code until} or within the configured deadline, whichever
     * comes first: a webhook passes the instant by which it must answer the review. Never throws for registry or
     * verification problems.
     *
     * @param resource the object of an admission request
     * @param until when the answer is due
     * @return the patch, or why images could not be pinned
     */
    public Result patch(Resource resource, Instant until) {
        Instant configured = clock.instant().plus(deadline);
        Instant settledBy = until.isAfter(configured) ? configured : until;
        List<PatchOperation> operations = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ContainerView container : PodSpecView.of(resource).map(PodSpecView::containers).orElse(List.of())) {
            if (!container.node().path("image").isTextual() || container.image().isEmpty()) {
                continue;
            }
            String image = container.image();
            try {
                pinned(image, settledBy).ifPresent(value -> operations.add(PatchOperation.replace(container.pathOf("image"), value)));
            } catch (PalisadeException e) {
                problems.add("image '" + image + "' of container '" + container.name() + "': " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            return new Result(true, operations, List.of(), "");
        }
        if (failurePolicy == FailurePolicy.IGNORE) {
            return new Result(true, operations, problems, "");
        }
        return new Result(false, List.of(), List.of(), "images could not be pinned to digests: "
                + String.join("; ", problems));
    }

    /** The new value of the image field, or empty when it stays as written. */
    private Optional<String> pinned(String image, Instant until) {
        ImageReference reference = ImageReference.parse(image);
        Optional<ImageVerificationPolicy> policy = policies.apply(image);
        if (reference.digest().isPresent()) {
            if (reference.tag().isPresent()) {
                lockfile.entry(reference).filter(e -> !e.digest().equals(reference.digest().get())).ifPresent(e -> {
                    throw new PinException("it is pinned to " + reference.digest().get() + " but the lockfile records "
                            + e.digest() + " for " + Lockfile.key(reference));
                });
            }
            policy.ifPresent(p -> verified(image, p, until));
            return Optional.empty();
        }
        Digest digest;
        if (policy.isPresent()) {
            digest = verified(image, policy.get(), until);
            lockfile.entry(reference).filter(e -> !e.digest().equals(digest)).ifPresent(e -> {
                throw new PinException("its tag now names " + digest + " (verified), but the lockfile records " + e.digest()
                        + " for " + Lockfile.key(reference));
            });
        } else {
            Optional<LockEntry> recorded = lockfile.entry(reference);
            digest = recorded.isPresent() ? recorded.get().digest() : resolveBy(reference, until);
        }
        return Optional.of(image + "@" + digest);
    }

    private Digest verified(String image, ImageVerificationPolicy policy, Instant until) {
        ImageVerifier imageVerifier = verifier.orElseThrow(() -> new PinException("a verification policy applies but no"
                + " image verifier is configured"));
        ImageVerification verification = imageVerifier.verify(image, policy, until);
        if (!verification.verified()) {
            throw new PinException("not verified: " + String.join("; ", verification.reasons()));
        }
        try {
            return Digest.parse(verification.digest());
        } catch (PalisadeException e) {
            throw new PinException("the verifier gave no digest for it: " + e.getMessage());
        }
    }

    private Digest resolveBy(ImageReference reference, Instant until) {
        Duration remaining = Duration.between(clock.instant(), until);
        if (remaining.isNegative() || remaining.isZero()) {
            throw new PinException("the deadline passed before its tag could be resolved");
        }
        CompletableFuture<Digest> work;
        try {
            work = CompletableFuture.supplyAsync(() -> resolver.resolve(reference), executor);
        } catch (RejectedExecutionException busy) {
            throw new PinException("too many resolutions are in progress to resolve its tag before the deadline");
        }
        try {
            return work.get(remaining.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PinException("its tag was not resolved within the deadline (" + remaining.toMillis()
                    + " ms left of the request's time)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinException("interrupted while resolving its tag");
        } catch (ExecutionException e) {
            throw new PinException("cannot resolve its tag: " + (e.getCause() == null ? e : e.getCause().getMessage()));
        }
    }

    /** Configures an {@link AdmissionPinner}. */
    public static final class Builder {
        private final DigestResolver resolver;
        private Lockfile lockfile = Lockfile.empty();
        private Optional<ImageVerifier> verifier = Optional.empty();
        private Function<String, Optional<ImageVerificationPolicy>> policies = image -> Optional.empty();
        private Duration deadline = Duration.ofSeconds(3);
        private FailurePolicy failurePolicy = FailurePolicy.FAIL;
        private Clock clock = Clock.systemUTC();
        private int maxConcurrent = 16;

        private Builder(DigestResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
        }

        /**
         * Digests recorded by {@code palisade pin}: a tag the lockfile holds is pinned to its entry without a
         * lookup, and an image already pinned must agree with it (default: none).
         *
         * @param value the lockfile
         * @return this builder
         */
        public Builder lockfile(Lockfile value) {
            this.lockfile = Objects.requireNonNull(value, "lockfile");
            return this;
        }

        /**
         * Pins images that {@code policies} gives a verification policy for to the digest the verifier
         * verified (an image that does not verify is a failure); other images are resolved. Images already
         * pinned are verified too.
         *
         * @param value verifies image signatures
         * @param policyFor the verification policy of an image, if it has one
         * @return this builder
         */
        public Builder verifiedBy(ImageVerifier value, Function<String, Optional<ImageVerificationPolicy>> policyFor) {
            this.verifier = Optional.of(Objects.requireNonNull(value, "verifier"));
            this.policies = Objects.requireNonNull(policyFor, "policyFor");
            return this;
        }

        /**
         * Sets how long one object may take (default three seconds; keep it below the webhook timeout).
         *
         * @param value how long one object may take
         * @return this builder
         */
        public Builder deadline(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new PalisadeException("the pinning deadline must be positive");
            }
            this.deadline = value;
            return this;
        }

        /**
         * Refuse the request ({@code FAIL}, the default) or let the image through unpinned ({@code IGNORE}).
         *
         * @param value what happens when a tag cannot be resolved
         * @return this builder
         */
        public Builder failurePolicy(FailurePolicy value) {
            this.failurePolicy = Objects.requireNonNull(value, "failurePolicy");
            return this;
        }

        /**
         * Sets the clock deadlines are measured with.
         *
         * @param value the clock deadlines are measured with
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets how many tag resolutions may run at once (default 16); past that, an image fails at once.
         *
         * @param value how many tag resolutions may run at once
         * @return this builder
         */
        public Builder maxConcurrent(int value) {
            if (value < 1) {
                throw new PalisadeException("maxConcurrent must be at least 1");
            }
            this.maxConcurrent = value;
            return this;
        }

        /** {@return the pinner} */
        public AdmissionPinner build() {
            return new AdmissionPinner(this);
        }
    }
}
