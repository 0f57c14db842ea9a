package dev.palisade.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Exemption;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExemptionWriterTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final ManifestReader READER = ManifestReader.create();

    private static ExemptionWriter.Request request(String name, String kind, String namespace, Optional<String> container,
            LocalDate expires) {
        return new ExemptionWriter.Request(name, "no-privileged-containers", kind, namespace, "gateway", container,
                "packet captures: \"incident\" #4711", "team-payments", expires, Optional.of("f00d"));
    }

    @Test
    void appendsAfterExistingTextWithoutTrailingNewlineAndReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exemptions.yaml");
        String existing = "# reviewed by platform\napiVersion: palisade.dev/v1\nkind: PolicyExemption\n"
                + "metadata: {name: old}\nspec: {policies: [x], reason: r}  # trailing comment";
        Files.writeString(file, existing);
        Exemption written = ExemptionWriter.append(READER, file,
                request("", "Deployment.apps", "payments", Optional.of("netdebug"), TODAY.plusDays(10)), TODAY, 90);
        String text = Files.readString(file);
        assertTrue(text.startsWith(existing + "\n---\n"), text);
        assertEquals("no-privileged-containers-payments-gateway-netdebug", written.name());
        assertEquals("packet captures: \"incident\" #4711", written.reason());
        assertEquals(List.of("netdebug"), written.containers());
        assertEquals("2026-12-17", written.expiresAsWritten());
        assertTrue(written.coversPolicy("no-privileged-containers"));
        List<Exemption> all = ExemptionReader.readPath(READER, file, e -> {
            throw new AssertionError(e.display());
        });
        assertEquals(2, all.size());
    }

    @Test
    void aCommentOnlyFileGetsNoSeparatorAndClusterScopedResourcesHaveNoNamespace(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("e.yaml"), "# only comments\n");
        Exemption written = ExemptionWriter.append(READER, file,
                request("ns-exemption", "Namespace", "", Optional.empty(), TODAY), TODAY, 90);
        assertEquals("# only comments\n# Requested", Files.readString(file).substring(0, 27));
        assertEquals(List.of(), written.match().namespaces());
        assertEquals("ns-exemption", written.name());
    }

    @Test
    void refusesPastAndDistantExpiriesAndDuplicateNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("e.yaml");
        assertTrue(assertThrows(PalisadeException.class, () -> ExemptionWriter.append(READER, file,
                request("a", "Pod", "ns", Optional.empty(), TODAY.minusDays(1)), TODAY, 90)).getMessage()
                .contains("in the past"));
        assertTrue(assertThrows(PalisadeException.class, () -> ExemptionWriter.append(READER, file,
                request("a", "Pod", "ns", Optional.empty(), TODAY.plusDays(31)), TODAY, 30)).getMessage()
                .contains("31 days away, more than the maximum of 30 days"));
        ExemptionWriter.append(READER, file, request("a", "Pod", "ns", Optional.empty(), TODAY.plusDays(30)), TODAY, 30);
        String before = Files.readString(file);
        assertThrows(PalisadeException.class, () -> ExemptionWriter.append(READER, file,
                request("a", "Pod", "ns", Optional.empty(), TODAY), TODAY, 30));
        assertEquals(before, Files.readString(file));
    }

    @Test
    void refusesToAppendToAFileThatDoesNotRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("e.yaml"), "key: [unclosed\n");
        PalisadeException e = assertThrows(PalisadeException.class, () -> ExemptionWriter.append(READER, file,
                request("a", "Pod", "ns", Optional.empty(), TODAY), TODAY, 30));
        assertTrue(e.describe().contains("e.yaml:"), e.describe());
        assertEquals("key: [unclosed\n", Files.readString(file));
    }
}
