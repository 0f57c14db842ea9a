package dev.palisade.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.admission.AdmissionResponse;
import dev.palisade.core.admission.AdmissionResponses;
import dev.palisade.core.admission.AdmissionReviewRequest;
import dev.palisade.sigstore.pin.AdmissionPinner;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The mutating handler ({@code /mutate}): rewrites the container images of the reviewed object from
 * {@code name:tag} to {@code name:tag@sha256:…} with a JSON Patch, through an {@link AdmissionPinner}
 * (the lockfile and digest cache of {@code palisade pin}; Pods, PodTemplates, pod controllers, Jobs and
 * CronJobs; init and ephemeral containers). Only CREATE and UPDATE are pinned; DELETE and CONNECT are
 * allowed without a patch. Tags must be settled shortly before the review's deadline, so that the
 * pinner's failure policy, not the server's, answers a registry that is slow: under {@code FAIL} the
 * request is denied with the images and reasons, under {@code IGNORE} it is allowed with those images as
 * written and the reasons as warnings.
 */
public final class DigestPinningMutator implements AdmissionHandler {
    /** Time kept between the pinner's deadline and the server's, to write the answer. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(100);
    private static final Set<String> MUTATED = Set.of("CREATE", "UPDATE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdmissionPinner pinner;

    /**
     * A mutator that pins with this pinner (one per process: it caches resolved tags).
     *
     * @param pinner the pinner, with its lockfile, resolver, deadline and failure policy
     */
    public DigestPinningMutator(AdmissionPinner pinner) {
        this.pinner = Objects.requireNonNull(pinner, "pinner");
    }

    /** Pins within the pinner's own deadline. */
    @Override
    public AdmissionResponse handle(AdmissionReviewRequest review) {
        return handle(review, Instant.MAX);
    }

    /** Pins by {@code answerBy} less a margin to write the answer (and within the pinner's deadline). */
    @Override
    public AdmissionResponse handle(AdmissionReviewRequest review, Instant answerBy) {
        AdmissionResponses.Builder response = AdmissionResponses.builder(review.uid()).apiVersion(review.apiVersion());
        if (!MUTATED.contains(review.request().operation())) {
            return response.build();
        }
        Instant until = answerBy.equals(Instant.MAX) ? Instant.MAX : answerBy.minus(ANSWER_MARGIN);
        AdmissionPinner.Result result = pinner.patch(review.resource(), until);
        if (!result.allowed()) {
            return response.deny("palisade webhook: " + result.message() + "; denied (--pin-failure-policy Fail)")
                    .build();
        }
        result.warnings().forEach(warning -> response.warn("palisade webhook: left unpinned"
                + " (--pin-failure-policy Ignore): " + warning));
        if (!result.operations().isEmpty()) {
            try {
                response.patch(JSON.readTree(result.patchJson()));
            } catch (JsonProcessingException e) {
                throw new PalisadeException("the pinner produced an unreadable patch: " + e.getOriginalMessage(), e);
            }
        }
        return response.build();
    }
}
