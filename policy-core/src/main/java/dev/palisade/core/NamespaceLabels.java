package dev.palisade.core;

import java.util.Map;
import java.util.Optional;

/** Labels of Namespace objects by name, for namespace selectors. */
@FunctionalInterface
public interface NamespaceLabels {

    /** Knows no namespace. */
    NamespaceLabels NONE = name -> Optional.empty();

    /**
     * {@return the labels of the Namespace with that name, or empty when the Namespace is unknown}
     *
     * @param namespace the namespace's name
     */
    Optional<Map<String, String>> labelsOf(String namespace);
}
