package dev.palisade.lang.internal;

import dev.palisade.lang.Bytes;

/** Short renderings of values for error messages. */
final class Display {
    private Display() {
    }

    static String of(Object v) {
        if (v instanceof String s) {
            return "'" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "'";
        }
        if (v instanceof Bytes b) {
            return "bytes of size " + b.size();
        }
        String s = String.valueOf(v);
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
