package dev.palisade.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which resources a policy applies to, with Gatekeeper's {@code match} semantics: every criterion
 * present must hold; an absent or empty criterion matches everything. Namespace criteria cannot
 * exclude cluster-scoped objects other than Namespaces (use {@link Scope#NAMESPACED} for that).
 *
 * @param kinds any entry may match; empty means every kind
 * @param namespaces globs; the object's namespace (a Namespace's own name) must match one
 * @param excludedNamespaces globs; a match excludes the object
 * @param labelSelector on the object's labels
 * @param namespaceSelector on the labels of the object's Namespace (its own labels for a Namespace)
 * @param scope cluster-scoped, namespaced or any
 * @param names globs on {@code metadata.name} (also tried on {@code generateName}); empty means any
 */
public record Match(List<KindSelector> kinds, List<String> namespaces, List<String> excludedNamespaces,
        Optional<LabelSelector> labelSelector, Optional<LabelSelector> namespaceSelector, Scope scope,
        List<String> names) {

    /** Matches every resource. */
    public static final Match ALL = new Match(List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
            Scope.ANY, List.of());

    /**
     * Checks that the components are present, copies the collections.
     *
     * @param kinds any entry may match; empty means every kind
     * @param namespaces globs; the object's namespace (a Namespace's own name) must match one
     * @param excludedNamespaces globs; a match excludes the object
     * @param labelSelector on the object's labels
     * @param namespaceSelector on the labels of the object's Namespace (its own labels for a Namespace)
     * @param scope cluster-scoped, namespaced or any
     * @param names globs on {@code metadata.name} (also tried on {@code generateName}); empty means any
     */
    public Match {
        kinds = List.copyOf(kinds);
        namespaces = List.copyOf(namespaces);
        excludedNamespaces = List.copyOf(excludedNamespaces);
        Objects.requireNonNull(labelSelector, "labelSelector");
        Objects.requireNonNull(namespaceSelector, "namespaceSelector");
        Objects.requireNonNull(scope, "scope");
        names = List.copyOf(names);
    }

    /**
     * Matches the listed kinds and nothing else restricted.
     *
     * @param selectors the kinds
     * @return the match
     */
    public static Match kinds(KindSelector... selectors) {
        return ALL.withKinds(List.of(selectors));
    }

    /**
     * {@return this match with other kinds}
     *
     * @param newKinds the kinds
     */
    public Match withKinds(List<KindSelector> newKinds) {
        return new Match(newKinds, namespaces, excludedNamespaces, labelSelector, namespaceSelector, scope, names);
    }

    /**
     * {@return this match with other namespace globs}
     *
     * @param newNamespaces the namespace globs
     */
    public Match withNamespaces(List<String> newNamespaces) {
        return new Match(kinds, newNamespaces, excludedNamespaces, labelSelector, namespaceSelector, scope, names);
    }

    /**
     * {@return this match with other excluded namespace globs}
     *
     * @param excluded the excluded namespace globs
     */
    public Match withExcludedNamespaces(List<String> excluded) {
        return new Match(kinds, namespaces, excluded, labelSelector, namespaceSelector, scope, names);
    }

    /**
     * {@return this match with a label selector}
     *
     * @param selector the selector on the object's labels
     */
    public Match withLabelSelector(LabelSelector selector) {
        return new Match(kinds, namespaces, excludedNamespaces, Optional.of(selector), namespaceSelector, scope, names);
    }

    /**
     * {@return this match with a namespace selector}
     *
     * @param selector the selector on the labels of the object's Namespace
     */
    public Match withNamespaceSelector(LabelSelector selector) {
        return new Match(kinds, namespaces, excludedNamespaces, labelSelector, Optional.of(selector), scope, names);
    }

    /**
     * {@return this match with another scope}
     *
     * @param newScope the scope
     */
    public Match withScope(Scope newScope) {
        return new Match(kinds, namespaces, excludedNamespaces, labelSelector, namespaceSelector, newScope, names);
    }

    /**
     * {@return this match with other name globs}
     *
     * @param newNames the name globs
     */
    public Match withNames(List<String> newNames) {
        return new Match(kinds, namespaces, excludedNamespaces, labelSelector, namespaceSelector, scope, newNames);
    }

    /**
     * {@return whether the kind criterion selects objects of this group and kind}
     *
     * @param group the API group
     * @param kind the kind
     */
    public boolean matchesKind(String group, String kind) {
        if (kinds.isEmpty()) {
            return true;
        }
        for (KindSelector selector : kinds) {
            if (selector.matches(group, kind)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return whether the policy applies to the resource}
     *
     * @param resource the resource
     * @param namespaceLabels labels of Namespace objects by name, for {@code namespaceSelector}
     * @throws PalisadeException when a namespace selector needs a Namespace that is not known
     */
    public boolean matches(Resource resource, NamespaceLabels namespaceLabels) {
        ResourceId id = resource.id();
        if (!matchesKind(id.group(), id.kind())) {
            return false;
        }
        boolean isNamespace = id.group().isEmpty() && id.kind().equals("Namespace");
        boolean clusterScoped = !isNamespace && !id.isNamespaced();
        if (scope == Scope.CLUSTER && id.isNamespaced() && !isNamespace) {
            return false;
        }
        if (scope == Scope.NAMESPACED && (isNamespace || !id.isNamespaced())) {
            return false;
        }
        String namespace = isNamespace ? id.name() : id.namespace();
        if (!clusterScoped) {
            if (!namespaces.isEmpty() && !Glob.matchesAny(namespaces, namespace)) {
                return false;
            }
            if (Glob.matchesAny(excludedNamespaces, namespace)) {
                return false;
            }
        }
        if (!names.isEmpty() && !matchesName(resource)) {
            return false;
        }
        if (labelSelector.isPresent() && !labelSelector.get().matches(resource.labels())) {
            return false;
        }
        if (namespaceSelector.isPresent() && !clusterScoped) {
            Map<String, String> labels = isNamespace ? resource.labels() : namespaceLabels.labelsOf(namespace)
                    .orElseThrow(() -> new PalisadeException("the match has a namespaceSelector, but Namespace '"
                            + namespace + "' of " + id.display() + " is unknown; add the Namespace object to the"
                            + " input or give its labels to the evaluation context", resource.source()));
            return namespaceSelector.get().matches(labels);
        }
        return true;
    }

    private boolean matchesName(Resource resource) {
        if (!resource.id().name().isEmpty()) {
            return Glob.matchesAny(names, resource.id().name());
        }
        String generateName = resource.object().path("metadata").path("generateName").asText("");
        for (String pattern : names) {
            if (Glob.matchesGenerateName(pattern, generateName)) {
                return true;
            }
        }
        return false;
    }
}
