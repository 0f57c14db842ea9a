package dev.palisade.rules.podsecurity.internal;

import static dev.palisade.rules.podsecurity.internal.Fields.fail;
import static dev.palisade.rules.podsecurity.internal.Fields.isSet;
import static dev.palisade.rules.podsecurity.internal.Fields.isWindows;
import static dev.palisade.rules.podsecurity.internal.Fields.text;
import static dev.palisade.rules.podsecurity.internal.Text.containers;
import static dev.palisade.rules.podsecurity.internal.Text.goQuote;
import static dev.palisade.rules.podsecurity.internal.Text.plural;
import static dev.palisade.rules.podsecurity.internal.Text.pointerSegment;
import static dev.palisade.rules.podsecurity.internal.Text.quoteAll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The seccomp checks: annotations before v1.19, {@code seccompProfile} fields from v1.19. */
final class SeccompChecks {

    static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    static final String CONTAINER_ANNOTATION_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";
    private static final String MUST_SET = " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"";

    private SeccompChecks() {
    }

    /** {@code seccompProfile_baseline} v1.0: the alpha annotations. */
    static Optional<CheckFailure> baselineAnnotations(PodSpecView pod) {
        JsonNode annotations = pod.metadata().path("annotations");
        if (annotations.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, String> forbidden = new TreeMap<>();
        inspectAnnotation(annotations, POD_ANNOTATION, forbidden);
        for (ContainerView container : pod.containers()) {
            inspectAnnotation(annotations, CONTAINER_ANNOTATION_PREFIX + container.name(), forbidden);
        }
        if (forbidden.isEmpty()) {
            return Optional.empty();
        }
        List<String> texts = List.copyOf(new TreeSet<>(forbidden.values()));
        String firstKey = keyOf(forbidden, texts.get(0));
        return fail("seccompProfile", "forbidden " + plural("annotation", "annotations", texts.size()) + " "
                + String.join(", ", texts), pod.metadataPath() + "/annotations/" + pointerSegment(firstKey));
    }

    private static String keyOf(Map<String, String> forbidden, String text) {
        for (Map.Entry<String, String> e : forbidden.entrySet()) {
            if (e.getValue().equals(text)) {
                return e.getKey();
            }
        }
        return "";
    }

    private static void inspectAnnotation(JsonNode annotations, String key, Map<String, String> forbidden) {
        JsonNode node = annotations.path(key);
        String value = text(node);
        if (!node.isMissingNode() && !isAllowedAnnotationValue(value)) {
            forbidden.put(key, key + "=" + goQuote(value));
        }
    }

    private static boolean isAllowedAnnotationValue(String value) {
        return value.equals("runtime/default") || value.equals("docker/default") || value.startsWith("localhost/");
    }

    private static boolean isAllowedType(JsonNode profile) {
        String type = text(profile.path("type"));
        return type.equals("RuntimeDefault") || type.equals("Localhost");
    }

    /** {@code seccompProfile_baseline} v1.19: a profile, where set, must be RuntimeDefault or Localhost. */
    static Optional<CheckFailure> baselineFields(PodSpecView pod) {
        Set<String> types = new TreeSet<>();
        JsonNode podProfile = pod.securityContext().path("seccompProfile");
        boolean podBad = isSet(podProfile) && !isAllowedType(podProfile);
        String path = "";
        if (podBad) {
            types.add(text(podProfile.path("type")));
            path = pod.pathOf("securityContext/seccompProfile/type");
        }
        List<String> bad = new ArrayList<>();
        for (ContainerView container : pod.containers()) {
            JsonNode profile = container.securityContext().path("seccompProfile");
            if (isSet(profile) && !isAllowedType(profile)) {
                bad.add(container.name());
                types.add(text(profile.path("type")));
                path = path.isEmpty() ? container.pathOf("securityContext/seccompProfile/type") : path;
            }
        }
        return !podBad && bad.isEmpty() ? Optional.empty() : fail("seccompProfile",
                SecurityContextChecks.setters(podBad, bad) + " must not set securityContext.seccompProfile.type to "
                        + quoteAll(types), path);
    }

    /** {@code seccompProfile_restricted} v1.19: every container needs a valid own or pod-level profile. */
    static Optional<CheckFailure> restricted(PodSpecView pod) {
        Set<String> types = new TreeSet<>();
        JsonNode podProfile = pod.securityContext().path("seccompProfile");
        boolean podSet = isSet(podProfile);
        boolean podBad = podSet && !isAllowedType(podProfile);
        boolean podValid = podSet && !podBad;
        String explicitPath = "";
        if (podBad) {
            types.add(text(podProfile.path("type")));
            explicitPath = pod.pathOf("securityContext/seccompProfile/type");
        }
        List<String> explicit = new ArrayList<>();
        List<String> implicit = new ArrayList<>();
        String implicitPath = "";
        for (ContainerView container : pod.containers()) {
            JsonNode profile = container.securityContext().path("seccompProfile");
            if (isSet(profile)) {
                if (!isAllowedType(profile)) {
                    explicit.add(container.name());
                    types.add(text(profile.path("type")));
                    explicitPath = explicitPath.isEmpty() ? container.pathOf("securityContext/seccompProfile/type")
                            : explicitPath;
                }
            } else if (!podValid) {
                implicit.add(container.name());
                implicitPath = implicitPath.isEmpty() ? container.pathOf("securityContext/seccompProfile/type")
                        : implicitPath;
            }
        }
        if (podBad || !explicit.isEmpty()) {
            return fail("seccompProfile", SecurityContextChecks.setters(podBad, explicit)
                    + " must not set securityContext.seccompProfile.type to " + quoteAll(types), explicitPath);
        }
        if (!implicit.isEmpty()) {
            return fail("seccompProfile", "pod or " + containers(implicit) + MUST_SET, implicitPath);
        }
        return Optional.empty();
    }

    /** {@code seccompProfile_restricted} v1.25: Windows pods are exempt. */
    static Optional<CheckFailure> restrictedWindowsExempt(PodSpecView pod) {
        return isWindows(pod) ? Optional.empty() : restricted(pod);
    }
}
