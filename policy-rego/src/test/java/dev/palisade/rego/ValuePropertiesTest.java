package dev.palisade.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.NullValue;
import dev.palisade.rego.internal.value.NumberValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import dev.palisade.rego.internal.value.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of values and of the evaluator against independent oracles: integer arithmetic of any
 * size against {@link BigInteger}, comparison against {@link BigDecimal}, OPA's total order
 * (null < boolean < number < string < array < object < set) and its consistency with equality and
 * hashing, and {@code sprintf} against the Go fmt rules that Java's formatter shares for integers
 * and strings.
 */
class ValuePropertiesTest {
    private static final RegoProgram EMPTY = Rego.compiler().compile();

    private static JsonNode eval(String expr) {
        QueryResult r = EMPTY.query("x := " + expr, EvaluationOptions.builder().strictBuiltinErrors(true).build());
        assertEquals(1, r.size(), expr);
        return r.bindings().get(0).get("x");
    }

    @Provide
    Arbitrary<BigInteger> bigInts() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-1000), BigInteger.valueOf(1000)),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
                Arbitraries.longs().map(BigInteger::valueOf));
    }

    /**
     * As in OPA, integer operands are read as Go big.Float values with a 64-bit mantissa (rounded to
     * nearest even) and then added, subtracted and multiplied exactly as big integers.
     */
    @Property(tries = 300)
    void integerArithmeticFollowsOpasPrecision(@ForAll("bigInts") BigInteger a, @ForAll("bigInts") BigInteger b) {
        BigInteger x = round64(a);
        BigInteger y = round64(b);
        assertEquals(x.add(y), number(eval(a + " + " + lit(b))), "plus");
        assertEquals(x.subtract(y), number(eval(a + " - " + lit(b))), "minus");
        assertEquals(x.multiply(y), number(eval(a + " * " + lit(b))), "mul");
        if (b.signum() != 0 && a.bitLength() < 63 && b.bitLength() < 63) {
            assertEquals(a.remainder(b), number(eval(a + " % " + lit(b))), "rem (Go's truncated remainder)");
            if (a.remainder(b).signum() == 0) {
                assertEquals(a.divide(b), number(eval(a + " / " + lit(b))), "exact division");
            }
        }
        // abs of a big integer is a float operation printed in the shortest form denoting the same float
        assertEquals(x.abs(), round64(number(eval("abs(" + a + ")"))));
        assertEquals(a.compareTo(b) < 0, eval(a + " < " + lit(b)).booleanValue());
        assertEquals(a.equals(b), eval(a + " == " + lit(b)).booleanValue());
    }

    private static BigInteger number(JsonNode n) {
        return n.decimalValue().toBigIntegerExact();
    }

    /** An independent model of rounding to a 64-bit binary mantissa, ties to even. */
    private static BigInteger round64(BigInteger v) {
        int excess = v.abs().bitLength() - 64;
        if (excess <= 0) {
            return v;
        }
        BigInteger abs = v.abs();
        BigInteger kept = abs.shiftRight(excess);
        BigInteger rest = abs.subtract(kept.shiftLeft(excess));
        BigInteger half = BigInteger.ONE.shiftLeft(excess - 1);
        int c = rest.compareTo(half);
        if (c > 0 || (c == 0 && kept.testBit(0))) {
            kept = kept.add(BigInteger.ONE);
        }
        BigInteger r = kept.shiftLeft(excess);
        return v.signum() < 0 ? r.negate() : r;
    }

    private static String lit(BigInteger b) {
        return b.signum() < 0 ? "(" + b + ")" : b.toString();
    }

    @Property(tries = 300)
    void decimalsCompareExactly(@ForAll("decimals") BigDecimal a, @ForAll("decimals") BigDecimal b) {
        String as = a.toString().toLowerCase(Locale.ROOT);
        String bs = b.toString().toLowerCase(Locale.ROOT);
        assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(NumberValue.parse(as).compareTo(NumberValue.parse(bs))));
        assertEquals(a.compareTo(b) == 0, NumberValue.parse(as).equals(NumberValue.parse(bs)));
        if (a.compareTo(b) == 0) {
            assertEquals(NumberValue.parse(as).hashCode(), NumberValue.parse(bs).hashCode());
        }
        assertEquals(a.compareTo(b) <= 0, eval("(" + as + ") <= (" + bs + ")").booleanValue());
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigDecimal> base = Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.valueOf(-100000), BigInteger.valueOf(100000)),
                Arbitraries.integers().between(-5, 8)).as(BigDecimal::new);
        return Arbitraries.oneOf(base, base.map(d -> d.setScale(d.scale() + 2)), Arbitraries.of(BigDecimal.ZERO, new BigDecimal("0.0"),
                new BigDecimal("1E+2"), new BigDecimal("100")));
    }

    // ---------------------------------------------------------------- ordering

    @Provide
    Arbitrary<Value> values() {
        return value(2);
    }

    private Arbitrary<Value> value(int depth) {
        Arbitrary<Value> leaf = Arbitraries.oneOf(
                Arbitraries.just(NullValue.INSTANCE),
                Arbitraries.of(BoolValue.TRUE, BoolValue.FALSE),
                Arbitraries.integers().between(-50, 50).map(i -> NumberValue.of(i)),
                Arbitraries.of("0.5", "-2.25", "1e2", "100", "3.0").map(NumberValue::parse),
                // whole code points (the emoji is a surrogate pair): a lone surrogate is no string in Rego, whose
                // strings are UTF-8, and is written as U+FFFD, which would reorder it
                Arbitraries.of("a", "b", "A", "B", "\u00e9", "\u4e2d", "\ud83d\ude00").list().ofMaxSize(3)
                        .map(parts -> StringValue.of(String.join("", parts))));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<List<Value>> elems = value(depth - 1).list().ofMaxSize(3);
        return Arbitraries.oneOf(leaf, leaf,
                elems.map(ArrayValue::of),
                elems.map(SetValue::of),
                Combinators.combine(value(depth - 1).list().ofMaxSize(3), elems).as((ks, vs) -> {
                    ObjectBuilder b = new ObjectBuilder();
                    for (int i = 0; i < Math.min(ks.size(), vs.size()); i++) {
                        b.put(ks.get(i), vs.get(i));
                    }
                    return b.build();
                }));
    }

    private static int rank(Value v) {
        return switch (v.typeName()) {
            case "null" -> 0;
            case "boolean" -> 1;
            case "number" -> 2;
            case "string" -> 3;
            case "array" -> 4;
            case "object" -> 5;
            case "set" -> 6;
            default -> throw new AssertionError(v.typeName());
        };
    }

    @Property(tries = 500)
    void theOrderIsTotalAndFollowsOpasTypeOrder(@ForAll("values") Value a, @ForAll("values") Value b, @ForAll("values") Value c) {
        int ab = Integer.signum(a.compareTo(b));
        assertEquals(-ab, Integer.signum(b.compareTo(a)), "antisymmetry");
        assertEquals(ab == 0, a.equals(b), "compare is consistent with equals");
        if (ab == 0) {
            assertEquals(a.hashCode(), b.hashCode(), "equal values hash alike");
        }
        if (rank(a) != rank(b)) {
            assertEquals(Integer.signum(Integer.compare(rank(a), rank(b))), ab, "type order");
        }
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertTrue(a.compareTo(c) <= 0, "transitivity");
        }
        if (a instanceof StringValue sa && b instanceof StringValue sb) {
            assertEquals(Integer.signum(codePointCompare(sa.value(), sb.value())), ab, "strings by code point");
        }
        if (!hasSet(a) && !hasNonStringKey(a)) {
            assertEquals(a, Values.materialize(Values.fromJson(Values.toJson(a))), "JSON round trip");
        }
    }

    @Property(tries = 200)
    void sortUsesTheSameOrder(@ForAll("values") Value a, @ForAll("values") Value b, @ForAll("values") Value d) {
        List<Value> list = new ArrayList<>(List.of(a, b, d));
        String term = "sort([" + Values.rego(a) + ", " + Values.rego(b) + ", " + Values.rego(d) + "])";
        list.sort(Value::compareTo);
        QueryResult r = EMPTY.query("x := " + term + "; y := " + Values.rego(ArrayValue.of(list)) + "; x == y",
                EvaluationOptions.defaults());
        assertEquals(1, r.size(), term);
    }

    private static boolean hasSet(Value v) {
        return Values.rego(v).contains("set(") || v instanceof SetValue || (v instanceof ArrayValue a && a.size() > 0
                && java.util.Arrays.stream(a.toArray()).anyMatch(ValuePropertiesTest::hasSet))
                || (v instanceof dev.palisade.rego.internal.value.ObjectValue o && java.util.stream.IntStream.range(0, o.size())
                .anyMatch(i -> hasSet(o.keyAt(i)) || hasSet(o.valueAt(i))));
    }

    private static boolean hasNonStringKey(Value v) {
        if (v instanceof dev.palisade.rego.internal.value.ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (!(o.keyAt(i) instanceof StringValue) || hasNonStringKey(o.valueAt(i))) {
                    return true;
                }
            }
        }
        if (v instanceof ArrayValue a) {
            for (Value e : a.toArray()) {
                if (hasNonStringKey(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int codePointCompare(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    // ---------------------------------------------------------------- sprintf

    @Property(tries = 300)
    void sprintfFormatsIntegersAsGoDoes(@ForAll("bigInts") BigInteger n, @ForAll @IntRange(max = 12) int width,
                                        @ForAll("intFlags") String flags, @ForAll("intVerbs") String verb) {
        // Go and java.util.Formatter agree on %d/%x/%X/%o with these flags for integers of any size
        String spec = "%" + flags + (width == 0 ? "" : String.valueOf(width)) + verb;
        if ((flags.contains("0") || flags.contains("-")) && width == 0) {
            return; // Java rejects these flags without a width; Go ignores them
        }
        String java = String.format(Locale.ROOT, spec, n);
        assertEquals(java, eval("sprintf(\"" + spec + "\", [" + lit(n) + "])").asText(), spec);
    }

    @Provide
    Arbitrary<String> intFlags() {
        return Arbitraries.of("", "-", "0", "+", "+0", "-+");
    }

    @Provide
    Arbitrary<String> intVerbs() {
        return Arbitraries.of("d", "x", "X", "o");
    }

    @Property(tries = 200)
    void sprintfPadsStringsAsGoDoes(@ForAll("plainStrings") String s, @ForAll @IntRange(max = 10) int width, @ForAll boolean left) {
        String spec = "%" + (left && width > 0 ? "-" : "") + (width == 0 ? "" : String.valueOf(width)) + "s";
        String java = String.format(Locale.ROOT, spec, s);
        assertEquals(java, eval("sprintf(\"" + spec + "\", [" + quote(s) + "])").asText());
        assertEquals(s, eval("sprintf(\"%v\", [" + quote(s) + "])").asText(), "%v of a string is the string");
    }

    @Provide
    Arbitrary<String> plainStrings() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(" -_.").ofMaxLength(8);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        dev.palisade.rego.internal.value.Json.string(sb, s, false);
        return sb.toString();
    }

    @Property(tries = 50)
    void sprintfReportsMissingAndExtraOperandsAsGoDoes(@ForAll @IntRange(min = 0, max = 4) int verbs,
                                                       @ForAll @IntRange(min = 0, max = 4) int args) {
        StringBuilder format = new StringBuilder();
        StringBuilder want = new StringBuilder();
        List<String> argList = new ArrayList<>();
        for (int i = 0; i < args; i++) {
            argList.add(String.valueOf(i + 10));
        }
        for (int i = 0; i < verbs; i++) {
            format.append("<%v>");
            want.append('<').append(i < args ? String.valueOf(i + 10) : "%!v(MISSING)").append('>');
        }
        if (args > verbs) {
            want.append("%!(EXTRA ");
            for (int i = verbs; i < args; i++) {
                want.append(i > verbs ? ", " : "").append("int=").append(i + 10);
            }
            want.append(')');
        }
        assertEquals(want.toString(), eval("sprintf(\"" + format + "\", [" + String.join(", ", argList) + "])").asText());
    }
}
