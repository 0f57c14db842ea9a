package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares the strings of mapping keys between documents and sizes new mappings for the few entries
 * most have. Manifests repeat the same keys ({@code apiVersion}, {@code metadata}, {@code name},
 * {@code containers}...) in every document, so a host that keeps many resources keeps one copy of
 * each key instead of one per occurrence. The table is bounded (hostile input cannot grow it past
 * {@value #MAX_KEYS} keys of at most {@value #MAX_LENGTH} characters); the shared copies are the JVM's
 * interned strings, the same objects as string literals. Thread-safe.
 */
final class Keys {
    private static final int MAX_KEYS = 8192;
    private static final int MAX_LENGTH = 64;
    private static final ConcurrentHashMap<String, String> SHARED = new ConcurrentHashMap<>();

    private Keys() {
    }

    /** The shared copy of a key, or the key itself once the table is full or for long keys. */
    static String share(String key) {
        if (key.length() > MAX_LENGTH) {
            return key;
        }
        String shared = SHARED.get(key);
        if (shared != null) {
            return shared;
        }
        if (SHARED.size() >= MAX_KEYS) {
            return key;
        }
        // The JVM's copy: the keys that code looks up are string literals, so lookups then find the
        // key they ask for by identity.
        String canonical = key.intern();
        shared = SHARED.putIfAbsent(canonical, canonical);
        return shared == null ? canonical : shared;
    }

    /** An empty mapping whose children are kept compactly (most Kubernetes mappings have a handful of keys). */
    static ObjectNode mapping(JsonNodeFactory nodes) {
        return new ObjectNode(nodes, new CompactMap());
    }
}
