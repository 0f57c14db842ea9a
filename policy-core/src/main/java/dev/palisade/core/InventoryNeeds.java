package dev.palisade.core;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which other resources a policy reads from the {@link Inventory} while it judges one resource, and
 * which of their fields. An audit keeps in memory only what the policies of its set need (plus
 * Namespace objects, whose labels every policy may match on), so that memory is bounded by the
 * largest document, the findings and those projections rather than by the size of the input.
 *
 * <p>Kinds are written {@code group/Kind} ({@code /Namespace} for the core group), or
 * {@link #POD_TEMPLATES} for every kind that carries a pod template. A kind maps to the JSON
 * pointers that are read from its objects; an empty set means whole objects. A pointer may start
 * with {@code {template}}, the pod template of a pod-carrying kind ({@code /spec/template} of a
 * Deployment, the root of a Pod). Kept objects always have {@code apiVersion}, {@code kind} and
 * {@code metadata} (name, namespace, labels, owner references), and pod-carrying ones their pod
 * template's labels.
 *
 * @param all whether the policy may read anything (the whole input is kept)
 * @param kinds kinds read, each with the pointers read from it (empty: the whole object)
 */
public record InventoryNeeds(boolean all, Map<String, Set<String>> kinds) {
    /** Stands for every kind that carries a pod template ({@link PodSpecView#hasPodSpec}). */
    public static final String POD_TEMPLATES = "<pod-template-kinds>";
    /** Reads nothing from the inventory. */
    public static final InventoryNeeds NONE = new InventoryNeeds(false, Map.of());
    /** May read anything: the safe answer for a policy that cannot tell. */
    public static final InventoryNeeds ALL = new InventoryNeeds(true, Map.of());

    /**
     * Checks that the components are present, copies the collections, validates the values.
     *
     * @param all whether the policy may read anything (the whole input is kept)
     * @param kinds kinds read, each with the pointers read from it (empty: the whole object)
     */
    public InventoryNeeds {
        Map<String, Set<String>> copy = new HashMap<>();
        Objects.requireNonNull(kinds, "kinds").forEach((kind, pointers) -> {
            check(kind);
            copy.put(kind, Set.copyOf(pointers));
        });
        kinds = Map.copyOf(copy);
    }

    private static void check(String groupKind) {
        if (!groupKind.equals(POD_TEMPLATES) && groupKind.indexOf('/') < 0) {
            throw new IllegalArgumentException("'" + groupKind + "' is not group/Kind (use /" + groupKind
                    + " for the core group)");
        }
    }

    /**
     * Reads whole objects of these kinds; each is {@code group/Kind}, or {@link #POD_TEMPLATES}.
     *
     * @param groupKinds the kinds
     * @return the needs
     */
    public static InventoryNeeds kinds(String... groupKinds) {
        Map<String, Set<String>> map = new HashMap<>();
        for (String groupKind : groupKinds) {
            map.put(groupKind, Set.of());
        }
        return new InventoryNeeds(false, map);
    }

    /**
     * Reads only these fields (JSON pointers, {@code {template}/...} allowed) of one kind's objects.
     *
     * @param groupKind the kind, as {@code group/Kind}
     * @param pointers the fields read
     * @return the needs
     */
    public static InventoryNeeds fields(String groupKind, String... pointers) {
        if (pointers.length == 0) {
            throw new IllegalArgumentException("name the fields read from " + groupKind + ", or use kinds()");
        }
        return new InventoryNeeds(false, Map.of(groupKind, Set.of(pointers)));
    }

    /** {@return whether nothing is read} */
    public boolean none() {
        return !all && kinds.isEmpty();
    }

    /**
     * {@return whether resources of this group and kind are read}
     *
     * @param group the API group
     * @param kind the kind
     */
    public boolean reads(String group, String kind) {
        return projection(group, kind).isPresent();
    }

    /**
     * {@return what is read of this group and kind: empty when nothing, an empty set for whole objects,
     * otherwise the pointers read}
     *
     * @param group the API group
     * @param kind the kind
     */
    public Optional<Set<String>> projection(String group, String kind) {
        if (all) {
            return Optional.of(Set.of());
        }
        Set<String> direct = kinds.get(group + '/' + kind);
        Set<String> template = PodSpecView.hasPodSpec(group, kind) ? kinds.get(POD_TEMPLATES) : null;
        if (direct == null && template == null) {
            return Optional.empty();
        }
        if ((direct != null && direct.isEmpty()) || (template != null && template.isEmpty())) {
            return Optional.of(Set.of());
        }
        Set<String> both = new HashSet<>();
        if (direct != null) {
            both.addAll(direct);
        }
        if (template != null) {
            both.addAll(template);
        }
        return Optional.of(Set.copyOf(both));
    }

    /**
     * {@return what both need: whole objects win over fields, fields add up}
     *
     * @param other other needs
     */
    public InventoryNeeds union(InventoryNeeds other) {
        if (all || other.all) {
            return ALL;
        }
        if (other.kinds.isEmpty()) {
            return this;
        }
        if (kinds.isEmpty()) {
            return other;
        }
        Map<String, Set<String>> both = new HashMap<>();
        kinds.forEach((kind, pointers) -> both.put(kind, new HashSet<>(pointers)));
        other.kinds.forEach((kind, pointers) -> both.merge(kind, new HashSet<>(pointers), (a, b) -> {
            if (a.isEmpty() || b.isEmpty()) {
                return new HashSet<>();
            }
            a.addAll(b);
            return a;
        }));
        return new InventoryNeeds(false, both);
    }
}
