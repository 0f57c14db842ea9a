package dev.palisade.core.internal;

import dev.palisade.core.Inventory;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable inventory held in memory, indexed by kind and by identity. */
public final class MemoryInventory implements Inventory {
    private final List<Resource> all;
    private final Map<String, List<Resource>> byKind = new HashMap<>();
    private final Map<String, Resource> byId = new HashMap<>();
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();

    private final boolean wholeInput;

    public MemoryInventory(Collection<Resource> resources, Map<String, Map<String, String>> extraNamespaceLabels,
            boolean wholeInput) {
        this.all = List.copyOf(resources);
        this.wholeInput = wholeInput;
        extraNamespaceLabels.forEach((name, labels) -> namespaceLabels.put(name, Map.copyOf(labels)));
        for (Resource resource : all) {
            ResourceId id = resource.id();
            byKind.computeIfAbsent(kindKey(id.group(), id.kind()), k -> new ArrayList<>()).add(resource);
            byId.putIfAbsent(idKey(id.group(), id.kind(), id.namespace(), id.name()), resource);
            if (id.group().isEmpty() && id.kind().equals("Namespace") && !id.name().isEmpty()) {
                namespaceLabels.put(id.name(), resource.labels());
            }
        }
        byKind.replaceAll((k, v) -> List.copyOf(v));
    }

    private static String kindKey(String group, String kind) {
        return group + '/' + kind;
    }

    private static String idKey(String group, String kind, String namespace, String name) {
        return group + '/' + kind + '/' + namespace + '/' + name;
    }

    @Override
    public boolean wholeInput() {
        return wholeInput;
    }

    @Override
    public List<Resource> all() {
        return all;
    }

    @Override
    public List<Resource> ofKind(String group, String kind) {
        return byKind.getOrDefault(kindKey(group, kind), List.of());
    }

    @Override
    public Optional<Resource> find(String group, String kind, String namespace, String name) {
        return Optional.ofNullable(byId.get(idKey(group, kind, namespace, name)));
    }

    @Override
    public Optional<Map<String, String>> labelsOf(String namespace) {
        return Optional.ofNullable(namespaceLabels.get(namespace));
    }
}
