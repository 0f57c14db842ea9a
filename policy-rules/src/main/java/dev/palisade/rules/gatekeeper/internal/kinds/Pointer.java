package dev.palisade.rules.gatekeeper.internal.kinds;

/** JSON pointers (RFC 6901) of the fields a violation points at. */
final class Pointer {

    private Pointer() {
    }

    /** The pointer of a field of the object at {@code base}, escaping {@code ~} and {@code /}. */
    static String field(String base, String name) {
        return base + "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
