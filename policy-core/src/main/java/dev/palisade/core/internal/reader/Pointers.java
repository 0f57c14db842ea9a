package dev.palisade.core.internal.reader;

/** JSON pointer (RFC 6901) helpers. */
final class Pointers {

    private Pointers() {
    }

    /** Appends a reference token, escaping {@code ~} as {@code ~0} and {@code /} as {@code ~1}. */
    static void appendEscaped(StringBuilder pointer, String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
            pointer.append(token);
            return;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '~') {
                pointer.append("~0");
            } else if (c == '/') {
                pointer.append("~1");
            } else {
                pointer.append(c);
            }
        }
    }

    /** The pointer with its last reference token removed ({@code ""} for a top-level pointer). */
    static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** Decodes one reference token ({@code ~1} is {@code /}, {@code ~0} is {@code ~}). */
    static String unescape(String token) {
        if (token.indexOf('~') < 0) {
            return token;
        }
        return token.replace("~1", "/").replace("~0", "~");
    }
}
