package dev.palisade.lang.internal;

import java.util.Set;

/**
 * Kubernetes' escaping of property names that are not CEL identifiers: {@code __dash__} for '-',
 * {@code __dot__} for '.', {@code __slash__} for '/', {@code __underscores__} for "__" and
 * {@code __<keyword>__} for CEL reserved words.
 */
final class FieldNames {
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");

    private FieldNames() {
    }

    /** The unescaped property name, or null when the name contains no escape. */
    static String unescape(String name) {
        if (!name.contains("__")) {
            return null;
        }
        if (name.startsWith("__") && name.endsWith("__") && name.length() > 4
                && KEYWORDS.contains(name.substring(2, name.length() - 2))) {
            return name.substring(2, name.length() - 2);
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        boolean changed = false;
        while (i < name.length()) {
            if (name.startsWith("__underscores__", i)) {
                sb.append("__");
                i += 15;
                changed = true;
            } else if (name.startsWith("__dot__", i)) {
                sb.append('.');
                i += 7;
                changed = true;
            } else if (name.startsWith("__dash__", i)) {
                sb.append('-');
                i += 8;
                changed = true;
            } else if (name.startsWith("__slash__", i)) {
                sb.append('/');
                i += 9;
                changed = true;
            } else {
                sb.append(name.charAt(i++));
            }
        }
        return changed ? sb.toString() : null;
    }
}
