package dev.palisade.core.internal.gotime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code time.ParseDuration} and {@code Duration.String()}: expected values are Go's. */
class GoDurationTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "0 | 0",
        "+0 | 0",
        "-0 | 0",
        "0s | 0",
        "100ms | 100000000",
        "1h30m | 5400000000000",
        "1.5h | 5400000000000",
        "-1.5s | -1500000000",
        "+2s | 2000000000",
        ".5s | 500000000",
        "1.s | 1000000000",
        "2us | 2000",
        "2\u00b5s | 2000",
        "2\u03bcs | 2000",
        "1ns1ms1s | 1001000001",
        "36h | 129600000000000",
        "1.0000000000000000000000001s | 1000000000",
        // from Go's own table: fractions past float64 and int64 precision
        "0.3333333333333333333h | 1200000000000",
        "0.100000000000000000000h | 360000000000",
        "0.830103483285477580700h | 2988372539827",
        "9007199254740993ns | 9007199254740993",
        "9223372036854775.807us | 9223372036854775807",
        "9223372036s854ms775us807ns | 9223372036854775807",
        "-9223372036854775.808us | -9223372036854775808",
        "9223372036854775807ns | 9223372036854775807",
        "-9223372036854775808ns | -9223372036854775808",
        "2562047h47m16.854775807s | 9223372036854775807",
    })
    void parsesAsGo(String text, long nanos) {
        assertEquals(nanos, GoDuration.parse(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`` | `time: invalid duration \"\"`",
        "- | `time: invalid duration \"-\"`",
        "1 | `time: missing unit in duration \"1\"`",
        "1.2.3s | `time: missing unit in duration \"1.2.3s\"`",
        "1d | `time: unknown unit \"d\" in duration \"1d\"`",
        "1 s | `time: unknown unit \" s\" in duration \"1 s\"`",
        "1\u00e9 | `time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"`",
        ".s | `time: invalid duration \".s\"`",
        "s | `time: invalid duration \"s\"`",
        "1h-1m | `time: unknown unit \"h-\" in duration \"1h-1m\"`",
        "9223372036854775808ns | `time: invalid duration \"9223372036854775808ns\"`",
        "2562048h | `time: invalid duration \"2562048h\"`",
        "99999999999999999999s | `time: invalid duration \"99999999999999999999s\"`",
        "-9223372036854775809ns | `time: invalid duration \"-9223372036854775809ns\"`",
        "9223372036854775.808us | `time: invalid duration \"9223372036854775.808us\"`",
        "3000000h | `time: invalid duration \"3000000h\"`",
        "\uFFFD | `time: invalid duration \"\\xef\\xbf\\xbd\"`",
    })
    void refusesWithGosMessage(String text, String message) {
        assertEquals(message, assertThrows(GoTimeException.class, () -> GoDuration.parse(text)).getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "0 | 0s",
        "1 | 1ns",
        "1100 | 1.1\u00b5s",
        "2200000 | 2.2ms",
        "1500000000 | 1.5s",
        "-1500000000 | -1.5s",
        "60000000000 | 1m0s",
        "5400000000000 | 1h30m0s",
        "91800000000000 | 25h30m0s",
        "1000000001 | 1.000000001s",
        "9223372036854775807 | 2562047h47m16.854775807s",
        "-9223372036854775808 | -2562047h47m16.854775808s",
    })
    void printsAsGo(long nanos, String text) {
        assertEquals(text, GoDuration.format(nanos));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "1500000000 | 1.5",
        "-250000000 | -0.25",
        "5400000000000 | 5400",
    })
    void secondsAsGo(long nanos, double seconds) {
        assertEquals(seconds, GoDuration.seconds(nanos));
    }
}
