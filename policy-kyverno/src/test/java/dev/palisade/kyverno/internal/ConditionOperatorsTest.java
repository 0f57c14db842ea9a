package dev.palisade.kyverno.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kyverno's condition operators with their coercions. */
class ConditionOperatorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1} {2} = {3}")
    @CsvSource(delimiter = ';', value = {
        // equality: numbers across int/float/string, durations, quantities, wildcards, deep values
        "1; Equals; 1.0; true",
        "1; Equals; \"1\"; true",
        "1.5; Equals; \"1.5\"; true",
        "\"1h\"; Equals; \"60m\"; true",
        "\"1h\"; Equals; 3600; true",
        "\"1Gi\"; Equals; \"1024Mi\"; true",
        "\"nginx\"; Equals; \"ngi*\"; true",
        "\"nginx\"; equals; \"ngi*\"; true",
        "{\"a\":1}; Equals; {\"a\":1}; true",
        "{\"a\":1}; Equals; {\"a\":1.0}; false",
        "[1,2]; Equals; [1,2]; true",
        "null; Equals; null; false",
        "true; Equals; \"true\"; false",
        "\"a\"; NotEquals; \"b\"; true",
        "\"a\"; NotEquals; \"a*\"; false",
        "null; NotEquals; \"x\"; false",
        "3; NotEquals; \"x\"; true",
        // set operators
        "\"a\"; AnyIn; [\"a\",\"b\"]; true",
        "\"c\"; AnyIn; [\"a\",\"b\"]; false",
        "\"abc\"; AnyIn; [\"a*\"]; true",
        "[\"a\",\"c\"]; AnyIn; [\"a\",\"b\"]; true",
        "[\"a\",\"c\"]; AllIn; [\"a\",\"b\"]; false",
        "[\"a\",\"b\"]; AllIn; [\"a\",\"b\",\"c\"]; true",
        "[\"a\",\"c\"]; AnyNotIn; [\"a\",\"b\"]; true",
        "[\"a\",\"b\"]; AnyNotIn; [\"a\",\"b\"]; false",
        "[\"c\",\"d\"]; AllNotIn; [\"a\",\"b\"]; true",
        "[\"a\",\"d\"]; AllNotIn; [\"a\",\"b\"]; false",
        "\"a\"; AnyIn; \"[\\\"a\\\",\\\"b\\\"]\"; true",
        "\"5\"; AnyIn; \"1-10\"; true",
        "\"15\"; AnyIn; \"1-10\"; false",
        "[\"15\"]; AnyNotIn; \"1-10\"; true",
        "3; AnyIn; [1,2,3]; true",
        "\"a\"; In; [\"a\",\"b\"]; true",
        "[\"a\",\"b\"]; In; [\"a\",\"b\",\"c\"]; true",
        "[\"a\",\"x\"]; NotIn; [\"a\",\"b\"]; true",
        "\"x\"; AnyIn; 5; false",
        // numbers, durations, quantities, versions
        "3; GreaterThan; 2; true",
        "3; GreaterThan; \"2\"; true",
        "\"3\"; GreaterThanOrEquals; 3; true",
        "2; LessThan; 3.5; true",
        "\"2h\"; GreaterThan; \"90m\"; true",
        "\"1Gi\"; GreaterThan; \"512Mi\"; true",
        "\"1.10.0\"; GreaterThan; \"1.9.0\"; true",
        "\"abc\"; GreaterThan; 1; false",
        "10; DurationGreaterThan; \"5s\"; true",
        "\"1m\"; DurationLessThan; \"30s\"; false",
    })
    void operators(String key, String operator, String value, boolean expected) throws Exception {
        JsonNode k = JSON.readTree(key);
        JsonNode v = JSON.readTree(value);
        assertEquals(expected, ConditionOperators.evaluate(operator, k, v), key + " " + operator + " " + value);
    }

    @Test
    void unknownOperatorsAreErrors() {
        assertFalse(ConditionOperators.isKnown("Contains"));
        assertTrue(ConditionOperators.isKnown("anyin"));
        assertThrows(IllegalArgumentException.class,
                () -> ConditionOperators.evaluate("Contains", JSON.nullNode(), JSON.nullNode()));
    }
}
