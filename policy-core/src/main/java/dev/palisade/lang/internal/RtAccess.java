package dev.palisade.lang.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read access to runtime values (lists and maps from Jackson or Java) for hosts such as policy loaders. */
public final class RtAccess {
    private RtAccess() {
    }

    /** The elements of a CEL list value. */
    public static List<Object> elements(Object list) {
        return Rt.elements(list);
    }

    /** The entries of a CEL map value, keys and values as CEL values. */
    public static Map<Object, Object> entries(Object map) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Iterator<Object> it = Rt.keys(map); it.hasNext();) {
            Object k = it.next();
            out.put(k, Rt.mapGet(map, k));
        }
        return out;
    }

    /** Parses a Go-style duration ("1.5s", "1h30m"). */
    public static Duration duration(String text) {
        return Times.parseDuration(text);
    }
}
