package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's duration syntax, as the API server writes {@code ?timeout=} (time.Duration.String()). */
class DurationsTest {
    @ParameterizedTest
    @CsvSource({"10s, 10000", "1m0s, 60000", "1m30s, 90000", "500ms, 500", "1.5s, 1500", "2h, 7200000", "0, 0",
            "1h2m3s, 3723000"})
    void parsesGoDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "10 s", "-1s", "1d", "1.2.3s", "ms10"})
    void rejectsOthers(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    /** What Go prints for whole seconds (h, m and s parts) reads back as the same duration. */
    @Property
    void readsWhatGoWrites(@ForAll @LongRange(min = 1, max = 100_000) long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        String go = h > 0 ? h + "h" + m + "m" + s + "s" : m > 0 ? m + "m" + s + "s" : s + "s";
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(go));
    }
}
