package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.lang.UInt;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of CEL equality and ordering over numbers, strings and lists. */
class EqualityPropertyTest {

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> numbers = Arbitraries.oneOf(
                Arbitraries.longs().between(-5, 5).map(l -> (Object) l),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.longs().between(0, 5).map(l -> (Object) new UInt(l)),
                Arbitraries.longs().map(l -> (Object) new UInt(l)),
                Arbitraries.of(-1.0, 0.0, -0.0, 0.5, 2.0, 5.0, 1e300, Double.NaN).map(d -> (Object) d),
                Arbitraries.doubles().map(d -> (Object) d));
        Arbitrary<Object> strings = Arbitraries.strings().withChars("aAé😀").ofMaxLength(3).map(s -> (Object) s);
        return Arbitraries.oneOf(numbers, strings, Arbitraries.of(true, false).map(b -> (Object) b),
                numbers.list().ofMaxSize(2).map(l -> (Object) List.copyOf(l)));
    }

    @Property(tries = 2000)
    void equalityIsSymmetric(@ForAll("values") Object a, @ForAll("values") Object b) {
        assertEquals(Rt.eq(a, b), Rt.eq(b, a));
    }

    @Property(tries = 1000)
    void equalityIsReflexiveExceptForNaN(@ForAll("values") Object a) {
        boolean hasNaN = a instanceof Double d && d.isNaN()
                || a instanceof List<?> l && l.stream().anyMatch(e -> e instanceof Double d && d.isNaN());
        assertEquals(!hasNaN, Rt.eq(a, a));
    }

    @Property(tries = 2000)
    void orderingIsAntisymmetricAndAgreesWithEqualityOnNumbers(@ForAll("values") Object a, @ForAll("values") Object b) {
        int ab;
        int ba;
        try {
            ab = Rt.compare(a, b, "_<_");
            ba = Rt.compare(b, a, "_<_");
        } catch (CelError incomparable) {
            assertTrue(!Rt.typeName(a).equals(Rt.typeName(b)) || a instanceof List, "same-type values must compare");
            return;
        }
        if (ab == 2 || ba == 2) {
            assertEquals(ab, ba, "NaN is unordered both ways");
            return;
        }
        assertEquals(ab, -ba);
        if (Rt.isNumber(a) && Rt.isNumber(b) && Rt.typeName(a).equals(Rt.typeName(b))) {
            assertEquals(ab == 0, Rt.eq(a, b));
        }
    }
}
