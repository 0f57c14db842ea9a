package dev.palisade.core.internal;

import dev.palisade.core.KindSelector;
import dev.palisade.core.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the policies whose kind criteria can select a group and kind. The candidate list of each
 * group/kind is computed once and cached, keeping set order.
 */
public final class PolicyIndex {
    /** Bounds the cache so that an input full of made-up kinds cannot grow it without limit. */
    private static final int MAX_CACHED_KINDS = 4096;
    private final List<Policy> policies;
    private final ConcurrentHashMap<String, List<Policy>> cache = new ConcurrentHashMap<>();

    public PolicyIndex(List<Policy> policies) {
        this.policies = policies;
    }

    public List<Policy> candidates(String group, String kind) {
        String key = group + '/' + kind;
        List<Policy> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        List<Policy> computed = compute(group, kind);
        if (cache.size() < MAX_CACHED_KINDS) {
            cache.putIfAbsent(key, computed);
        }
        return computed;
    }

    private List<Policy> compute(String group, String kind) {
        List<Policy> matching = new ArrayList<>();
        for (Policy policy : policies) {
            if (mayMatch(policy.match().kinds(), group, kind)) {
                matching.add(policy);
            }
        }
        return List.copyOf(matching);
    }

    private static boolean mayMatch(List<KindSelector> kinds, String group, String kind) {
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
}
