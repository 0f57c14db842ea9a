package dev.palisade.core;

import dev.palisade.core.internal.MemoryInventory;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Other resources a policy may consult (Gatekeeper's {@code data.inventory}): the rest of the input
 * in a CI check or audit, or what a host's cache holds at admission. Implementations are
 * thread-safe for reading.
 */
public interface Inventory extends NamespaceLabels {

    /** An inventory with nothing in it. */
    Inventory EMPTY = of(List.of());

    /** {@return every resource, in input order} */
    List<Resource> all();

    /**
     * {@return the resources of one group and kind, in input order}
     *
     * @param group the API group ({@code ""} for the core group)
     * @param kind the kind
     */
    List<Resource> ofKind(String group, String kind);

    /**
     * {@return one resource by identity ({@code namespace} is {@code ""} for cluster-scoped objects)}
     *
     * @param group the API group ({@code ""} for the core group)
     * @param kind the kind
     * @param namespace the namespace
     * @param name the name
     */
    Optional<Resource> find(String group, String kind, String namespace, String name);

    /**
     * {@return an inventory of the given resources; Namespace objects among them provide namespace labels}
     *
     * @param resources the resources
     */
    static Inventory of(Collection<Resource> resources) {
        return new MemoryInventory(resources, Map.of(), false);
    }

    /**
     * {@return an inventory with extra namespace labels for namespaces not present as objects}
     *
     * @param resources the resources
     * @param namespaceLabels labels per namespace name
     */
    static Inventory of(Collection<Resource> resources, Map<String, Map<String, String>> namespaceLabels) {
        return new MemoryInventory(resources, namespaceLabels, false);
    }

    /**
     * {@return the inventory of a whole input (a CI check or audit of a repository), holding what the policies
     * read from it ({@link InventoryNeeds}): see {@link #wholeInput()}}
     *
     * @param resources what was kept of the input
     * @param namespaceLabels labels per namespace name
     */
    static Inventory ofInput(Collection<Resource> resources, Map<String, Map<String, String>> namespaceLabels) {
        return new MemoryInventory(resources, namespaceLabels, true);
    }

    /**
     * {@return whether the inventory stands for a whole input, so that the absence of an object is a fact (a
     * namespace with no NetworkPolicy really has none)} A host's cache at admission may be partial;
     * checks that judge absence stay silent unless this is true. The inventory of an audit is.
     */
    default boolean wholeInput() {
        return false;
    }
}
