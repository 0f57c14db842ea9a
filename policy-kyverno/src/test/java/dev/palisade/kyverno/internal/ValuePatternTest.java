package dev.palisade.kyverno.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kyverno's leaf patterns: types, operators, ranges, durations, quantities, wildcards, null. */
class ValuePatternTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = ';', value = {
        // numbers: float patterns (as policies decode) against int and float values
        "7.9914; 7.9914; true",
        "7.99141; 7.9914; false",
        "7; 7.0; true",
        "7.000001; 7; false",
        "8; 7; false",
        "\"7\"; 7.0; true",
        "\"x\"; 7.0; false",
        // a float against a wildcard is matched as Go's FormatFloat(v, 'E', -1, 64) text
        "1.5; \"1.5E+0?\"; true",
        "1.5; \"1.5?\"; false",
        "0.1; \"1E-0?\"; true",
        "1e21; \"1E+2?\"; true",
        "-2.5e-7; \"-2.5E-0?\"; true",
        // booleans only match booleans
        "true; true; true",
        "\"true\"; true; false",
        // null pattern matches zero values, not containers
        "0; null; true",
        "\"\"; null; true",
        "false; null; true",
        "null; null; true",
        "{}; null; false",
        "[]; null; false",
        // map pattern: any map
        "{\"a\":1}; {\"b\":2}; true",
        "\"a\"; {}; false",
        // operators
        "4; \">= 3\"; true",
        "3; \">3\"; false",
        "2; \"<3\"; true",
        "3; \"<=3\"; true",
        "3; \"!3\"; false",
        "4; \"!3\"; true",
        // ranges
        "0; \"0-2\"; true",
        "2; \"0-2\"; true",
        "3; \"0-2\"; false",
        "15; \"10!-20\"; false",
        "25; \"10!-20\"; true",
        "2.0001; \"0.00001-2.00001\"; false",
        "\"256Mi\"; \"128Mi-512Mi\"; true",
        "\"1024Mi\"; \"128Mi-512Mi\"; false",
        "\"64Mi\"; \"128Mi!-512Mi\"; true",
        // quantities and durations
        "\"1Gi\"; \">= 1024Mi\"; true",
        "\"500m\"; \"<1\"; true",
        "\"2h\"; \">90m\"; true",
        "\"30s\"; \">1m\"; false",
        // wildcards, alternatives and conjunctions
        "\"nginx:1.2\"; \"*:*\"; true",
        "\"nginx\"; \"*:*\"; false",
        "\"ab\"; \"?b\"; true",
        "\"b\"; \"?b\"; false",
        "\"latest\"; \"!*latest\"; false",
        "\"v1\"; \"v1 | v2\"; true",
        "\"v3\"; \"v1 | v2\"; false",
        "\"abc\"; \"a* & *c\"; true",
        "\"abd\"; \"a* & *c\"; false",
        "\"x\"; \"?*\"; true",
        "\"\"; \"?*\"; false",
        "null; \"?*\"; false",
        // the whole string equal to the pattern wins first
        "\"a|b\"; \"a|b\"; true",
    })
    void patterns(String value, String pattern, boolean expected) throws Exception {
        JsonNode v = JSON.readTree(value);
        JsonNode p = JSON.readTree(pattern);
        assertEquals(expected, ValuePattern.validate(v, p), value + " against " + pattern);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        ">= 3; MORE_EQUAL", "<=3; LESS_EQUAL", ">3; MORE", "<3; LESS", "!3; NOT_EQUAL", "1-10; IN_RANGE",
        "1!-10; NOT_IN_RANGE", "3; EQUAL", "a-b; EQUAL", "-1--2; IN_RANGE", "x; EQUAL"})
    void operators(String pattern, ValuePattern.Operator expected) {
        assertEquals(expected, ValuePattern.operatorOf(pattern));
    }
}
