package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static String run(boolean terminal, int files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
        for (int i = 0; i < files; i++) {
            progress.file();
        }
        progress.done();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void silentUpToTheThresholdAndOffATerminal() {
        assertEquals("", run(true, 200));
        assertEquals("", run(false, 5000));
    }

    @Test
    void showsProgressPastTheThresholdOnATerminal() {
        String out = run(true, 420);
        assertTrue(out.contains("\rpalisade: read 250 files..."), out);
        assertTrue(out.contains("\rpalisade: read 400 files..."), out);
        assertTrue(out.endsWith("palisade: read 420 files.   \n"), out);
    }
}
