package dev.palisade.core;

import java.util.List;

/**
 * Selects kinds: any API group in {@code apiGroups} × any kind in {@code kinds}. An empty list or
 * {@code "*"} matches anything; the core group is {@code ""}.
 */
public record KindSelector(List<String> apiGroups, List<String> kinds) {

    /**
     * A kind name that stands for every kind that carries a pod template ({@link PodSpecView}'s
     * registry, as it is when a resource is matched), so that kinds registered after a policy was
     * built are still selected.
     */
    public static final String POD_TEMPLATE_KINDS = "<pod-template-kinds>";

    /**
     * Copies the lists.
     *
     * @param apiGroups API groups; empty or {@code "*"} matches any, {@code ""} is the core group
     * @param kinds kinds; empty or {@code "*"} matches any
     */
    public KindSelector {
        apiGroups = List.copyOf(apiGroups);
        kinds = List.copyOf(kinds);
    }

    /**
     * Selects the given kinds in the given group.
     *
     * @param apiGroup the API group ({@code ""} for the core group)
     * @param kindNames the kinds
     * @return the selector
     */
    public static KindSelector of(String apiGroup, String... kindNames) {
        return new KindSelector(List.of(apiGroup), List.of(kindNames));
    }

    /**
     * {@return whether the group and kind are selected}
     *
     * @param group the API group
     * @param kind the kind
     */
    public boolean matches(String group, String kind) {
        if (kinds.contains(POD_TEMPLATE_KINDS) && PodSpecView.hasPodSpec(group, kind)) {
            return matchesAny(apiGroups, group);
        }
        return matchesAny(apiGroups, group) && matchesAny(kinds, kind);
    }

    /** {@return whether every kind of the listed groups is selected} */
    public boolean anyKind() {
        return kinds.isEmpty() || kinds.contains("*") && !kinds.contains(POD_TEMPLATE_KINDS);
    }

    /** {@return whether every group is selected} */
    public boolean anyGroup() {
        return apiGroups.isEmpty() || apiGroups.contains("*");
    }

    private static boolean matchesAny(List<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains("*") || allowed.contains(value);
    }
}
