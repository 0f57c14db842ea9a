package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Differential: a host's map converts to exactly the tree its JSON text reads as through the manifest
 * reader (the oracle), whatever the Java types of its numbers (a YAML parser's Integer, Long or
 * BigInteger, a Float or BigDecimal built in code).
 */
class HostObjectsProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 400)
    void aMapConvertsToTheTreeItsJsonTextReadsAs(@ForAll("objects") Map<String, Object> fields)
            throws JsonProcessingException {
        Map<String, Object> object = new LinkedHashMap<>(fields);
        object.put("apiVersion", "v1");
        object.put("kind", "ConfigMap");
        String text = JSON.writeValueAsString(object);
        assertEquals(Resource.parse(text).object(), Resource.fromMap(object).object(), text);
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return maps(3);
    }

    private static Arbitrary<Map<String, Object>> maps(int depth) {
        return Arbitraries.maps(Arbitraries.strings().withCharRange('a', 'z').withChars("-_./~").ofMinLength(1)
                .ofMaxLength(8), value(depth)).ofMaxSize(4);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').withChars("äé中\n\t\u2028").ofMaxLength(12)
                        .injectNull(0.05).map(s -> s),
                Arbitraries.integers().map(i -> i),
                Arbitraries.longs().map(l -> l),
                Arbitraries.shorts().map(s -> s),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25)).map(b -> b),
                Arbitraries.doubles().between(-1e12, 1e12).ofScale(3).map(d -> d),
                Arbitraries.floats().between(-1e6f, 1e6f).ofScale(2).map(f -> f),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1e9), BigDecimal.valueOf(1e9)).ofScale(4)
                        .map(d -> d),
                Arbitraries.of(true, false).map(b -> b));
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, leaf),
                net.jqwik.api.Tuple.of(1, maps(depth - 1).map(m -> (Object) m)),
                net.jqwik.api.Tuple.of(1, value(depth - 1).list().ofMaxSize(3).map(l -> (Object) List.copyOf(
                        l.stream().map(v -> v == null ? "" : v).toList()))));
    }
}
