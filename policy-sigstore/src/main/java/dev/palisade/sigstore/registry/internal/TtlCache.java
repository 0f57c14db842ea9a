package dev.palisade.sigstore.registry.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, thread-safe cache whose entries expire: least recently used entries are evicted past
 * the bound, and an entry older than its time to live is never returned.
 */
public final class TtlCache<K, V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final Clock clock;
    private final Map<K, Entry<V>> entries;

    public TtlCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The live value for the key, if any. */
    public synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires)) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value);
    }

    /** Stores a value that lives for {@code ttl} from now. */
    public synchronized void put(K key, V value, Duration ttl) {
        entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
    }

    /** Number of entries held, expired ones included until they are looked up or evicted. */
    public synchronized int size() {
        return entries.size();
    }
}
