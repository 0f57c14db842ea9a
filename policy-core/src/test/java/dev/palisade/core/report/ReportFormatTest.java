package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.PalisadeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    @Test
    void parsesEveryLabelInAnyCase() {
        for (ReportFormat format : ReportFormat.values()) {
            assertEquals(format, ReportFormat.parse(format.label()));
            assertEquals(format, ReportFormat.parse(" " + format.name() + " "));
        }
        PalisadeException e = assertThrows(PalisadeException.class, () -> ReportFormat.parse("yaml"));
        assertTrue(e.getMessage().contains("text, json, sarif, junit"), e.getMessage());
    }

    @Property(tries = 300)
    void relativeUrisAreValidAndDecodeBackToThePath(@ForAll String path) {
        String encoded = ArtifactPaths.encodeRelative(path);
        URI uri = URI.create(encoded);
        assertEquals(null, uri.getScheme());
        String wellFormed = new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertEquals(wellFormed, uri.getPath());
    }

    @Test
    void ruleNamesArePascalCase() {
        assertEquals("NoPrivilegedContainers", SarifReportWriter.ruleName("no-privileged-containers"));
        assertEquals("PodSecurityRestrictedV125", SarifReportWriter.ruleName("pod-security/restricted.v1_25"));
    }
}
