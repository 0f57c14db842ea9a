package dev.palisade.kyverno.variables.internal;

import java.util.ArrayList;
import java.util.Deque;
import java.util.ArrayDeque;
import java.util.List;
import java.util.regex.Pattern;

/** Kyverno's path helpers: {@code jsonpointer.ParsePath(...).JMESPath()}, {@code path.Join}, anchors. */
public final class Paths {
    private static final Pattern ANCHOR = Pattern.compile("^([+<=X^])?\\((.+)\\)$");

    private Paths() {
    }

    /** {@code jsonpointer.ParsePath}: splits on unescaped, unquoted slashes. */
    public static List<String> parsePath(String raw) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean escaped = false;
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char r = raw.charAt(i);
            if (escaped) {
                sb.append(r);
                escaped = false;
            } else if (r == '\\') {
                escaped = true;
            } else if (r == '"') {
                quoted = !quoted;
            } else if (r == '/' && !quoted) {
                if (sb.length() > 0) {
                    out.add(sb.toString());
                }
                sb.setLength(0);
            } else {
                sb.append(r);
            }
        }
        if (sb.length() > 0) {
            out.add(sb.toString());
        }
        return out;
    }

    /** {@code Pointer.JMESPath()}: indexes as {@code [n]}, plain identifiers as is, others quoted. */
    public static String jmesPath(List<String> pointer) {
        StringBuilder sb = new StringBuilder();
        for (String c : pointer) {
            if (!c.isEmpty() && c.chars().allMatch(ch -> ch >= '0' && ch <= '9') && c.length() <= 19) {
                sb.append('[').append(c).append(']');
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            if (!c.isEmpty() && unquotedStart(c.charAt(0)) && c.chars().allMatch(Paths::unquotedPart)) {
                sb.append(c);
                continue;
            }
            sb.append('"');
            for (int i = 0; i < c.length(); i++) {
                char ch = c.charAt(i);
                switch (ch) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '/' -> sb.append("\\/");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (ch < 0x20) {
                            sb.append(String.format("\\u%04x", (int) ch));
                        } else {
                            sb.append(ch);
                        }
                    }
                }
            }
            sb.append('"');
        }
        return sb.toString();
    }

    private static boolean unquotedStart(char c) {
        return c == '(' || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z');
    }

    private static boolean unquotedPart(int c) {
        return c == ')' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 'a' && c <= 'z');
    }

    /** Go's {@code path.Join(a, b)} (cleaned; "" elements ignored). */
    public static String join(String a, String b) {
        String joined = a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
        return clean(joined);
    }

    /** Go's {@code path.Clean}. */
    public static String clean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean rooted = p.startsWith("/");
        Deque<String> out = new ArrayDeque<>();
        for (String part : p.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.addLast("..");
                }
                continue;
            }
            out.addLast(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** {@code anchor.RemoveAnchorsFromPath}: {@code /spec/(name)/x} becomes {@code /spec/name/x}. */
    public static String removeAnchors(String path) {
        String[] parts = path.split("/", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (i == 0 && parts[0].isEmpty()) {
                continue;
            }
            var m = ANCHOR.matcher(parts[i].strip());
            kept.add(m.matches() ? m.group(2) : parts[i]);
        }
        List<String> nonEmpty = new ArrayList<>();
        for (String k : kept) {
            if (!k.isEmpty()) {
                nonEmpty.add(k);
            }
        }
        String joined = nonEmpty.isEmpty() ? "" : clean(String.join("/", nonEmpty));
        return path.startsWith("/") ? "/" + joined : joined;
    }
}
