package dev.palisade.rules.podsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.PalisadeException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodSecurityVersionTest {

    @Test
    void latestAndNewerVersionsClampToTheNewestShippedVersionButKeepTheirText() {
        assertEquals(37, PodSecurityVersion.parse("latest").minor());
        assertEquals("latest", PodSecurityVersion.parse("latest").text());
        PodSecurityVersion future = PodSecurityVersion.parse("v1.99");
        assertEquals(37, future.minor());
        assertEquals("v1.99", future.toString());
        assertEquals(37, PodSecurityVersion.parse("v1.12345678901234567890").minor());
        assertEquals(36, PodSecurityVersion.parse("v1.36").minor());
        assertEquals(0, PodSecurityVersion.parse("v1.0").minor());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "v1.", "v1.025", "v2.0", "1.25", "V1.25", "v1.2a", "Latest", " v1.25", "v1.-1"})
    void rejectsAnythingButLatestAndV1x(String text) {
        PalisadeException e = assertThrows(PalisadeException.class, () -> PodSecurityVersion.parse(text));
        assertTrue(e.getMessage().contains("must be \"latest\" or \"v1.x\""), e.getMessage());
    }

    @Test
    void theConstructorKeepsTextAndMinorConsistent() {
        assertEquals(PodSecurityVersion.parse("v1.25"), new PodSecurityVersion("v1.25", 25));
        assertThrows(PalisadeException.class, () -> new PodSecurityVersion("v1.25", 24));
        assertThrows(PalisadeException.class, () -> new PodSecurityVersion("v1.99", 99));
        assertThrows(PalisadeException.class, () -> new PodSecurityVersion("newest", 37));
    }

    @Test
    void levelsParseExactlyAndOrder() {
        assertEquals(Level.RESTRICTED, Level.parse("restricted"));
        assertThrows(PalisadeException.class, () -> Level.parse("Restricted"));
        assertTrue(Level.RESTRICTED.isStricterThan(Level.BASELINE));
        assertTrue(Level.BASELINE.isStricterThan(Level.PRIVILEGED));
        assertEquals("baseline:v1.25", LevelVersion.parse("baseline:v1.25").toString());
        assertThrows(PalisadeException.class, () -> LevelVersion.parse("baseline"));
    }

    @Property
    void everyNumberedVersionRoundTripsAndClamps(@ForAll @IntRange(min = 0, max = 100_000) int minor) {
        PodSecurityVersion version = PodSecurityVersion.parse("v1." + minor);
        assertEquals("v1." + minor, version.text());
        assertEquals(Math.min(minor, PodSecurityVersion.NEWEST_MINOR), version.minor());
    }

    @Property
    void parseEitherAcceptsOrFailsWithPalisadeException(@ForAll @StringLength(max = 8) String suffix) {
        String text = "v1." + suffix;
        try {
            PodSecurityVersion version = PodSecurityVersion.parse(text);
            assertTrue(suffix.matches("0|[1-9][0-9]*"), text);
            assertEquals(text, version.text());
        } catch (PalisadeException e) {
            assertTrue(!suffix.matches("0|[1-9][0-9]*"), text);
        }
    }
}
