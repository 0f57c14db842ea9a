package dev.palisade.kyverno.internal;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Map;

/**
 * Kyverno's kind selectors ({@code Pod}, {@code v1/Pod}, {@code apps/v1/Deployment},
 * {@code Pod/exec}, {@code *}, {@code networking.k8s.io/*\/Ingress}) and how they match a group,
 * version, kind and subresource.
 */
public final class Kinds {
    private static final Pattern VERSION = Pattern.compile("^(v\\d+((alpha|beta)\\d+)?|\\*)$");

    /** Pod controller kinds and their full selectors, as Kyverno's autogen writes them. */
    public static final Map<String, String> POD_CONTROLLER_GVK = Map.of(
            "DaemonSet", "apps/v1/DaemonSet",
            "Deployment", "apps/v1/Deployment",
            "Job", "batch/v1/Job",
            "StatefulSet", "apps/v1/StatefulSet",
            "ReplicaSet", "apps/v1/ReplicaSet",
            "ReplicationController", "v1/ReplicationController",
            "CronJob", "batch/v1/CronJob",
            "Pod", "v1/Pod");

    private Kinds() {
    }

    /**
     * A parsed selector.
     *
     * @param group group pattern
     * @param version version pattern
     * @param kind kind pattern
     * @param subresource subresource pattern ({@code ""} for the resource itself)
     */
    public record Selector(String group, String version, String kind, String subresource) {
    }

    /** Kyverno's {@code ParseKindSelector}. */
    public static Selector parse(String input) {
        String[] slash = input.split("/", -1);
        List<String> parts = new java.util.ArrayList<>(List.of(slash).subList(0, slash.length - 1));
        parts.addAll(List.of(slash[slash.length - 1].split("\\.", -1)));
        switch (parts.size()) {
            case 1:
                return new Selector("*", "*", parts.get(0), "");
            case 2:
                if (parts.get(0).equals("*") && parts.get(1).equals("*")) {
                    return new Selector("*", "*", "*", "*");
                }
                if (parts.get(0).equals("*") && parts.get(1).toLowerCase(java.util.Locale.ROOT).equals(parts.get(1))) {
                    return new Selector("*", "*", parts.get(0), parts.get(1));
                }
                if (VERSION.matcher(parts.get(0)).matches()) {
                    return new Selector("*", parts.get(0), parts.get(1), "");
                }
                return new Selector("*", "*", parts.get(0), parts.get(1));
            case 3:
                if (VERSION.matcher(parts.get(0)).matches()) {
                    return new Selector("*", parts.get(0), parts.get(1), parts.get(2));
                }
                return new Selector(parts.get(0), parts.get(1), parts.get(2), "");
            case 4:
                return new Selector(parts.get(0), parts.get(1), parts.get(2), parts.get(3));
            default:
                return new Selector("", "", "", "");
        }
    }

    /** Kyverno's {@code CheckKind} (ephemeral containers of Pods allowed). */
    public static boolean check(List<String> kinds, String group, String version, String kind, String subresource) {
        return checkParsed(kinds.stream().map(Kinds::parse).toList(), group, version, kind, subresource);
    }

    /** {@link #check} over selectors parsed once. */
    public static boolean checkParsed(List<Selector> kinds, String group, String version, String kind,
            String subresource) {
        for (Selector s : kinds) {
            if (Wildcard.match(s.group(), group) && Wildcard.match(s.version(), version)
                    && Wildcard.match(s.kind(), kind)) {
                if (Wildcard.match(s.subresource(), subresource)) {
                    return true;
                }
                if (group.isEmpty() && version.equals("v1") && kind.equals("Pod")
                        && subresource.equals("ephemeralcontainers")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Kyverno's {@code GetKindFromGVK}: the kind part (with subresource as {@code kind/sub}). */
    public static String kindOf(String selector) {
        String[] parts = selector.split("/", -1);
        switch (parts.length) {
            case 1:
                return selector.replaceFirst("\\.", "/");
            case 2:
                if (parts[0].equals("*") && parts[1].equals("*")) {
                    return "*/*";
                }
                if (VERSION.matcher(parts[0]).matches()) {
                    return parts[1].replaceFirst("\\.", "/");
                }
                return parts[0] + "/" + parts[1];
            case 3:
                if (VERSION.matcher(parts[0]).matches()) {
                    return parts[1] + "/" + parts[2];
                }
                return parts[2].replaceFirst("\\.", "/");
            case 4:
                return parts[2] + "/" + parts[3];
            default:
                return "";
        }
    }

    /** Kyverno's {@code ContainsKind}: whether a selector in the list names the kind. */
    public static boolean contains(List<String> selectors, String kind) {
        for (String selector : selectors) {
            String k = kindOf(selector);
            String[] split = k.split("/", -1);
            if ((split.length == 2 ? split[0] : k).equals(kind)) {
                return true;
            }
        }
        return false;
    }
}
