package dev.palisade.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A minimal reader for the conformance suite's textproto files (SimpleTestFile). */
final class TextprotoCases {
    private final String src;
    private int pos;

    private TextprotoCases(String src) {
        this.src = src;
    }

    static List<CelConformanceTest.Case> read(String file, String text) {
        Map<String, List<Object>> root = new TextprotoCases(text).message('\0');
        List<CelConformanceTest.Case> out = new ArrayList<>();
        for (Object s : root.getOrDefault("section", List.of())) {
            Map<String, List<Object>> section = cast(s);
            for (Object t : section.getOrDefault("test", List.of())) {
                Map<String, List<Object>> test = cast(t);
                String id = file + "/" + first(section, "name") + "/" + first(test, "name");
                boolean err = test.containsKey("eval_error");
                Object expected = err ? null : test.containsKey("value") ? value(cast(test.get("value").get(0))) : Boolean.TRUE;
                out.add(new CelConformanceTest.Case(file, id, (String) first(test, "expr"), Map.of(),
                        new LinkedHashSet<>(), expected, err,
                        "true".equals(test.getOrDefault("disable_check", List.of("false")).get(0))));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Object>> cast(Object o) {
        return (Map<String, List<Object>>) o;
    }

    private static Object first(Map<String, List<Object>> m, String key) {
        return m.get(key).get(0);
    }

    private static Object value(Map<String, List<Object>> v) {
        if (v.containsKey("bool_value")) {
            return Boolean.parseBoolean((String) first(v, "bool_value"));
        }
        if (v.containsKey("int64_value")) {
            return Long.parseLong((String) first(v, "int64_value"));
        }
        if (v.containsKey("string_value")) {
            return first(v, "string_value");
        }
        throw new IllegalArgumentException("unsupported textproto value " + v);
    }

    private Map<String, List<Object>> message(char close) {
        Map<String, List<Object>> m = new LinkedHashMap<>();
        while (true) {
            skip();
            if (pos >= src.length() || src.charAt(pos) == close) {
                pos++;
                return m;
            }
            int start = pos;
            while (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_') {
                pos++;
            }
            String name = src.substring(start, pos);
            skip();
            if (src.charAt(pos) == ':') {
                pos++;
                skip();
            }
            Object value;
            char c = src.charAt(pos);
            if (c == '{' || c == '<') {
                pos++;
                value = message(c == '{' ? '}' : '>');
            } else if (c == '"' || c == '\'') {
                value = string();
            } else {
                int s = pos;
                while (pos < src.length() && !Character.isWhitespace(src.charAt(pos)) && src.charAt(pos) != '}') {
                    pos++;
                }
                value = src.substring(s, pos);
            }
            m.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private String string() {
        char q = src.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (src.charAt(pos) != q) {
            char c = src.charAt(pos++);
            if (c == '\\') {
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        pos++;
        return sb.toString();
    }

    private void skip() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }
}
