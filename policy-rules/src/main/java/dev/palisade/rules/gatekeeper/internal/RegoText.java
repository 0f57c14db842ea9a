package dev.palisade.rules.gatekeeper.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the glue needs to know of a template's Rego text before and beside compiling it: the
 * module's package, and which roots of {@code data} it reads ({@code data.inventory},
 * {@code data.lib...}, or anything else, which Gatekeeper rejects). A small scanner that skips
 * comments and string literals, so text inside them is never taken for a reference.
 */
final class RegoText {

    /** A reference to {@code data}: the root read ({@code inventory}, {@code lib}, ... or empty for bare {@code data}) and its line (1-based, in the module). */
    record DataRef(String root, int line, int column) {
    }

    private final String text;

    RegoText(String text) {
        this.text = text;
    }

    /** The package path after {@code package}, as written ({@code k8sallowedrepos}, {@code lib.helpers}); empty when absent. */
    Optional<String> packagePath() {
        String code = blanked(true);
        int at = 0;
        while (at < code.length()) {
            int start = skipSpace(code, at);
            if (code.startsWith("package", start) && start + 7 < code.length()
                    && Character.isWhitespace(code.charAt(start + 7))) {
                int p = skipSpace(code, start + 7);
                int end = p;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '#') {
                    end++;
                }
                return end > p ? Optional.of(text.substring(p, end)) : Optional.empty();
            }
            int eol = code.indexOf('\n', start);
            at = eol < 0 ? code.length() : eol + 1;
        }
        return Optional.empty();
    }

    /** Every reference to {@code data} outside comments and strings, in text order. */
    List<DataRef> dataRefs() {
        String code = blanked(false);
        List<DataRef> refs = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                continue;
            }
            if (c == '"' || c == '`') {
                i = skipString(code, i);
                continue;
            }
            if (c == 'd' && code.startsWith("data", i) && (i == 0 || !continuesReference(code.charAt(i - 1)))
                    && (i + 4 >= code.length() || !isIdentifierChar(code.charAt(i + 4)))) {
                refs.add(new DataRef(root(code, i + 4), line, i - lineStart + 1));
                i += 3;
            } else if (isIdentifierChar(c)) {
                while (i + 1 < code.length() && isIdentifierChar(code.charAt(i + 1))) {
                    i++;
                }
            }
        }
        return refs;
    }

    /** Whether the module reads {@code data.inventory} (or {@code data} as a whole). */
    boolean readsInventory() {
        for (DataRef ref : dataRefs()) {
            if (ref.root().equals("inventory") || ref.root().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String root(String code, int at) {
        int i = at;
        if (i < code.length() && code.charAt(i) == '.') {
            int end = i + 1;
            while (end < code.length() && isIdentifierChar(code.charAt(end))) {
                end++;
            }
            return code.substring(i + 1, end);
        }
        if (i < code.length() && code.charAt(i) == '[') {
            int q = i + 1;
            if (q < code.length() && code.charAt(q) == '"') {
                int end = code.indexOf('"', q + 1);
                if (end > q) {
                    return code.substring(q + 1, end);
                }
            }
            return "[";
        }
        return "";
    }

    private static boolean continuesReference(char previous) {
        return previous == '.' || isIdentifierChar(previous);
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int skipSpace(String s, int at) {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
            at++;
        }
        return at;
    }

    private static int skipString(String s, int at) {
        char quote = s.charAt(at);
        for (int i = at + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote || quote == '"' && c == '\n') {
                return i;
            }
        }
        return s.length();
    }

    /** The text with comments (and, if asked, string literals) replaced by spaces, line breaks kept. */
    private String blanked(boolean strings) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '"' || c == '`') {
                int end = skipString(text, i);
                if (strings) {
                    for (int k = i; k <= Math.min(end, out.length() - 1); k++) {
                        if (out.charAt(k) != '\n') {
                            out.setCharAt(k, ' ');
                        }
                    }
                }
                i = end;
            } else if (c == '#') {
                while (i < out.length() && out.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            }
        }
        return out.toString();
    }
}
