package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook as a process, as the container runs it: flags, key store password from the environment, SIGTERM. */
class MainProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(HTTPS\\)");

    private static ProcessBuilder webhook(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), WebhookServer.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @Test
    void servesUntilTerminated(@TempDir Path directory) throws Exception {
        TestTls tls = TestTls.create(directory, "webhook");
        ProcessBuilder builder = webhook("--bind", "127.0.0.1", "--port", "0", "--tls-keystore",
                tls.keyStore.toString(), "--policy", "builtin:default", "--shutdown-grace", "5s");
        builder.environment().put(Options.PASSWORD_VARIABLE, TestTls.PASSWORD);
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8));
            String line = stderr.readLine();
            assertNotNull(line, "the webhook printed where it listens");
            Matcher listening = LISTENING.matcher(line);
            assertTrue(listening.find(), line);
            int port = Integer.parseInt(listening.group(1));
            Thread.sleep(300); // the process must keep serving after main() returns
            SampleReviews.Sample sample = SampleReviews.sample(6, "admission.k8s.io/v1");
            HttpResponse<String> response = HttpClient.newBuilder().sslContext(tls.client()).build().send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/validate?timeout=5s"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(sample.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertFalse(new ObjectMapper().readTree(response.body()).path("response").path("allowed").asBoolean());
            process.destroy(); // SIGTERM: the shutdown hook drains and the process ends
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the webhook stops on SIGTERM");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void badFlagsExitWith2(@TempDir Path directory) throws Exception {
        Process process = webhook("--plain-http", "--header-timeout", "ten").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("--header-timeout: 'ten' is not a duration"), output);
        assertTrue(output.contains("usage: palisade-webhook"), output);
    }

    @Test
    void policyErrorsExitWith2(@TempDir Path directory) throws Exception {
        Process process = webhook("--plain-http", "--port", "0", "--policy", directory.resolve("missing.yaml")
                .toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("cannot load the policies"), output);
    }
}
