package dev.palisade.core.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.palisade.core.Decision;
import dev.palisade.core.Finding;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Result;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds AdmissionReview responses from evaluation results: {@code allowed} unless the decision is
 * deny or error, a 403 status listing each deny finding as {@code [policy-id] message}, a warning per warn
 * finding, an audit annotation per policy with dryrun findings, and an optional JSON Patch.
 * Kubernetes limits are respected: warnings are short and few, annotation keys are valid names and
 * values bounded.
 */
public final class AdmissionResponses {
    /** Longest warning kept whole; Kubernetes may truncate longer ones. */
    public static final int MAX_WARNING_LENGTH = 256;
    /** Total length of all warnings of one response. */
    public static final int MAX_WARNINGS_LENGTH = 4096;
    /** Longest status message; further deny findings are counted, not listed. */
    public static final int MAX_STATUS_MESSAGE_LENGTH = 8192;
    /** Longest audit annotation value. */
    public static final int MAX_ANNOTATION_VALUE_LENGTH = 1024;
    /** Most audit annotations of one response. */
    public static final int MAX_ANNOTATIONS = 64;
    /** Longest audit annotation key (a qualified name without prefix). */
    public static final int MAX_ANNOTATION_KEY_LENGTH = 63;

    private static final Set<String> PATCH_OPERATIONS = Set.of("add", "remove", "replace", "move", "copy", "test");
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private AdmissionResponses() {
    }

    /**
     * A response to the review that the result judged.
     *
     * @param review the review
     * @param result the result of judging its object
     * @return a builder
     */
    public static Builder forResult(AdmissionReviewRequest review, Result result) {
        return builder(review.uid()).apiVersion(review.apiVersion()).result(result);
    }

    /**
     * A response to the request the result's resource arrived with.
     *
     * @param result the result
     * @return a builder
     */
    public static Builder forResult(Result result) {
        String uid = result.request().map(r -> r.uid()).orElseThrow(() -> new PalisadeException(
                "the result's resource did not arrive with an admission request; use builder(uid)"));
        return builder(uid).result(result);
    }

    /**
     * A response to the request with this uid; allowed until a result or denial says otherwise.
     *
     * @param uid the request uid
     * @return a builder
     */
    public static Builder builder(String uid) {
        return new Builder(uid);
    }

    /** Builds one {@link AdmissionResponse}. */
    public static final class Builder {
        private final String uid;
        private String apiVersion = AdmissionReviews.API_VERSION;
        private final List<String> denials = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, List<String>> dryRuns = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private Optional<String> patch = Optional.empty();

        private Builder(String uid) {
            this.uid = Objects.requireNonNull(uid, "uid");
        }

        /**
         * Sets the AdmissionReview version to answer in (that of the request).
         *
         * @param version the AdmissionReview version to answer in
         * @return this builder
         */
        public Builder apiVersion(String version) {
            this.apiVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * Adds the unexempted findings and audit annotations of a result. A result that decided
         * {@link Decision#ERROR} (its policy set could not be loaded whole) denies, naming the errors.
         *
         * @param result the result
         * @return this builder
         */
        public Builder result(Result result) {
            if (result.decision() == Decision.ERROR) {
                StringBuilder message = new StringBuilder("the policies could not all be loaded, so nothing is allowed:");
                result.errors().stream().limit(3).forEach(e -> message.append(' ').append(e.display()).append(';'));
                if (result.errors().size() > 3) {
                    message.append(" and ").append(result.errors().size() - 3).append(" more");
                }
                denials.add(message.toString());
            }
            for (Finding finding : result.violations()) {
                String line = "[" + finding.policyId() + "] " + finding.message();
                switch (finding.action()) {
                    case DENY -> denials.add(line);
                    case WARN -> warnings.add(line);
                    case DRYRUN -> dryRuns.computeIfAbsent(finding.policyId(), id -> new ArrayList<>())
                            .add(finding.message());
                }
            }
            result.auditAnnotations().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> annotations.put(e.getKey(), e.getValue()));
            return this;
        }

        /**
         * Denies with a message of its own (a host-side failure, a fail-closed timeout).
         *
         * @param message the denial's message
         * @return this builder
         */
        public Builder deny(String message) {
            denials.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * Adds a warning of its own.
         *
         * @param message a warning of its own
         * @return this builder
         */
        public Builder warn(String message) {
            warnings.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * Sets the JSON Patch (RFC 6902) a mutating webhook applies when the request is allowed.
         *
         * @param jsonPatch the patch, an array of operations
         * @return this builder
         * @throws PalisadeException when the patch is not an array of operations with {@code op} and {@code path}
         */
        public Builder patch(JsonNode jsonPatch) {
            validatePatch(jsonPatch);
            try {
                patch = Optional.of(Base64.getEncoder().encodeToString(MAPPER.writeValueAsBytes(jsonPatch)));
            } catch (JsonProcessingException e) {
                throw new PalisadeException("cannot serialize the JSON Patch: " + e.getOriginalMessage(), e);
            }
            return this;
        }

        /**
         * {@return the response: allowed when nothing denied the request, else a 403 naming every denial}
         */
        public AdmissionResponse build() {
            boolean allowed = denials.isEmpty();
            Optional<AdmissionResponse.Status> status = allowed ? Optional.empty()
                    : Optional.of(new AdmissionResponse.Status(403, "Forbidden", statusMessage()));
            return new AdmissionResponse(apiVersion, uid, allowed, status, boundedWarnings(), boundedAnnotations(),
                    allowed ? patch : Optional.empty());
        }

        private String statusMessage() {
            StringBuilder message = new StringBuilder();
            for (int i = 0; i < denials.size(); i++) {
                String line = singleLine(denials.get(i));
                String more = "\nand " + (denials.size() - i) + " more denials";
                if (message.length() + line.length() + 1 + more.length() > MAX_STATUS_MESSAGE_LENGTH) {
                    message.append(more);
                    break;
                }
                if (message.length() > 0) {
                    message.append('\n');
                }
                message.append(line);
            }
            return message.toString();
        }

        private List<String> boundedWarnings() {
            List<String> kept = new ArrayList<>();
            int total = 0;
            for (int i = 0; i < warnings.size(); i++) {
                String warning = truncate(singleLine(warnings.get(i)), MAX_WARNING_LENGTH);
                String more = "and " + (warnings.size() - i) + " more warnings";
                boolean last = i == warnings.size() - 1;
                if (total + warning.length() + (last ? 0 : more.length()) > MAX_WARNINGS_LENGTH) {
                    kept.add(more);
                    break;
                }
                kept.add(warning);
                total += warning.length();
            }
            return kept;
        }

        private Map<String, String> boundedAnnotations() {
            Map<String, String> all = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : dryRuns.entrySet()) {
                all.put(annotationKey("dryrun." + e.getKey()), truncate(String.join("; ", e.getValue()),
                        MAX_ANNOTATION_VALUE_LENGTH));
            }
            for (Map.Entry<String, String> e : annotations.entrySet()) {
                all.putIfAbsent(annotationKey(e.getKey()), truncate(e.getValue(), MAX_ANNOTATION_VALUE_LENGTH));
            }
            if (all.size() <= MAX_ANNOTATIONS) {
                return all;
            }
            Map<String, String> kept = new LinkedHashMap<>();
            all.entrySet().stream().limit(MAX_ANNOTATIONS - 1L).forEach(e -> kept.put(e.getKey(), e.getValue()));
            kept.put("omitted-annotations", Integer.toString(all.size() - kept.size()));
            return kept;
        }
    }

    /**
     * A valid audit annotation key: a qualified name without prefix ({@code [A-Za-z0-9][-A-Za-z0-9_.]*}
     * ending alphanumeric, at most 63 characters). Other characters become {@code .}.
     */
    static String annotationKey(String raw) {
        StringBuilder key = new StringBuilder(Math.min(raw.length(), MAX_ANNOTATION_KEY_LENGTH));
        for (int i = 0; i < raw.length() && key.length() < MAX_ANNOTATION_KEY_LENGTH; i++) {
            char c = raw.charAt(i);
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            key.append(alnum || c == '-' || c == '_' || c == '.' ? c : '.');
        }
        int start = 0;
        while (start < key.length() && !isAlnum(key.charAt(start))) {
            start++;
        }
        int end = key.length();
        while (end > start && !isAlnum(key.charAt(end - 1))) {
            end--;
        }
        return start == end ? "annotation" : key.substring(start, end);
    }

    private static boolean isAlnum(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static String singleLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString().strip();
    }

    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 3;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "...";
    }

    private static void validatePatch(JsonNode jsonPatch) {
        if (jsonPatch == null || !jsonPatch.isArray()) {
            throw new PalisadeException("a JSON Patch must be an array of operations");
        }
        for (int i = 0; i < jsonPatch.size(); i++) {
            JsonNode op = jsonPatch.get(i);
            if (!op.isObject() || !PATCH_OPERATIONS.contains(op.path("op").asText(""))
                    || !op.path("path").isTextual()) {
                throw new PalisadeException("JSON Patch operation " + i + " needs an op (add, remove, replace, move,"
                        + " copy, test) and a path: " + op);
            }
        }
    }
}
