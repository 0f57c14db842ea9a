package dev.palisade.sigstore.pin.internal;

import dev.palisade.testing.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Diffs are checked by applying them with GNU patch. */
class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", UnifiedDiff.of("a", "b", "x\ny\n", "x\ny\n"));
    }

    @Test
    void separatesDistantChangesIntoHunks() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("line " + i + "\n");
        }
        String before = String.join("", lines);
        String after = before.replace("line 2\n", "line two\n").replace("line 25\n", "line twenty-five\n");
        String diff = UnifiedDiff.of("a/f", "b/f", before, after);
        assertTrue(diff.contains("@@ -1,5 +1,5 @@\n"), diff);
        assertTrue(diff.contains("@@ -22,7 +22,7 @@\n"), diff);
    }

    @Test
    void marksAMissingFinalNewline() throws Exception {
        assertApplies("a\nb", "a\nc");
        assertTrue(UnifiedDiff.of("a/f", "b/f", "a\nb", "a\nc").contains("\\ No newline at end of file"));
    }

    @Property(tries = 40)
    void patchReproducesTheNewText(@ForAll("texts") List<String> before, @ForAll("texts") List<String> after)
            throws Exception {
        assertApplies(String.join("", before), String.join("", after));
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return Arbitraries.of("alpha\n", "beta\n", "gamma\n", "delta\n", "  image: x\n", "# c\n", "\n")
                .list().ofMaxSize(25);
    }

    private static void assertApplies(String before, String after) throws IOException, InterruptedException {
        Required.tool(Path.of("/usr/bin/patch"));
        Path dir = Files.createTempDirectory("diff");
        try {
            Path file = dir.resolve("f.txt");
            Files.writeString(file, before, StandardCharsets.UTF_8);
            String diff = UnifiedDiff.of("a/f.txt", "b/f.txt", before, after);
            if (diff.isEmpty()) {
                assertEquals(before, after);
                return;
            }
            Process process = new ProcessBuilder("/usr/bin/patch", "-p1", "--quiet", "--force")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().write(diff.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), output + "\n" + diff);
            assertEquals(after, Files.readString(file, StandardCharsets.UTF_8), diff);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
