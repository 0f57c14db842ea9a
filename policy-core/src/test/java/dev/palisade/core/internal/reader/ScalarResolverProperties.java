package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ScalarResolver}'s shortcuts for numbers (plain decimal integers, strings that start with a digit
 * and hold a character no number has) give what the general reading gives, node class included, on
 * number-shaped strings: digits, signs, prefixes, separators, exponents, hex digits and the letters of
 * Kubernetes quantities.
 */
class ScalarResolverProperties {

    @Property(tries = 5000)
    void numberShortcutsAgreeWithTheGeneralReading(@ForAll("numberish") String text) {
        Object general = ScalarResolver.numberGeneral(text);
        Object fast = ScalarResolver.number(text);
        assertEquals(general == null ? null : general.getClass(), fast == null ? null : fast.getClass(), text);
        assertEquals(general, fast, text);
    }

    @Provide
    Arbitrary<String> numberish() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(22);
        Arbitrary<String> mixed = Arbitraries.strings().withChars("0123456789012345678901234567890123456789_.+-eExXoObBaAfFmMiKGkn")
                .ofMinLength(1).ofMaxLength(20).filter(s -> s.charAt(0) >= '0' && s.charAt(0) <= '9'
                        || s.charAt(0) == '+' || s.charAt(0) == '-');
        Arbitrary<String> fixed = Arbitraries.of("0", "00", "07", "08", "0x1F", "0o17", "0b101", "1_000", "1e3", "1.5",
                "500m", "128Mi", "1.25-alpine", "999999999999999", "9999999999999999", "2147483647", "2147483648",
                "-1", "+1", "-.inf", "+.Inf", "1:20", "2001-12-14", "18446744073709551615", "1é", "1日");
        return Arbitraries.oneOf(digits, mixed, fixed);
    }
}
