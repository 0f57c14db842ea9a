package dev.palisade.core;

import java.util.Objects;
import java.util.Set;

/**
 * Which other resources a policy reads from the {@link Inventory} while it judges one resource. An
 * audit keeps in memory only what the policies of its set need (plus Namespace objects, whose
 * labels every policy may match on), so that memory is bounded by the largest document and the
 * findings rather than by the size of the input.
 *
 * @param all whether the policy may read any resource (the whole input is kept)
 * @param kinds the group/kind pairs it reads, as {@code group/Kind} ({@code /Namespace} for the core group)
 */
public record InventoryNeeds(boolean all, Set<String> kinds) {
    /** Reads nothing from the inventory. */
    public static final InventoryNeeds NONE = new InventoryNeeds(false, Set.of());
    /** May read anything: the safe answer for a policy that cannot tell. */
    public static final InventoryNeeds ALL = new InventoryNeeds(true, Set.of());

    public InventoryNeeds {
        kinds = Set.copyOf(Objects.requireNonNull(kinds, "kinds"));
    }

    /** Reads the resources of these kinds; each is {@code group/Kind}, with an empty group for the core group. */
    public static InventoryNeeds kinds(String... groupKinds) {
        for (String groupKind : groupKinds) {
            if (groupKind.indexOf('/') < 0) {
                throw new IllegalArgumentException("'" + groupKind + "' is not group/Kind (use /" + groupKind
                        + " for the core group)");
            }
        }
        return new InventoryNeeds(false, Set.of(groupKinds));
    }

    /** Whether nothing is read. */
    public boolean none() {
        return !all && kinds.isEmpty();
    }

    /** Whether resources of this group and kind are read. */
    public boolean reads(String group, String kind) {
        return all || kinds.contains(group + '/' + kind);
    }

    /** What both need. */
    public InventoryNeeds union(InventoryNeeds other) {
        if (all || other.all) {
            return ALL;
        }
        if (other.kinds.isEmpty()) {
            return this;
        }
        java.util.Set<String> both = new java.util.HashSet<>(kinds);
        both.addAll(other.kinds);
        return new InventoryNeeds(false, both);
    }
}
