package dev.palisade.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.ChartOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * After Helm has rendered, the JVM still stops on SIGTERM and runs its shutdown hooks: Go's runtime,
 * which Helm's rendering asks to take SIGINT and SIGTERM, must not keep them (a CLI could not be
 * stopped, a CI job could not be cancelled). Runs a real child JVM and signals it.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows has no POSIX signals")
class SignalHandlingTest {

    /** The child: renders a chart, says so, then waits to be stopped. */
    public static final class RenderThenWait {
        public static void main(String[] args) throws Exception {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
            new HelmChartRenderer().render(Path.of(args[0]), ChartOptions.defaults());
            new HelmChartRenderer().render(Path.of(args[0]), ChartOptions.defaults());
            System.out.println("rendered");
            System.out.flush();
            Thread.sleep(120_000);
            System.out.println("not stopped");
        }
    }

    @Test
    void sigtermStillStopsTheJvmAfterRendering() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                RenderThenWait.class.getName(), HelmChartRendererTest.CHARTS.resolve("web").toString()))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals("rendered")) {
                seen.append(line).append('\n');
            }
            assertEquals("rendered", line, "the child did not render: " + seen);
            child.toHandle().destroy(); // SIGTERM, leaving the output stream open
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "SIGTERM did not stop the JVM after Helm rendered");
            assertEquals(143, child.exitValue(), "128 + SIGTERM: the JVM's own handler took the signal");
            assertEquals("shutdown hook ran", out.readLine());
        } finally {
            child.destroyForcibly();
        }
    }
}
