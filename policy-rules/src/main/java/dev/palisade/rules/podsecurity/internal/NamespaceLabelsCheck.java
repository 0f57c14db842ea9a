package dev.palisade.rules.podsecurity.internal;

import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Resource;
import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.LevelVersion;
import dev.palisade.rules.podsecurity.PsaOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Pod Security Admission says about a Namespace object: each invalid
 * {@code pod-security.kubernetes.io/*} label is denied (the API server rejects the create), and an
 * exempt namespace labelled with a non-privileged policy gets a warning that the labels are ignored.
 */
final class NamespaceLabelsCheck {

    private static final String[] MODES = {"enforce", "audit", "warn"};

    private NamespaceLabelsCheck() {
    }

    static void evaluate(Resource namespace, PsaOptions options, FindingSink sink) {
        Map<String, String> labels = namespace.labels();
        NamespacePolicy policy = NamespacePolicy.resolve(labels, options);
        if (!unchangedErrors(namespace, policy, options)) {
            reportErrors(policy, sink);
        }
        String name = namespace.id().name();
        if (options.exemptNamespaces().contains(name) && policy.errors().isEmpty()) {
            String summary = labelledModes(policy, labels);
            if (!summary.isEmpty()) {
                sink.report("namespace " + Text.goQuote(name) + " is exempt from Pod Security, and the policy ("
                        + summary + ") will be ignored", "/metadata/labels", EnforcementAction.WARN);
            }
        }
    }

    private static void reportErrors(NamespacePolicy policy, FindingSink sink) {
        for (String error : policy.errors()) {
            String key = error.substring("metadata.labels[".length(), error.indexOf(']'));
            sink.report(error, "/metadata/labels/" + Text.pointerSegment(key), EnforcementAction.DENY);
        }
    }

    /** An UPDATE is rejected only when its label errors differ from the old object's. */
    private static boolean unchangedErrors(Resource namespace, NamespacePolicy policy, PsaOptions options) {
        Optional<AdmissionRequest> request = namespace.request();
        if (request.isEmpty() || !request.get().operation().equals("UPDATE") || request.get().oldObject().isEmpty()) {
            return false;
        }
        Map<String, String> oldLabels = Resource.of(request.get().oldObject().get()).labels();
        return NamespacePolicy.resolve(oldLabels, options).errors().equals(policy.errors());
    }

    /** The non-privileged modes whose level or version the labels set, as {@code enforce=restricted:latest}. */
    private static String labelledModes(NamespacePolicy policy, Map<String, String> labels) {
        List<String> parts = new ArrayList<>(3);
        LevelVersion[] values = {policy.enforce(), policy.audit(), policy.warn()};
        for (int i = 0; i < MODES.length; i++) {
            String key = NamespacePolicy.PREFIX + MODES[i];
            boolean labelled = labels.containsKey(key) || labels.containsKey(key + "-version");
            if (labelled && values[i].level() != Level.PRIVILEGED) {
                parts.add(MODES[i] + "=" + values[i]);
            }
        }
        return String.join(", ", parts);
    }
}
