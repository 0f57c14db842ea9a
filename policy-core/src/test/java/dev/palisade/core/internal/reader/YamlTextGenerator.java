package dev.palisade.core.internal.reader;

import java.util.List;
import java.util.Random;

/**
 * Writes random YAML documents as text for the fast-path differential tests: Kubernetes-shaped trees
 * and random ones, every scalar style (plain, single- and double-quoted with escapes, literal and
 * folded with chomping), indentation forms (2 or 4 spaces or odd widths, indentless and compact
 * sequences), comments in every position, blank lines, flow collections and document markers; then,
 * for some documents, random edits (characters inserted, removed, lines re-indented) so that invalid
 * and odd inputs are compared too.
 */
final class YamlTextGenerator {
    static final List<String> SCALARS = List.of("yes", "no", "on", "off", "y", "n", "Y", "N", "true", "True", "TRUE",
            "false", "FALSE", "null", "Null", "NULL", "~", "0x1F", "0X1f", "0o17", "0755", "0", "-0", "+1", "1e3",
            "1E3", "1.5", "-1.5e-3", ".5", "5.", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "1_000", "0b101",
            "0x_1F", "99999999999999999999", "18446744073709551615", "18446744073709551616", "-9223372036854775809",
            "2001-12-14", "2001-12-14t21:59:43.10-05:00", "12:30", "1:20:30", "a: b", "a #b", "a#b", "a:b",
            "http://x:80/y", "key:", "-x", "- x", "--", "---x", "it's", "say \"hi\"", "back\\slash", "[x]", "{y}",
            "*star", "&amp", "!bang", "%pct", "@at", "`bt", "?q", ":c", "<<", "=", "a,b", "a, b", "x]", "x}",
            "é", "日本語", "\u00a0nbsp", " lead", "trail ", "two  spaces", "", "nginx:1.25", "registry.k8s.io/pause:3.9",
            "500m", "128Mi", "TCP", "ClusterIP", "IfNotPresent", "RuntimeDefault", "app.kubernetes.io/name",
            "--flag=value", "$(VAR)", "${VAR}", "{{ .Values.x }}", "a\tb", "line1\nline2", "\\n", "#hash", "a # b");
    static final List<String> KEYS = List.of("apiVersion", "kind", "metadata", "name", "namespace", "labels",
            "annotations", "spec", "replicas", "selector", "matchLabels", "template", "containers", "image", "args",
            "command", "env", "value", "ports", "containerPort", "resources", "limits", "cpu", "memory",
            "securityContext", "privileged", "runAsNonRoot", "items", "data", "rules", "yes", "on", "1", "0x10",
            "null", "~", "1.5", "a b", "<<", "-k", "k:x", "app.kubernetes.io/name", "é", "x");
    private static final String NOISE = "  \n-:#'\"[]{},|>&*!?%\t\r.~\\0a";

    private final Random random;
    private final StringBuilder out = new StringBuilder();

    YamlTextGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** One document, possibly edited at random afterwards. */
    String document() {
        if (random.nextInt(8) == 0) {
            comment(0);
        }
        if (random.nextInt(4) == 0) {
            out.append("---");
            if (random.nextBoolean()) {
                out.append(" # start");
            }
            out.append('\n');
        }
        int step = random.nextInt(6) == 0 ? 1 + random.nextInt(4) : 2;
        switch (random.nextInt(10)) {
            case 0 -> blockSequence(0, step, 3);
            case 1 -> {
                out.append(flow(2)).append('\n');
            }
            case 2 -> {
                scalarValue(0, step);
            }
            default -> kubernetes(step);
        }
        if (random.nextInt(10) == 0) {
            out.append(random.nextBoolean() ? "...\n" : "# trailing\n");
        }
        String text = out.toString();
        if (random.nextInt(3) == 0) {
            text = mutate(text);
        }
        return text;
    }

    private void kubernetes(int step) {
        entry(0, "apiVersion", () -> scalarInline(0, step, pick("apps/v1", "v1", "\"v1\"", "'batch/v1'")));
        entry(0, "kind", () -> scalarInline(0, step, pick("Deployment", "Pod", "List", "ConfigMap")));
        entry(0, "metadata", () -> {
            newline();
            int in = step;
            entry(in, "name", () -> scalarInline(in, step, pick("web", "\"web\"", "'web'")));
            if (random.nextBoolean()) {
                entry(in, "labels", () -> mappingBody(in, step, 2));
            }
            if (random.nextBoolean()) {
                entry(in, "annotations", () -> mappingBody(in, step, 1));
            }
        });
        if (random.nextInt(4) == 0) {
            entry(0, "items", () -> sequenceBody(0, step, 3));
        }
        if (random.nextInt(3) == 0) {
            entry(0, "data", () -> mappingBody(0, step, 1));
        }
        entry(0, "spec", () -> {
            newline();
            int in = step;
            entry(in, "replicas", () -> scalarInline(in, step, pick("3", "\"3\"", "0x1F", "on")));
            entry(in, "containers", () -> {
                boolean indentless = random.nextBoolean();
                int at = indentless ? in : in + step;
                newline();
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    maybeComment(at);
                    indent(at);
                    out.append('-');
                    if (random.nextInt(5) == 0) {
                        newline();
                        indent(at + step);
                        containerFields(at + step, step);
                    } else {
                        out.append(' ');
                        containerFields(at + 2, step);
                    }
                }
            });
            if (random.nextBoolean()) {
                entry(in, "rest", () -> mappingBody(in, step, 3));
            }
        });
        if (random.nextInt(4) == 0) {
            entry(0, "extra", () -> mappingBody(0, step, 3));
        }
    }

    /** The fields of a container, the first on the current line (after "- "), the others at {@code at}. */
    private void containerFields(int at, int step) {
        out.append("name: ").append(pick("app", "'app'", "\"app\"")).append(trailing()).append('\n');
        entry(at, "image", () -> scalarInline(at, step, pick("nginx:1.25", "\"nginx:latest\"", "registry.k8s.io/x@sha256:abc")));
        if (random.nextBoolean()) {
            entry(at, "args", () -> {
                if (random.nextBoolean()) {
                    out.append(' ').append(flow(1)).append(trailing()).append('\n');
                } else {
                    sequenceBody(at, step, 1);
                }
            });
        }
        if (random.nextBoolean()) {
            entry(at, "securityContext", () -> mappingBody(at, step, 2));
        }
        if (random.nextInt(3) == 0) {
            entry(at, "command", () -> blockScalar(at));
        }
    }

    private interface Body {
        void write();
    }

    private void entry(int indent, String key, Body body) {
        maybeComment(indent);
        indent(indent);
        out.append(key(key)).append(random.nextInt(12) == 0 ? " :" : ":");
        body.write();
    }

    private void mappingBody(int indent, int step, int depth) {
        if (random.nextInt(6) == 0) {
            out.append(' ').append(flow(1)).append(trailing()).append('\n');
            return;
        }
        if (random.nextInt(12) == 0) {
            out.append(trailing()).append('\n');
            return;
        }
        newline();
        int in = indent + step;
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = random.nextInt(3) == 0 ? pick(KEYS) : "k" + random.nextInt(i + 2);
            entry(in, key, () -> value(in, step, depth - 1));
        }
    }

    private void sequenceBody(int indent, int step, int depth) {
        newline();
        boolean indentless = random.nextBoolean();
        blockSequence(indentless ? indent : indent + step, step, depth);
    }

    private void blockSequence(int at, int step, int depth) {
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            maybeComment(at);
            indent(at);
            out.append('-');
            int choice = random.nextInt(6);
            if (choice == 0 && depth > 0) {
                // compact mapping
                out.append(' ');
                int in = at + 2;
                out.append(key("k")).append(':');
                value(in, step, depth - 1);
                if (random.nextBoolean()) {
                    entry(in, "k2", () -> value(in, step, depth - 1));
                }
            } else if (choice == 1 && depth > 0) {
                newline();
                int in = at + step;
                indent(in);
                out.append("k:");
                value(in, step, depth - 1);
            } else if (choice == 2) {
                out.append(trailing()).append('\n');
            } else {
                scalarValue(at, step);
            }
        }
    }

    private void value(int indent, int step, int depth) {
        int choice = random.nextInt(depth > 0 ? 9 : 6);
        switch (choice) {
            case 0, 1, 2 -> scalarValue(indent, step);
            case 3 -> blockScalar(indent);
            case 4 -> out.append(' ').append(flow(2)).append(trailing()).append('\n');
            case 5 -> out.append(trailing()).append('\n');
            case 6, 7 -> mappingBody(indent, step, depth);
            default -> sequenceBody(indent, step, depth);
        }
    }

    /** A scalar after "key:" or "-": on the same line, or now and then on the next. */
    private void scalarValue(int indent, int step) {
        if (random.nextInt(6) == 0) {
            // a scalar folded over several lines, as dumpers wrap long strings
            String open = pick("\"", "'", "", "", "");
            out.append(' ').append(open).append(words());
            int lines = 1 + random.nextInt(3);
            for (int i = 0; i < lines; i++) {
                if (random.nextInt(5) == 0) {
                    out.append(pick("", "  ", " ".repeat(indent + step)));
                    out.append('\n');
                }
                out.append(pick("", " ", "\\")).append('\n');
                int in = random.nextInt(5) == 0 ? indent + random.nextInt(2) : indent + 1 + random.nextInt(step + 2);
                out.append(" ".repeat(in)).append(random.nextInt(8) == 0 ? pick("# c", "- x", "k: v", "...", "---")
                        : words());
            }
            out.append(open).append(trailing()).append('\n');
            return;
        }
        if (random.nextInt(10) == 0) {
            newline();
            indent(indent + step);
            out.append(scalar()).append(trailing()).append('\n');
            return;
        }
        scalarInline(indent, step, scalar());
    }

    private void scalarInline(int indent, int step, String text) {
        out.append(' ').append(text).append(trailing()).append('\n');
    }

    private void blockScalar(int indent) {
        out.append(' ').append(random.nextBoolean() ? '|' : '>');
        out.append(pick("", "", "-", "+", "", random.nextInt(8) == 0 ? "2" : ""));
        if (random.nextInt(5) == 0) {
            out.append(" # header");
        }
        out.append('\n');
        int in = indent + 1 + random.nextInt(4);
        if (random.nextInt(5) == 0) {
            out.append(" ".repeat(random.nextInt(in + 3))).append('\n');
        }
        int lines = random.nextInt(5);
        for (int i = 0; i < lines; i++) {
            int kind = random.nextInt(8);
            if (kind == 0) {
                out.append('\n');
            } else if (kind == 1) {
                out.append(" ".repeat(in + random.nextInt(3))).append('\n');
            } else if (kind == 2) {
                out.append(" ".repeat(in + 1 + random.nextInt(3))).append(words()).append('\n');
            } else if (kind == 3) {
                out.append(" ".repeat(in)).append("# not a comment").append('\n');
            } else {
                out.append(" ".repeat(in)).append(words()).append('\n');
            }
        }
        if (random.nextInt(4) == 0) {
            out.append("\n".repeat(1 + random.nextInt(2)));
        }
        if (random.nextInt(6) == 0) {
            out.append(" ".repeat(random.nextInt(in + 1))).append("# after\n");
        }
    }

    private String words() {
        StringBuilder text = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append(random.nextInt(6) == 0 ? "  " : " ");
            }
            text.append(pick("echo", "run", "$(X)", "a:b", "x: y", "#", "'q'", "\"d\"", "\\", "é", "-", "---", "..."));
        }
        return text.toString();
    }

    private String flow(int depth) {
        StringBuilder text = new StringBuilder();
        boolean mapping = random.nextBoolean();
        String sp = random.nextInt(4) == 0 ? " " : "";
        text.append(mapping ? '{' : '[').append(sp);
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append(random.nextInt(4) == 0 ? " , " : ", ");
            }
            if (mapping) {
                text.append(random.nextBoolean() ? pick(KEYS) : quote(pick(KEYS)));
                text.append(random.nextInt(10) == 0 ? ":" : ": ");
            }
            if (depth > 0 && random.nextInt(4) == 0) {
                text.append(flow(depth - 1));
            } else if (mapping && random.nextInt(8) == 0) {
                text.append("");
            } else {
                text.append(scalar());
            }
        }
        if (random.nextInt(15) == 0) {
            text.append(',');
        }
        text.append(sp).append(mapping ? '}' : ']');
        return text.toString();
    }

    private String key(String key) {
        return switch (random.nextInt(8)) {
            case 0 -> quote(key);
            default -> key;
        };
    }

    private String scalar() {
        String text = random.nextInt(5) == 0 ? randomText() : pick(SCALARS);
        return switch (random.nextInt(4)) {
            case 0 -> singleQuoted(text);
            case 1 -> doubleQuoted(text);
            default -> text;
        };
    }

    private String quote(String text) {
        return random.nextBoolean() ? singleQuoted(text) : doubleQuoted(text);
    }

    private static String singleQuoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private String doubleQuoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append(pick("\\n", "\\x0a", "\\u000A"));
                case '\t' -> quoted.append(pick("\\t", "\\x09"));
                default -> {
                    if (c > 0x7e && random.nextInt(3) == 0) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        if (random.nextInt(10) == 0) {
            quoted.append(pick("\\0", "\\a", "\\b", "\\v", "\\f", "\\r", "\\e", "\\ ", "\\N", "\\_", "\\L", "\\P",
                    "\\/", "\\U0001F600", "\\UFFFFFFFF", "\\x4", "\\q", "\\ud800"));
        }
        return quoted.append('"').toString();
    }

    private String randomText() {
        int n = random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String alphabet = "ab: #-'\"\\,[]{}01.xé";
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private String trailing() {
        return switch (random.nextInt(10)) {
            case 0 -> " # comment";
            case 1 -> "  ";
            case 2 -> " #";
            default -> "";
        };
    }

    private void maybeComment(int indent) {
        int choice = random.nextInt(12);
        if (choice == 0) {
            comment(indent);
        } else if (choice == 1) {
            out.append('\n');
        } else if (choice == 2) {
            comment(random.nextInt(indent + 3));
        }
    }

    private void comment(int indent) {
        indent(indent);
        out.append("# ").append(pick("note", "key: value", "- item", "'", "")).append('\n');
    }

    private void newline() {
        out.append(trailing()).append('\n');
    }

    private void indent(int n) {
        out.append(" ".repeat(Math.max(0, n)));
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private String mutate(String text) {
        StringBuilder edited = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && edited.length() > 0; i++) {
            int at = random.nextInt(edited.length());
            switch (random.nextInt(4)) {
                case 0 -> edited.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                case 1 -> edited.deleteCharAt(at);
                case 2 -> {
                    int start = edited.lastIndexOf("\n", at) + 1;
                    edited.insert(start, " ".repeat(1 + random.nextInt(2)));
                }
                default -> {
                    int start = edited.lastIndexOf("\n", at) + 1;
                    if (start < edited.length() && edited.charAt(start) == ' ') {
                        edited.deleteCharAt(start);
                    }
                }
            }
        }
        return edited.toString();
    }
}
