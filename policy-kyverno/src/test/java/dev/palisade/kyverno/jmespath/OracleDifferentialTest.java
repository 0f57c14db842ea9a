package dev.palisade.kyverno.jmespath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Differential oracle: Burt's jmespath-java (an independent implementation of the specification)
 * against Palisade's JMESPath in its standard dialect, on generated expressions over generated JSON.
 * They must agree, except the documented Kyverno differences:
 *
 * <ul>
 *   <li>a missing key that reaches the top is an error in Kyverno's dialect where the specification
 *       gives null (the oracle must then give null);</li>
 *   <li>go-jmespath reads a failing left side of a filter, flatten or value projection as null where
 *       the specification fails (the oracle must then fail).</li>
 *   <li>the oracle projects a slice of a non-array to an empty array (the specification and Go: null)
 *       and keeps nulls in slice, flatten and object projections (the specification omits them),
 *       and crashes on some inputs (slicing a string) where both Go and Palisade give null.</li>
 *   <li>go-jmespath's {@code sort_by}, {@code min_by} and {@code max_by} return an array of zero or
 *       one element (or its element) without evaluating the key expression;</li>
 *   <li>the oracle continues a projection through {@code .field} after an index ({@code a.*[0].b}),
 *       where go-jmespath and the reference implementation apply {@code .b} to the projection;</li>
 *   <li>{@code to_string} writes Go's JSON (keys sorted, {@code <>&} escaped).</li>
 * </ul>
 *
 * <p>Slices are generated on arrays only: the oracle's answer for a slice of a non-array ({@code []},
 * where the specification and Go give null) cascades through functions.
 *
 * <p>{@code !} is generated with parentheses: go-jmespath (like the reference implementation) binds
 * {@code !} tighter than {@code .}, {@code [?} and {@code [*]} ({@code !a.b} is {@code (!a).b}), the
 * oracle does not; {@link JmesPathTest} pins Go's reading.
 */
class OracleDifferentialTest {
    private static final JmesPath OURS = JmesPath.standard();
    private static final JacksonRuntime ORACLE = new JacksonRuntime();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] KEYS = {"a", "b", "c", "foo", "bar"};
    private static final String[] STRINGS = {"", "x", "abc", "foo", "bar", "B", "a b"};

    enum Outcome { AGREE_VALUE, AGREE_ERROR, KYVERNO_MISSING_KEY, GO_LENIENT_LEFT, ORACLE_SLICE_OF_NON_ARRAY, ORACLE_PROJECTION_KEEPS_NULL, ORACLE_CRASH, GO_JSON_TEXT, GO_SHORT_ARRAY_BY, ORACLE_PROJECTION_AFTER_INDEX, GO_VALUE_PROJECTION_BINDING }

    record Case(String expression, JsonNode document) {
    }

    /** Compares one case; returns how it agreed, or fails the test with both results. */
    static Outcome compare(String expression, JsonNode document) {
        JsonNode ours = null;
        RuntimeException ourError = null;
        try {
            ours = OURS.search(expression, document);
        } catch (JmesPathSyntaxException e) {
            // both must reject the syntax
            ourError = e;
        } catch (JmesPathException e) {
            ourError = e;
        }
        JsonNode theirs = null;
        RuntimeException theirError = null;
        try {
            theirs = ORACLE.compile(expression).search(document);
        } catch (RuntimeException e) {
            theirError = e;
        }
        if (ourError == null && theirError == null) {
            if (expression.contains(":") && !equal(ours, theirs) && sliceLenient(ours, theirs)) {
                // the oracle projects a slice of a non-array to []; the specification and Go give null
                return Outcome.ORACLE_SLICE_OF_NON_ARRAY;
            }
            if (!equal(ours, theirs) && (expression.contains(":") || expression.contains("[]") || expression.contains("*")
                    || expression.contains("[?"))
                    && nullLenient(ours, theirs)) {
                // the oracle keeps nulls in slice, flatten and value projections, which the specification omits
                return Outcome.ORACLE_PROJECTION_KEEPS_NULL;
            }
            if (!equal(ours, theirs) && expression.contains("[]") && oracleWithoutProjectedNulls(expression, document, ours)) {
                // the same difference seen through an operator that consumes the projection ('!', a
                // comparison, a function): the oracle's flatten keeps nulls the specification drops;
                // with those nulls filtered out before each flatten, the oracle agrees with us
                return Outcome.ORACLE_PROJECTION_KEEPS_NULL;
            }
            if (!equal(ours, theirs) && expression.contains(".*.") && oracleWithGoValueProjection(expression, document,
                    ours, 3)) {
                // go-jmespath parses the right side of 'x.*' with the binding power of '.', so
                // 'x.*.a.b' is '(x.*.a).b' (the specification: 'x.*.(a.b)'); with that grouping
                // written out, the oracle agrees with us
                return Outcome.GO_VALUE_PROJECTION_BINDING;
            }
            if (!equal(ours, theirs) && (expression.contains("*[") || expression.contains("]["))
                    && sliceLenient(ours, theirs)) {
                // the oracle continues a projection through '.field' after an index ('@.*[0].a');
                // go-jmespath and the reference implementation end it at the index
                return Outcome.ORACLE_PROJECTION_AFTER_INDEX;
            }
            if (!equal(ours, theirs) && expression.contains("to_string") && jsonTextLenient(ours, theirs)) {
                // to_string writes Go's JSON: sorted keys, HTML-safe escapes
                return Outcome.GO_JSON_TEXT;
            }
            if (!equal(ours, theirs)) {
                fail("different results for '" + expression + "' on " + document + ": ours " + ours + ", oracle " + theirs);
            }
            return Outcome.AGREE_VALUE;
        }
        if (ourError instanceof JmesPathNotFoundException && theirError == null) {
            if (theirs != null && !theirs.isNull()) {
                fail("'" + expression + "' on " + document + ": missing key " + ourError.getMessage()
                        + " but the oracle found " + theirs);
            }
            return Outcome.KYVERNO_MISSING_KEY;
        }
        if (ourError != null && theirError != null) {
            return Outcome.AGREE_ERROR;
        }
        if (theirError != null && (!(theirError instanceof io.burt.jmespath.JmesPathException)
                || String.valueOf(theirError.getMessage()).contains("expected array of any value but was array containing"))) {
            // the oracle itself crashed (slicing a string), or rejects map() over a mixed array
            return Outcome.ORACLE_CRASH;
        }
        if (ourError == null && theirError != null && ours.isContainerNode() && ours.size() <= 1
                && (expression.contains("sort_by(") || expression.contains("max_by(") || expression.contains("min_by("))) {
            // go-jmespath's *_by functions return arrays of 0 or 1 element without evaluating the key
            return Outcome.GO_SHORT_ARRAY_BY;
        }
        if (ourError == null && theirError != null && goLenientLeft(expression)) {
            return Outcome.GO_LENIENT_LEFT;
        }
        fail("'" + expression + "' on " + document + ": ours " + (ourError != null ? ourError : ours) + ", oracle "
                + (theirError != null ? theirError : theirs));
        return null;
    }

    /**
     * Whether the oracle agrees with {@code ours} once every flatten {@code x[]} of the expression
     * is written {@code x[?@ != null][]} (dropping the nulls the specification's flatten projection
     * omits and the oracle keeps). Brackets inside literals and strings are left alone.
     */
    static boolean oracleWithoutProjectedNulls(String expression, JsonNode document, JsonNode ours) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < expression.length()) {
                    out.append(expression.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
                out.append(c);
            } else if (c == '[' && i + 1 < expression.length() && expression.charAt(i + 1) == ']') {
                out.append("[?@ != null][]");
                i++;
            } else {
                out.append(c);
            }
        }
        try {
            return equal(ours, ORACLE.compile(out.toString()).search(document));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the oracle agrees with {@code ours} once go-jmespath's grouping of a value projection
     * is written out: {@code x.*.name.rest} as {@code (x.*.name).rest}, for value projections on
     * the expression's left spine (up to {@code depth} of them).
     */
    static boolean oracleWithGoValueProjection(String expression, JsonNode document, JsonNode ours, int depth) {
        String candidate = expression;
        for (int d = 0; d < depth; d++) {
            int at = candidate.indexOf(".*.", d == 0 ? 0 : candidate.lastIndexOf(')') + 1);
            if (at < 0) {
                return false;
            }
            int end = at + 3;
            if (end < candidate.length() && candidate.charAt(end) == '"') {
                end = candidate.indexOf('"', end + 1) + 1;
                if (end <= 0) {
                    return false;
                }
            } else {
                while (end < candidate.length() && (Character.isLetterOrDigit(candidate.charAt(end))
                        || candidate.charAt(end) == '_')) {
                    end++;
                }
            }
            if (end == at + 3) {
                return false;
            }
            candidate = "(" + candidate.substring(0, end) + ")" + candidate.substring(end);
            try {
                if (equal(ours, ORACLE.compile(candidate).search(document))) {
                    return true;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean goLenientLeft(String expression) {
        return (expression.contains("[?") || expression.contains("[]") || expression.contains("*"))
                && expression.contains("(");
    }

    /** Equal, where the oracle may have [] for a slice of a non-array where we have null. */
    static boolean sliceLenient(JsonNode a, JsonNode b) {
        if (a != null && a.isNull() && b != null && b.isArray() && b.isEmpty()) {
            return true;
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sliceLenient(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a != null && b != null && a.isObject() && b.isObject() && a.size() == b.size()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !sliceLenient(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return equal(a, b);
    }

    /** Equal, where the oracle's arrays may hold nulls a projection should have omitted. */
    static boolean nullLenient(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isArray() && b.isArray()) {
            List<JsonNode> bs = new ArrayList<>();
            b.forEach(bs::add);
            if (bs.size() != a.size()) {
                bs.removeIf(JsonNode::isNull);
            }
            if (bs.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!nullLenient(a.get(i), bs.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a != null && b != null && a.isObject() && b.isObject() && a.size() == b.size()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !nullLenient(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return equal(a, b);
    }

    /** Equal, where strings may be different JSON texts of the same value. */
    static boolean jsonTextLenient(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isTextual() && b.isTextual() && !a.equals(b)) {
            try {
                return equal(Json.MAPPER.readTree(a.textValue()), Json.MAPPER.readTree(b.textValue()));
            } catch (Exception e) {
                return false;
            }
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!jsonTextLenient(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a != null && b != null && a.isObject() && b.isObject() && a.size() == b.size()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !jsonTextLenient(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return equal(a, b);
    }

    static JsonNode dropNulls(JsonNode v) {
        if (v == null || !v.isContainerNode()) {
            return v;
        }
        if (v.isArray()) {
            ArrayNode out = F.arrayNode();
            for (JsonNode e : v) {
                if (!e.isNull()) {
                    out.add(dropNulls(e));
                }
            }
            return out;
        }
        ObjectNode out = F.objectNode();
        v.fields().forEachRemaining(e -> out.set(e.getKey(), dropNulls(e.getValue())));
        return out;
    }

    /** JSON equality with numbers compared as float64 (the oracle keeps Jackson's number types). */
    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b || (a != null ? a.isNull() : b.isNull());
        }
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !equal(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    // ---- generators -------------------------------------------------------------------------

    static JsonNode document(Random r, int depth) {
        int kind = depth <= 0 ? r.nextInt(5) : r.nextInt(8);
        switch (kind) {
            case 0:
                return F.numberNode(r.nextInt(7) - 2);
            case 1:
                return F.numberNode(r.nextInt(20) / 4.0);
            case 2:
                return F.textNode(STRINGS[r.nextInt(STRINGS.length)]);
            case 3:
                return F.booleanNode(r.nextBoolean());
            case 4:
                return F.nullNode();
            case 5:
            case 6: {
                ObjectNode o = F.objectNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    o.set(KEYS[r.nextInt(KEYS.length)], document(r, depth - 1));
                }
                return o;
            }
            default: {
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    a.add(document(r, depth - 1));
                }
                return a;
            }
        }
    }

    static String literal(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "`" + (r.nextInt(7) - 2) + "`";
            case 1 -> "`\"" + STRINGS[r.nextInt(STRINGS.length)] + "\"`";
            case 2 -> "'" + STRINGS[r.nextInt(STRINGS.length)] + "'";
            case 3 -> "`" + r.nextBoolean() + "`";
            case 4 -> "`null`";
            default -> "`[1, \"x\"]`";
        };
    }

    static String field(Random r) {
        String k = KEYS[r.nextInt(KEYS.length)];
        return r.nextInt(8) == 0 ? "\"" + k + "\"" : k;
    }

    static String comparator(Random r) {
        return new String[] {"==", "!=", "<", "<=", ">", ">="}[r.nextInt(6)];
    }

    static String expression(Random r, int depth) {
        if (depth <= 0) {
            return switch (r.nextInt(4)) {
                case 0 -> "@";
                case 1 -> literal(r);
                default -> field(r);
            };
        }
        int d = depth - 1;
        return switch (r.nextInt(22)) {
            case 0, 1, 2 -> field(r);
            case 3 -> expression(r, d) + "." + field(r);
            case 4 -> expression(r, d) + "[" + (r.nextInt(5) - 2) + "]";
            case 5 -> (r.nextBoolean() ? "`[0, 1, \"x\", 2, 3]`" : "`[{\"a\": 1}, {\"a\": [2]}, 3]`") + "[" + slicePart(r) + ":" + slicePart(r) + (r.nextBoolean() ? "" : ":" + step(r)) + "]";
            case 6 -> expression(r, d) + "[*]." + field(r);
            case 7 -> expression(r, d) + "[]" + (r.nextBoolean() ? "" : "." + field(r));
            case 8 -> expression(r, d) + ".*" + (r.nextBoolean() ? "" : "." + field(r));
            case 9 -> expression(r, d) + "[?" + field(r) + " " + comparator(r) + " " + literal(r) + "]"
                    + (r.nextBoolean() ? "" : "." + field(r));
            case 10 -> expression(r, d) + "[?" + expression(r, d) + "]";
            case 11 -> "[" + expression(r, d) + ", " + expression(r, d) + "]";
            case 12 -> "{x: " + expression(r, d) + ", y: " + expression(r, d) + "}";
            case 13 -> expression(r, d) + " | " + expression(r, d);
            case 14 -> expression(r, d) + " || " + expression(r, d);
            case 15 -> expression(r, d) + " && " + expression(r, d);
            case 16 -> "(!(" + expression(r, d) + "))";
            case 17 -> expression(r, d) + " " + comparator(r) + " " + expression(r, d);
            case 18, 19 -> function(r, d);
            case 20 -> "(" + expression(r, d) + ")";
            default -> literal(r);
        };
    }

    private static String slicePart(Random r) {
        return r.nextBoolean() ? "" : Integer.toString(r.nextInt(7) - 3);
    }

    private static int step(Random r) {
        int s = r.nextInt(5) - 2;
        return s == 0 ? 1 : s;
    }

    static String function(Random r, int d) {
        String e = expression(r, d);
        return switch (r.nextInt(24)) {
            case 0 -> "length(" + e + ")";
            case 1 -> "keys(" + e + ")";
            case 2 -> "values(" + e + ")";
            case 3 -> "sort(" + e + ")";
            case 4 -> "type(" + e + ")";
            case 5 -> "not_null(" + e + ", " + expression(r, d) + ")";
            case 6 -> "contains(" + e + ", " + literal(r) + ")";
            case 7 -> "join(',', " + e + ")";
            case 8 -> "max(" + e + ")";
            case 9 -> "min(" + e + ")";
            case 10 -> "reverse(" + e + ")";
            case 11 -> "starts_with(" + e + ", 'a')";
            case 12 -> "ends_with(" + e + ", 'c')";
            case 13 -> "abs(" + e + ")";
            case 14 -> "floor(" + e + ")";
            case 15 -> "ceil(" + e + ")";
            case 16 -> "to_array(" + e + ")";
            case 17 -> "to_number(" + e + ")";
            case 18 -> "sort_by(" + e + ", &" + field(r) + ")";
            case 19 -> "max_by(" + e + ", &" + field(r) + ")";
            case 20 -> "map(&" + field(r) + ", " + e + ")";
            case 21 -> "merge(" + e + ", `{\"z\": 1}`)";
            case 22 -> "sum(" + e + ")";
            default -> "to_string(" + field(r) + ")";
        };
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 4))
                .as((seed, depth) -> {
                    Random r = new Random(seed);
                    JsonNode doc = document(r, 3);
                    return new Case(expression(r, depth), doc);
                });
    }

    /**
     * Generated cases with a fixed seed, so that every run (CI included) checks the same cases and a
     * failure reproduces; widen the search locally by changing the seed.
     */
    @Property(tries = 3000, seed = "20260801")
    void agreesWithTheOracle(@ForAll("cases") Case c) {
        Outcome o = compare(c.expression(), c.document());
        Statistics.collect(o);
    }

    /** A fixed sample, for the agreement counts quoted in the documentation. */
    @Test
    void agreementOnAFixedSample(org.junit.jupiter.api.TestReporter reporter) {
        Map<Outcome, Integer> counts = new TreeMap<>();
        Random r = new Random(20260801L);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            JsonNode doc = document(r, 3);
            String expr = expression(r, 1 + r.nextInt(4));
            counts.merge(compare(expr, doc), 1, Integer::sum);
        }
        assertEquals(n, counts.values().stream().mapToInt(Integer::intValue).sum());
        reporter.publishEntry("outcomes", counts.toString());
        System.out.println("OracleDifferentialTest fixed sample outcomes: " + counts);
        assertTrue(counts.getOrDefault(Outcome.AGREE_VALUE, 0) > n / 2, counts.toString());
    }

    @Test
    void theHandWrittenCornersAgree() {
        List<String[]> cases = new ArrayList<>();
        String doc = "{\"foo\": {\"bar\": [{\"baz\": 1}, {\"baz\": 2}, {\"qux\": 3}]}, \"a\": [[1, 2], [3]], \"s\": \"abc\"}";
        for (String e : new String[] {"foo.bar[*].baz", "foo.bar[?baz > `1`]", "a[]", "a[][0]", "foo.*.baz",
            "foo.bar[1:].baz", "length(s)", "sort_by(foo.bar, &to_string(baz))", "foo.bar | [0]", "`{\"x\": [1]}`.x[0]",
            "foo.bar[?baz == `1` || qux]", "a[0][-1]", "max_by(foo.bar, &baz).baz", "{k: s, l: length(s)}",
            "reverse(s)", "contains(`[1, {\"a\": 1}]`, `{\"a\": 1}`)", "s[::-1]", "foo.bar[-1:]"}) {
            cases.add(new String[] {e, doc});
        }
        for (String[] c : cases) {
            compare(c[0], Json.parse(c[1]));
        }
        // a seed once failed here: the oracle's flatten keeps [null, null], so '!' of it is false;
        // the specification drops the nulls and '![]' is true
        assertEquals(Outcome.ORACLE_PROJECTION_KEEPS_NULL, compare("(!([\"foo\" > @, foo][]))", Json.parse("\"foo\"")));
        assertEquals(true, OURS.search("(!([\"foo\" > @, foo][]))", Json.parse("\"foo\"")).asBoolean());
    }

    /** Other seeds than the fixed one, so the classifier is not tuned to one sample. */
    @Test
    void otherSeedsClassifyEveryDifference() {
        for (long seed = 1; seed <= 5; seed++) {
            Random r = new Random(seed * 7919L);
            for (int i = 0; i < 3000; i++) {
                JsonNode doc = document(r, 3);
                compare(expression(r, 1 + r.nextInt(4)), doc);
            }
        }
    }
}
