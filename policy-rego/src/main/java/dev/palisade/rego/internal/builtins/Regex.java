package dev.palisade.rego.internal.builtins;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NullValue;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Regular expressions (RE2 syntax and linear time through RE2/J, with Go's all-matches and
 * replacement rules) and globs ({@code glob.match} as gobwas/glob, {@code regex.globs_match}).
 */
final class Regex {
    private Regex() {
    }

    static void register(Map<String, Builtin> m) {
        Registry.add(m, "regex.match", 2, (c, a) -> BoolValue.of(c.regex(Args.string(a, 0)).matcher(Args.string(a, 1)).find()));
        Registry.add(m, "re_match", 2, (c, a) -> BoolValue.of(c.regex(Args.string(a, 0)).matcher(Args.string(a, 1)).find()));
        Registry.add(m, "regex.is_valid", 1, (c, a) -> {
            if (!(a[0] instanceof StringValue s)) {
                return BoolValue.FALSE;
            }
            try {
                c.regex(s.value());
                return BoolValue.TRUE;
            } catch (BuiltinException e) {
                return BoolValue.FALSE;
            }
        });
        Registry.add(m, "regex.split", 2, (c, a) -> {
            Pattern p = c.regex(Args.string(a, 0));
            String s = Args.string(a, 1);
            List<int[]> matches = allMatches(p, s, -1);
            List<Value> out = new ArrayList<>();
            if (!p.pattern().isEmpty() && s.isEmpty()) {
                return ArrayValue.of(StringValue.EMPTY);
            }
            int beg = 0;
            int end = 0;
            for (int[] mt : matches) {
                end = mt[0];
                if (mt[1] != 0) {
                    out.add(StringValue.of(s.substring(beg, end)));
                }
                beg = mt[1];
            }
            if (end != s.length()) {
                out.add(StringValue.of(s.substring(beg)));
            }
            c.charge(out.size());
            return ArrayValue.of(out);
        });
        Registry.add(m, "regex.find_n", 3, (c, a) -> {
            Pattern p = c.regex(Args.string(a, 0));
            String s = Args.string(a, 1);
            int n = Args.integer(a, 2);
            List<Value> out = new ArrayList<>();
            for (int[] mt : allMatches(p, s, n)) {
                out.add(StringValue.of(s.substring(mt[0], mt[1])));
            }
            c.charge(out.size());
            return ArrayValue.of(out);
        });
        Registry.add(m, "regex.find_all_string_submatch_n", 3, (c, a) -> {
            Pattern p = c.regex(Args.string(a, 0));
            String s = Args.string(a, 1);
            int n = Args.integer(a, 2);
            List<Value> out = new ArrayList<>();
            for (int[] mt : allMatches(p, s, n)) {
                Value[] groups = new Value[mt.length / 2];
                for (int g = 0; g < groups.length; g++) {
                    int from = mt[2 * g];
                    groups[g] = StringValue.of(from < 0 ? "" : s.substring(from, mt[2 * g + 1]));
                }
                out.add(ArrayValue.of(groups));
            }
            c.charge(out.size());
            return ArrayValue.of(out);
        });
        Registry.add(m, "regex.replace", 3, (c, a) -> {
            String s = Args.string(a, 0);
            Pattern p = c.regex(Args.string(a, 1));
            String repl = Args.string(a, 2);
            String r = replaceAll(c, p, s, repl);
            return StringValue.of(r);
        });
        Registry.add(m, "regex.template_match", 4, (c, a) -> {
            String template = Args.string(a, 0);
            String value = Args.string(a, 1);
            String start = Args.string(a, 2);
            String end = Args.string(a, 3);
            String re = templateRegex(template, start, end);
            return BoolValue.of(c.regex(re).matcher(value).find());
        });
        Registry.add(m, "regex.globs_match", 2, (c, a) -> {
            String x = Args.string(a, 0);
            String y = Args.string(a, 1);
            return BoolValue.of(GlobIntersect.intersects(x, y));
        });
        Registry.add(m, "strings.render_template", 2, (c, a) -> {
            String t = Args.string(a, 0);
            ObjectValue vars = Args.object(a, 1);
            c.charge(vars.weight());
            String r = Template.render(c, t, vars);
            c.charge(1 + r.length() / 16);
            return StringValue.of(r);
        });
        Registry.add(m, "glob.quote_meta", 1, (c, a) -> {
            String s = Args.string(a, 0);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if ("*?\\[]{}".indexOf(ch) >= 0) {
                    sb.append('\\');
                }
                sb.append(ch);
            }
            return StringValue.of(sb.toString());
        });
        Registry.add(m, "glob.match", 3, (c, a) -> {
            String pattern = Args.string(a, 0);
            List<String> delims;
            if (a[1] instanceof NullValue) {
                delims = List.of();
            } else if (a[1] instanceof ArrayValue arr) {
                delims = new ArrayList<>();
                for (int i = 0; i < arr.size(); i++) {
                    if (!(arr.get(i) instanceof StringValue d)) {
                        throw Args.operandError(2, "must be array of strings but got array containing " + arr.get(i).typeName());
                    }
                    delims.add(d.value());
                }
                if (delims.isEmpty()) {
                    delims = List.of(".");
                }
            } else {
                throw Args.typeError(2, a[1], "array", "null");
            }
            String match = Args.string(a, 2);
            String re = globRegex(pattern, delims);
            return BoolValue.of(c.regex(re).matcher(match).matches());
        });
    }

    /** Go's allMatches: successive non-overlapping matches, no empty match right after a match. */
    static List<int[]> allMatches(Pattern p, String s, int n) {
        List<int[]> out = new ArrayList<>();
        if (n < 0) {
            n = s.length() + 1;
        }
        Matcher mt = p.matcher(s);
        int pos = 0;
        int prevMatchEnd = -1;
        int end = s.length();
        while (out.size() < n && pos <= end) {
            if (!mt.find(pos)) {
                break;
            }
            int ms = mt.start();
            int me = mt.end();
            boolean accept = true;
            if (me == pos) {
                if (ms == prevMatchEnd) {
                    accept = false;
                }
                pos += pos < end ? Character.charCount(s.codePointAt(pos)) : 1;
            } else {
                pos = me;
            }
            prevMatchEnd = me;
            if (accept) {
                int groups = mt.groupCount();
                int[] r = new int[2 * (groups + 1)];
                for (int g = 0; g <= groups; g++) {
                    r[2 * g] = mt.start(g);
                    r[2 * g + 1] = mt.end(g);
                }
                out.add(r);
            }
        }
        return out;
    }

    /** Go's Regexp.ReplaceAllString with $name / ${name} expansion. */
    static String replaceAll(BuiltinContext c, Pattern p, String src, String repl) {
        StringBuilder buf = new StringBuilder();
        long charged = 0;
        Matcher mt = p.matcher(src);
        int lastMatchEnd = 0;
        int searchPos = 0;
        while (searchPos <= src.length()) {
            if (!mt.find(searchPos)) {
                break;
            }
            int a0 = mt.start();
            int a1 = mt.end();
            buf.append(src, lastMatchEnd, a0);
            if (a1 > lastMatchEnd || a0 == 0) {
                expand(buf, repl, mt, src, p);
            }
            lastMatchEnd = a1;
            if (buf.length() - charged > 4096) { // charge as the result grows, not after
                c.charge((buf.length() - charged) / 16);
                charged = buf.length();
            }
            int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
            if (searchPos + width > a1) {
                searchPos += width;
            } else if (searchPos + 1 > a1) {
                searchPos++;
            } else {
                searchPos = a1;
            }
        }
        if (lastMatchEnd <= src.length()) {
            buf.append(src, lastMatchEnd, src.length());
        }
        c.charge(1 + (buf.length() - charged) / 16);
        return buf.toString();
    }

    private static void expand(StringBuilder out, String template, Matcher mt, String src, Pattern p) {
        int i = 0;
        while (i < template.length()) {
            int d = template.indexOf('$', i);
            if (d < 0) {
                out.append(template, i, template.length());
                return;
            }
            out.append(template, i, d);
            i = d + 1;
            if (i < template.length() && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            String name;
            boolean braced = i < template.length() && template.charAt(i) == '{';
            if (braced) {
                int close = template.indexOf('}', i + 1);
                if (close < 0) {
                    out.append('$');
                    continue;
                }
                name = template.substring(i + 1, close);
                if (name.isEmpty() || !name.matches("[A-Za-z0-9_]+")) {
                    out.append('$');
                    continue;
                }
                i = close + 1;
            } else {
                int j = i;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
                    j++;
                }
                if (j == i) {
                    out.append('$');
                    continue;
                }
                name = template.substring(i, j);
                i = j;
            }
            int g = -1;
            if (name.matches("\\d+")) {
                try {
                    g = Integer.parseInt(name);
                } catch (NumberFormatException e) {
                    g = -1;
                }
            } else {
                try {
                    String v = mt.group(name);
                    if (v != null) {
                        out.append(v);
                    }
                } catch (IllegalArgumentException e) {
                    // unknown group name: empty
                }
                continue;
            }
            if (g >= 0 && g <= mt.groupCount()) {
                String v = mt.group(g);
                if (v != null) {
                    out.append(v);
                }
            }
        }
    }

    /** The anchored regex of a template: text outside the delimiters is literal, inside is a regex. */
    static String templateRegex(String template, String start, String end) {
        StringBuilder re = new StringBuilder("^");
        int i = 0;
        while (i < template.length()) {
            int s = template.indexOf(start, i);
            if (s < 0) {
                re.append(Pattern.quote(template.substring(i)));
                break;
            }
            re.append(Pattern.quote(template.substring(i, s)));
            int depth = 0;
            int j = s;
            int e = -1;
            while (j < template.length()) {
                if (template.startsWith(start, j)) {
                    depth++;
                    j += start.length();
                } else if (template.startsWith(end, j)) {
                    depth--;
                    if (depth == 0) {
                        e = j;
                        break;
                    }
                    j += end.length();
                } else {
                    j++;
                }
            }
            if (e < 0) {
                throw BuiltinException.error("unbalanced braces in " + template);
            }
            String inner = template.substring(s + start.length(), e);
            re.append('(').append(inner).append(')');
            i = e + end.length();
        }
        return re.append('$').toString();
    }

    /** gobwas/glob semantics as an RE2 pattern. */
    static String globRegex(String glob, List<String> delims) {
        StringBuilder sep = new StringBuilder();
        for (String d : delims) {
            for (int i = 0; i < d.length(); ) {
                int cp = d.codePointAt(i);
                i += Character.charCount(cp);
                appendClassChar(sep, cp);
            }
        }
        String notSep = sep.length() == 0 ? "(?s:.)" : "[^" + sep + "]";
        StringBuilder re = new StringBuilder("(?s)^");
        int[] pos = {0};
        parseGlob(glob, pos, re, notSep, false);
        if (pos[0] < glob.length()) {
            throw BuiltinException.error("unexpected end of glob pattern");
        }
        return re.append('$').toString();
    }

    private static void appendClassChar(StringBuilder sb, int cp) {
        if ("\\]^-[".indexOf(cp) >= 0) {
            sb.append('\\');
        }
        sb.appendCodePoint(cp);
    }

    private static void parseGlob(String g, int[] pos, StringBuilder re, String notSep, boolean inTerms) {
        while (pos[0] < g.length()) {
            char c = g.charAt(pos[0]);
            if (inTerms && (c == ',' || c == '}')) {
                return;
            }
            pos[0]++;
            switch (c) {
                case '*' -> {
                    if (pos[0] < g.length() && g.charAt(pos[0]) == '*') {
                        pos[0]++;
                        re.append("(?s:.*)");
                    } else {
                        re.append(notSep).append('*');
                    }
                }
                case '?' -> re.append(notSep);
                case '\\' -> {
                    if (pos[0] >= g.length()) {
                        throw BuiltinException.error("unexpected end of glob pattern after escape");
                    }
                    int cp = g.codePointAt(pos[0]);
                    pos[0] += Character.charCount(cp);
                    re.append(Pattern.quote(new String(Character.toChars(cp))));
                }
                case '[' -> {
                    int close = g.indexOf(']', pos[0]);
                    if (close < 0) {
                        throw BuiltinException.error("unexpected end of glob range");
                    }
                    String body = g.substring(pos[0], close);
                    pos[0] = close + 1;
                    boolean not = body.startsWith("!");
                    if (not) {
                        body = body.substring(1);
                    }
                    StringBuilder cls = new StringBuilder(not ? "[^" : "[");
                    for (int i = 0; i < body.length(); ) {
                        int cp = body.codePointAt(i);
                        i += Character.charCount(cp);
                        if (cp == '-' && cls.length() > (not ? 2 : 1) && i < body.length()) {
                            cls.append('-');
                        } else {
                            appendClassChar(cls, cp);
                        }
                    }
                    re.append(cls).append(']');
                }
                case '{' -> {
                    re.append("(?:");
                    boolean first = true;
                    while (true) {
                        if (!first) {
                            re.append('|');
                        }
                        first = false;
                        parseGlob(g, pos, re, notSep, true);
                        if (pos[0] >= g.length()) {
                            throw BuiltinException.error("unexpected end of glob terms");
                        }
                        char t = g.charAt(pos[0]++);
                        if (t == '}') {
                            break;
                        }
                    }
                    re.append(')');
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
    }
}
