package dev.palisade.core.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.Version;
import org.junit.jupiter.api.Test;

class JacksonVersionTest {
    private static Version v(int major, int minor, int patch, String artifact) {
        return new Version(major, minor, patch, null, "com.fasterxml.jackson.core", artifact);
    }

    @Test
    void theJacksonOfTheBuildIsAccepted() {
        assertDoesNotThrow(() -> JacksonVersion.require());
    }

    @Test
    void jackson215IsTheMinimum() {
        assertDoesNotThrow(() -> JacksonVersion.require(v(2, 15, 0, "jackson-core"), v(2, 15, 4, "jackson-databind")));
        assertDoesNotThrow(() -> JacksonVersion.require(v(2, 21, 0, "jackson-core"), v(2, 21, 0, "jackson-databind")));
    }

    @Test
    void anOlderCoreOrDatabindFailsNamingBothVersionsAndTheMinimum() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JacksonVersion.require(v(2, 14, 3, "jackson-core"), v(2, 15, 4, "jackson-databind")));
        assertEquals("Palisade needs Jackson 2.15 or newer, but the class path has jackson-core 2.14.3 and"
                + " jackson-databind 2.15.4; manage com.fasterxml.jackson:jackson-bom at 2.15.0 or later", e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> JacksonVersion.require(v(2, 15, 0, "jackson-core"), v(2, 13, 5, "jackson-databind")));
        assertThrows(IllegalStateException.class,
                () -> JacksonVersion.require(v(1, 99, 0, "jackson-core"), v(1, 99, 0, "jackson-databind")));
    }
}
