package dev.palisade.sigstore.registry;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real registry for tests: Debian's {@code docker-registry} (distribution 2.8) started on a free
 * loopback port with a temporary storage directory and the given {@code auth} section, stopped by
 * {@link #close()}. Without the binary the calling test is skipped, except under CI (where
 * {@code CI} is set), where it fails.
 */
public final class LocalRegistry implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final Path directory;
    private final int port;
    private final boolean tls;

    private LocalRegistry(Process process, Path directory, int port, boolean tls) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.tls = tls;
    }

    /** Skips (or, under CI, fails) the test when the registry binary is absent. */
    public static void assumeInstalled() {
        assumeTool(BINARY);
    }

    /** Skips (or, under CI, fails) the test when {@code htpasswd} (Debian's apache2-utils) is absent. */
    public static void assumeHtpasswd() {
        assumeTool(Path.of("/usr/bin/htpasswd"));
    }

    private static void assumeTool(Path binary) {
        if (Files.isExecutable(binary)) {
            return;
        }
        String message = binary + " is not installed; run .ci/install-test-tools.sh (apt-get install docker-registry"
                + " apache2-utils) to run the registry tests";
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    /**
     * Starts a registry.
     *
     * @param authSection YAML lines of the {@code auth:} section (indented by two spaces), or "" for anonymous
     * @param directory a temporary directory the registry owns
     */
    public static LocalRegistry start(String authSection, Path directory) throws IOException, InterruptedException {
        return start(authSection, "", directory);
    }

    /**
     * Starts a registry with extra lines in its {@code http:} section (indented by four spaces), such
     * as a {@code tls:} block; with TLS the registry is ready once it accepts connections.
     */
    public static LocalRegistry start(String authSection, String httpExtra, Path directory)
            throws IOException, InterruptedException {
        assumeInstalled();
        int port = freePort();
        Path storage = Files.createDirectories(directory.resolve("storage"));
        String config = "version: 0.1\n"
                + "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + storage + "\n  delete:\n    enabled: true\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: palisade-test-secret\n" + httpExtra
                + (authSection.isEmpty() ? "" : "auth:\n" + authSection);
        Path configFile = directory.resolve("config.yml");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, directory, port, !httpExtra.isEmpty());
        registry.awaitReady();
        return registry;
    }

    /** {@code 127.0.0.1:<port>}, the registry part of references. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** Client options that reach this registry over plain HTTP. */
    public RegistryOptions options() {
        return RegistryOptions.defaults().withInsecureRegistries(Set.of(host()));
    }

    String log() throws IOException {
        return Files.readString(directory.resolve("registry.log"));
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("docker-registry exited with " + process.exitValue() + ":\n" + log());
            }
            if (tls) {
                try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                    if (socket.isConnected()) {
                        return;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(50);
                    continue;
                }
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + host() + "/v2/").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                int status = connection.getResponseCode();
                connection.disconnect();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("docker-registry did not answer on " + host() + " within 20 s:\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory.resolve("storage"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
