package dev.palisade.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code time.*} built-ins over policy-core's shared Go time code: values, and Go's messages
 * for what Go refuses, as OPA reports them under strict built-in errors.
 */
class TimeBuiltinsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode evaluate(String expression, boolean strict) {
        RegoProgram p = Rego.compiler()
                .module(RegoSource.of("t.rego", "package t\nr := " + expression + "\n", RegoVersion.V1))
                .compile();
        return p.evaluate("data.t.r", EvaluationOptions.builder().strictBuiltinErrors(strict).build()).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`time.parse_ns(\"2006-01-02\", \"2024-02-29\")` | 1709164800000000000",
        "`time.parse_ns(\"RFC3339\", \"2024-02-29T01:02:03.5+01:00\")` | 1709164923500000000",
        "`time.parse_ns(\"Mon Jan _2 15:04:05 MST 2006\", \"Thu Feb 29 01:02:03 GMT+1 2024\")` | 1709164923000000000",
        "`time.parse_rfc3339_ns(\"1970-01-01T00:00:00.000000001Z\")` | 1",
        "`time.parse_duration_ns(\"1h30m\")` | 5400000000000",
        "`time.parse_duration_ns(\"1.5\u00b5s\")` | 1500",
        "`time.format([1709164923500000000, \"UTC\", \"RFC1123Z\"])` | `\"Thu, 29 Feb 2024 00:02:03 +0000\"`",
        "`time.format([1709164923500000000, \"Asia/Kolkata\", \"Monday 002 3:04:05.000PM Z07:00\"])` "
            + "| `\"Thursday 060 5:32:03.500AM +05:30\"`",
    })
    void computesAsGo(String expression, String expected) throws Exception {
        assertEquals(JSON.readTree(expected), evaluate(expression, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`time.parse_ns(\"2006-01-02\", \"2024-02-30\")` | `parsing time \"2024-02-30\": day out of range`",
        "`time.parse_ns(\"2006-01-02\", \"2024-01-01x\")` | `parsing time \"2024-01-01x\": extra text: \"x\"`",
        "`time.parse_rfc3339_ns(\"2024-01-01\")` "
            + "| `parsing time \"2024-01-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"`",
        "`time.parse_duration_ns(\"1d\")` | `time: unknown unit \"d\" in duration \"1d\"`",
        "`time.parse_duration_ns(\"1.2.3s\")` | `time: missing unit in duration \"1.2.3s\"`",
    })
    void refusesWithGosMessage(String expression, String message) {
        RegoEvaluationException e = assertThrows(RegoEvaluationException.class, () -> evaluate(expression, true));
        assertEquals("eval_builtin_error", e.code());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
