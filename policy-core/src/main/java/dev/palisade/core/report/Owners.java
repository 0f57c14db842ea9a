package dev.palisade.core.report;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which team owns each resource, from one label or annotation key (the CLI's {@code --owner-label},
 * {@value #DEFAULT_KEY} by default). A resource's own label wins, then its own annotation with the
 * same key, then the label or annotation of its Namespace object when the input holds it; a resource
 * with none of these is {@value #UNOWNED}. Immutable and thread-safe; build one with
 * {@link #collector(String)} while the resources are read (a {@link dev.palisade.core.Result} does
 * not keep labels).
 */
public final class Owners {
    /** The label key used unless a host sets another. */
    public static final String DEFAULT_KEY = "team";
    /** The team of resources without an owner. */
    public static final String UNOWNED = "unowned";

    private static final Owners NONE = new Owners(DEFAULT_KEY, Map.of(), Map.of());

    private final String key;
    private final Map<ResourceId, String> resources;
    private final Map<String, String> namespaces;

    private Owners(String key, Map<ResourceId, String> resources, Map<String, String> namespaces) {
        this.key = key;
        this.resources = resources;
        this.namespaces = namespaces;
    }

    /**
     * Owners that know no resource: every resource is {@value #UNOWNED}.
     *
     * @return the owners
     */
    public static Owners none() {
        return NONE;
    }

    /**
     * {@return a collector of owners by this label or annotation key}
     *
     * @param key the label or annotation key
     * @throws PalisadeException when the key is blank
     */
    public static Collector collector(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new PalisadeException("the owner label must not be empty (e.g. team or app.kubernetes.io/part-of)");
        }
        return new Collector(key.trim());
    }

    /** {@return the label or annotation key that names the owner} */
    public String key() {
        return key;
    }

    /**
     * {@return the team owning the resource, or {@value #UNOWNED}}
     *
     * @param id the resource's identity
     */
    public String teamOf(ResourceId id) {
        String team = resources.get(id);
        if (team != null) {
            return team;
        }
        if (id.isNamespaced()) {
            return namespaces.getOrDefault(id.namespace(), UNOWNED);
        }
        return UNOWNED;
    }

    /**
     * The team a resource names for itself: its label with this key, else its annotation with this
     * key (stripped), or empty when it names none. Namespace owners are not consulted: a host that
     * sees one resource at a time (a stream processor) uses this, and {@link #collector(String)}
     * when it reads the Namespace objects too.
     *
     * @param resource the resource
     * @param key the label (or annotation) key that names the team, such as {@code team}
     * @return the team, or empty
     */
    public static Optional<String> declaredOwner(Resource resource, String key) {
        String team = resource.labels().get(key);
        if (team == null || team.isBlank()) {
            team = resource.annotations().get(key);
        }
        return team == null || team.isBlank() ? Optional.empty() : Optional.of(team.strip());
    }

    /** {@return whether any resource or namespace has an owner} */
    public boolean isEmpty() {
        return resources.isEmpty() && namespaces.isEmpty();
    }

    /**
     * Records owners as resources are read (for example from a {@link dev.palisade.core.ManifestSink}).
     * Not thread-safe; {@link #build()} returns an immutable snapshot. Only the identity and team of
     * each labelled resource are kept.
     */
    public static final class Collector {
        private final String key;
        private final Map<ResourceId, String> resources = new HashMap<>();
        private final Map<String, String> namespaces = new HashMap<>();
        private final Map<String, String> teams = new HashMap<>();

        private Collector(String key) {
            this.key = key;
        }

        /**
         * Records the resource's owner, if it names one.
         *
         * @param resource the resource
         * @return this collector
         */
        public Collector add(Resource resource) {
            Optional<String> declared = declaredOwner(resource, key);
            if (declared.isEmpty()) {
                return this;
            }
            String team = teams.computeIfAbsent(declared.get(), t -> t);
            ResourceId id = resource.id();
            resources.putIfAbsent(id, team);
            if (id.group().isEmpty() && id.kind().equals("Namespace") && !id.name().isEmpty()) {
                namespaces.putIfAbsent(id.name(), team);
            }
            return this;
        }

        /** {@return the owners recorded so far} */
        public Owners build() {
            return new Owners(key, Map.copyOf(resources), Map.copyOf(namespaces));
        }
    }
}
