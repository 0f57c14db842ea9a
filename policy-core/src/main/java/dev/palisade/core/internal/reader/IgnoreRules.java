package dev.palisade.core.internal.reader;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Ignore patterns with gitignore's syntax and meaning, for {@code .palisadeignore} files and
 * {@code --exclude}: blank lines and {@code #} comments are skipped; {@code !} re-includes;
 * a trailing {@code /} matches directories only; a pattern with a {@code /} at its start or middle
 * is anchored at the scanned root, otherwise it matches a name at any depth; {@code *} and
 * {@code ?} never match {@code /}; {@code **} matches across directories ({@code **}{@code /x},
 * {@code a/**}, {@code a/**}{@code /b}); {@code [a-z]} and {@code [!a-z]} are classes; a backslash
 * escapes the next character. The last pattern that matches decides. Paths are relative to the
 * scanned root, with {@code /} separators. Immutable and thread-safe; patterns are compiled to
 * linear-time RE2 expressions once.
 */
public final class IgnoreRules {
    private final List<Rule> rules;

    private record Rule(String source, Pattern pattern, boolean negated, boolean directoryOnly) {
    }

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No patterns: nothing is ignored. */
    public static final IgnoreRules NONE = new IgnoreRules(List.of());

    /** Rules from the lines of an ignore file, then the extra patterns, which take precedence. */
    public static IgnoreRules parse(List<String> lines, List<String> extra) {
        List<Rule> rules = new ArrayList<>();
        for (String line : lines) {
            Rule rule = compile(line);
            if (rule != null) {
                rules.add(rule);
            }
        }
        for (String pattern : extra) {
            Rule rule = compile(pattern);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new IgnoreRules(rules);
    }

    /** Whether there are no rules. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The pattern that ignores the path, or {@code null} when it is not ignored.
     *
     * @param path relative to the scanned root, {@code /}-separated, without a leading {@code /}
     * @param directory whether the path is a directory
     */
    public String ignoredBy(String path, boolean directory) {
        String decided = null;
        for (Rule rule : rules) {
            if (rule.directoryOnly && !directory) {
                continue;
            }
            if (rule.pattern.matches(path)) {
                decided = rule.negated ? null : rule.source;
            }
        }
        return decided;
    }

    private static Rule compile(String raw) {
        String line = stripTrailingSpaces(raw);
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        boolean negated = false;
        if (line.startsWith("!")) {
            negated = true;
            line = line.substring(1);
        } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
            line = line.substring(1);
        }
        boolean directoryOnly = false;
        if (line.endsWith("/") && !line.endsWith("\\/")) {
            directoryOnly = true;
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            return null;
        }
        boolean anchored = line.indexOf('/') >= 0;
        if (line.startsWith("/")) {
            line = line.substring(1);
        }
        String regex = (anchored ? "" : "(?:.*/)?") + translate(line);
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, Pattern.DOTALL);
        } catch (com.google.re2j.PatternSyntaxException e) {
            // A class git would not accept either (such as [z-a]): the pattern matches its own text only.
            pattern = Pattern.compile((anchored ? "" : "(?:.*/)?") + Pattern.quote(line), Pattern.DOTALL);
        }
        return new Rule(raw.strip(), pattern, negated, directoryOnly);
    }

    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')
                && !(end >= 2 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** The RE2 expression for one glob, matched against the whole relative path. */
    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*') {
                boolean startsSegment = i == 0 || glob.charAt(i - 1) == '/';
                int after = i + 2;
                boolean endsSegment = after == n || glob.charAt(after) == '/';
                if (startsSegment && endsSegment) {
                    if (after == n) {
                        regex.append(".*");
                    } else {
                        regex.append("(?:.*/)?");
                        after++;
                    }
                    i = after - 1;
                    continue;
                }
                regex.append("[^/]*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int close = classEnd(glob, i);
                if (close < 0) {
                    regex.append("\\[");
                } else {
                    String body = glob.substring(i + 1, close);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    regex.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < n) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++;
        }
        for (; i < glob.length(); i++) {
            if (glob.charAt(i) == ']') {
                return i;
            }
        }
        return -1;
    }
}
