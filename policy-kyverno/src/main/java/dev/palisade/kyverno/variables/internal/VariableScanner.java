package dev.palisade.kyverno.variables.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written, linear scanner with the exact matches of Kyverno's {@code RegexVariables}
 * ({@code (^|[^\\])(\{\{(?:\{[^{}]*\}|[^{}])*\}\})}, Go's leftmost-first {@code FindAllString}) and
 * {@code RegexVariableInit}, for the hot path of substitution (the regular expression engine costs
 * tens of microseconds per string).
 */
public final class VariableScanner {
    private VariableScanner() {
    }

    /** The end of {@code \{\{(?:\{[^{}]*\}|[^{}])*\}\}} matched at {@code start}, or -1. */
    static int matchAt(String s, int start) {
        int n = s.length();
        if (start + 1 >= n || s.charAt(start) != '{' || s.charAt(start + 1) != '{') {
            return -1;
        }
        int j = start + 2;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '}') {
                return j + 1 < n && s.charAt(j + 1) == '}' ? j + 2 : -1;
            }
            if (c == '{') {
                int k = j + 1;
                while (k < n && s.charAt(k) != '{' && s.charAt(k) != '}') {
                    k++;
                }
                if (k < n && s.charAt(k) == '}') {
                    j = k + 1;
                    continue;
                }
                return -1;
            }
            j++;
        }
        return -1;
    }

    /** All matches, as Go's {@code RegexVariables.FindAllString(s, -1)} (with the preceding character when there is one). */
    public static List<String> findAll(String s) {
        List<String> out = new ArrayList<>();
        if (s.indexOf("{{") < 0) {
            return out;
        }
        int n = s.length();
        int p = 0;
        while (p < n) {
            int end = -1;
            if (p == 0) {
                end = matchAt(s, 0);
            }
            if (end < 0 && s.charAt(p) != '\\') {
                end = matchAt(s, p + 1);
            }
            if (end >= 0) {
                out.add(s.substring(p, end));
                p = end;
            } else {
                p++;
            }
        }
        return out;
    }

    /** Whether a match of {@link #findAll} is a variable at the very start ({@code RegexVariableInit}). */
    public static boolean initial(String found) {
        return matchAt(found, 0) > 0;
    }

    /** Whether the string has a variable. */
    public static boolean any(String s) {
        return !findAll(s).isEmpty();
    }
}
