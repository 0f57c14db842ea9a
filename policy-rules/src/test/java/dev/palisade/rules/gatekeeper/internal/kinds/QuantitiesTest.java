package dev.palisade.rules.gatekeeper.internal.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("^[0-9]+(\\.[0-9]+)?$");

    private static JsonNode text(String value) {
        return TextNode.valueOf(value);
    }

    private static String millis(Optional<BigDecimal> value) {
        return value.map(v -> v.stripTrailingZeros().toPlainString()).orElse("invalid");
    }

    @ParameterizedTest(name = "cpu {0} = {1}")
    @CsvSource({
        "100m, 100",
        "1.5m, 1.5",
        "2, 2000",
        "0.5, 500",
        "1e3m, 1000",        // the part before 'm' goes through to_number, which takes exponents
        "1e3, invalid",      // without 'm' the value must be plain digits
        "-1, invalid",
        "-1m, -1",
        "mm, invalid",       // every 'm' is removed: nothing is left to parse
        "1m1m, 11",          // ends with 'm', and every 'm' is removed before to_number
        "Infm, invalid",
        "1e400m, invalid",   // out of float64 range
        "'', invalid",
        "1.m, 1",
        "abc, invalid",
    })
    void cpuAsTheRegoReadsIt(String input, String expected) {
        assertEquals(expected, millis(Quantities.cpu(text(input))));
    }

    @ParameterizedTest(name = "memory {0} = {1} millibytes")
    @CsvSource({
        "1Ki, 1024000",
        "1Mi, 1048576000",
        "1.5Gi, 1610612736000",
        "1G, 1000000000000",
        "100, 100000",
        "100m, 100",
        "1k, 1000000",
        "1E, 1000000000000000000000",
        "1Ei, 1152921504606846976000",
        "1e3, invalid",       // no exponents for memory
        "1K, invalid",        // only lower-case k is a unit
        "Mi, invalid",
        "'', invalid",
        "1MiMi, 1048576000",  // every occurrence of the suffix is removed, leaving 1 Mi
        "-1Mi, invalid",
        "1.5.5Mi, invalid",
    })
    void memoryAsTheRegoReadsIt(String input, String expected) {
        assertEquals(expected, millis(Quantities.memory(text(input))));
    }

    @org.junit.jupiter.api.Test
    void yamlNumbersAreUnitless() {
        assertEquals("2000", millis(Quantities.cpu(IntNode.valueOf(2))));
        assertEquals("500", millis(Quantities.cpu(DoubleNode.valueOf(0.5))));
        assertEquals("1000", millis(Quantities.memory(IntNode.valueOf(1))));
        assertEquals("invalid", millis(Quantities.memory(com.fasterxml.jackson.databind.node.BooleanNode.TRUE)));
    }

    @Property
    void plainDecimalCheckAgreesWithTheRegosRegex(@ForAll("decimalish") String text) {
        assertEquals(PLAIN_DECIMAL.matcher(text).find(), Quantities.isPlainDecimal(text), text);
    }

    @Provide
    Arbitrary<String> decimalish() {
        return Arbitraries.strings().withChars("0123456789.eE-+mKi ").ofMaxLength(8);
    }

    @Property
    void memoryWithAUnitIsTheNumberTimesTheUnit(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long amount,
            @ForAll("units") String unit) {
        BigDecimal base = Quantities.memory(text("1" + unit)).orElseThrow();
        assertEquals(0, BigDecimal.valueOf(amount).multiply(base).compareTo(
                Quantities.memory(text(amount + unit)).orElseThrow()));
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("", "k", "M", "G", "T", "P", "E", "m", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei");
    }

    @Property
    void cpuFormattedAsCoresOrMillicoresParsesBack(
            @ForAll @BigRange(min = "0", max = "100000") @Scale(3) BigDecimal cores) {
        String plain = cores.toPlainString();
        BigDecimal fromCores = Quantities.cpu(text(plain)).orElseThrow();
        BigDecimal fromMillis = Quantities.cpu(text(cores.movePointRight(3).toPlainString() + "m")).orElseThrow();
        assertEquals(0, fromCores.compareTo(fromMillis), plain);
        assertEquals(0, fromCores.compareTo(cores.movePointRight(3)), plain);
    }

    @Property
    void suffixIsAlwaysAKnownUnitAtTheEnd(@ForAll("decimalish") String digits, @ForAll("units") String unit) {
        String quantity = digits + unit;
        String suffix = Quantities.memorySuffix(quantity);
        assertTrue(quantity.endsWith(suffix));
    }
}
