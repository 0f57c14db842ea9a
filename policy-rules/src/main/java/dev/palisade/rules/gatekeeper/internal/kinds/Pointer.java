package dev.palisade.rules.gatekeeper.internal.kinds;

/** JSON pointers (RFC 6901) of the fields a violation points at. */
final class Pointer {

    private Pointer() {
    }

    /** The pointer of a field of the object at {@code base}. */
    static String field(String base, String name) {
        return base + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer of an element of the array at {@code base}. */
    static String index(String base, int index) {
        return base + "/" + index;
    }

    /** The pointer of a path of plain field names below {@code base}. */
    static String path(String base, String... names) {
        String pointer = base;
        for (String name : names) {
            pointer = field(pointer, name);
        }
        return pointer;
    }
}
