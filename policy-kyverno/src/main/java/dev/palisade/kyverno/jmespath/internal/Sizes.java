package dev.palisade.kyverno.jmespath.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Bounded size estimates of values: characters of strings plus one per node. */
final class Sizes {
    private Sizes() {
    }

    /** The size of {@code v}, counting up to {@code bound} (then returns the bound). */
    static long size(JsonNode v, long bound) {
        long[] acc = {0};
        walk(v, acc, bound);
        return Math.min(acc[0], bound);
    }

    private static void walk(JsonNode v, long[] acc, long bound) {
        if (acc[0] >= bound) {
            return;
        }
        acc[0]++;
        if (v.isTextual()) {
            acc[0] += v.textValue().length();
        } else if (v.isObject()) {
            for (var it = v.fields(); it.hasNext() && acc[0] < bound; ) {
                var e = it.next();
                acc[0] += e.getKey().length();
                walk(e.getValue(), acc, bound);
            }
        } else if (v.isArray()) {
            for (JsonNode c : v) {
                if (acc[0] >= bound) {
                    return;
                }
                walk(c, acc, bound);
            }
        }
    }
}
