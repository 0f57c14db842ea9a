package dev.palisade.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the DevTools protocol (a WebSocket on loopback): open a page,
 * collect every console message, exception and browser log entry, evaluate expressions, emulate print
 * media, take screenshots and print to PDF. Started with a fresh profile and the flags that work in
 * CI containers; {@link #close()} ends the browser and its child processes.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private Chromium(Process process, Path profile, WebSocket socket, Listener listener) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        listener.owner = this;
    }

    /** The browser to use: {@code PALISADE_CHROMIUM}, else the first of the usual names on the PATH. */
    static Optional<Path> find() {
        String configured = System.getenv("PALISADE_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the browser with a fresh profile and connects to it. */
    static Chromium start(Path binary) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("palisade-chromium");
        Path log = profile.resolve("chromium.log");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile.resolve("profile"),
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path portFile = profile.resolve("profile").resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<String> lines = List.of();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("chromium exited with " + process.exitValue() + ": " + Files.readString(log));
                }
                if (Files.exists(portFile)) {
                    lines = Files.readAllLines(portFile);
                    if (lines.size() >= 2) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
            if (lines.size() < 2) {
                throw new IOException("chromium did not open its DevTools port within " + TIMEOUT);
            }
            URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
            Listener listener = new Listener();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(endpoint, listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Chromium(process, profile, socket, listener);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            stop(process);
            throw new IOException("cannot connect to chromium's DevTools: " + e, e);
        }
    }

    /** Opens a page in a new tab and waits until it has loaded. */
    Page open(URI url) throws Exception {
        String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        String session = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        Page page = new Page(session);
        send(session, "Page.enable", Map.of());
        send(session, "Runtime.enable", Map.of());
        send(session, "Log.enable", Map.of());
        send(session, "Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900,
                "deviceScaleFactor", 1, "mobile", false));
        int before = eventCount();
        JsonNode navigated = send(session, "Page.navigate", Map.of("url", url.toString()));
        if (navigated.has("errorText")) {
            throw new IOException("navigation failed: " + navigated.get("errorText").asText());
        }
        waitFor(session, "Page.loadEventFired", before);
        Thread.sleep(300);
        return page;
    }

    /** One tab. */
    final class Page {
        private final String session;

        private Page(String session) {
            this.session = session;
        }

        /**
         * Everything the page said on its console, threw, or the browser logged about it (blocked
         * loads, Content Security Policy violations), as text.
         */
        List<String> consoleProblems() {
            List<String> problems = new ArrayList<>();
            synchronized (events) {
                for (JsonNode event : events) {
                    if (!session.equals(event.path("sessionId").asText())) {
                        continue;
                    }
                    String method = event.path("method").asText();
                    JsonNode params = event.path("params");
                    switch (method) {
                        case "Runtime.consoleAPICalled" -> problems.add("console." + params.path("type").asText() + ": "
                                + params.path("args").toString());
                        case "Runtime.exceptionThrown" -> problems.add("exception: "
                                + params.path("exceptionDetails").toString());
                        case "Log.entryAdded" -> problems.add("log " + params.path("entry").path("level").asText() + ": "
                                + params.path("entry").path("text").asText());
                        default -> {
                        }
                    }
                }
            }
            return problems;
        }

        /** The value of a JavaScript expression evaluated in the page (by DevTools, not by the page). */
        JsonNode evaluate(String expression) throws Exception {
            JsonNode result = send(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("evaluation failed: " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /** Renders the page for {@code screen} or {@code print}. */
        void emulateMedia(String media) throws Exception {
            send(session, "Emulation.setEmulatedMedia", Map.of("media", media));
        }

        /** A PNG of the viewport (1280 by 900), or of the whole page. */
        byte[] screenshot(boolean fullPage) throws Exception {
            ObjectNode params = MAPPER.createObjectNode().put("format", "png");
            if (fullPage) {
                JsonNode size = send(session, "Page.getLayoutMetrics", Map.of()).path("cssContentSize");
                params.put("captureBeyondViewport", true);
                params.putObject("clip").put("x", 0).put("y", 0).put("width", size.path("width").asDouble())
                        .put("height", size.path("height").asDouble()).put("scale", 1);
            }
            return Base64.getDecoder().decode(send(session, "Page.captureScreenshot", params).get("data").asText());
        }

        /** The page printed to PDF (print media, A4). */
        byte[] pdf() throws Exception {
            return Base64.getDecoder().decode(send(session, "Page.printToPDF", Map.of("paperWidth", 8.27,
                    "paperHeight", 11.69, "printBackground", true)).get("data").asText());
        }
    }

    private int eventCount() {
        synchronized (events) {
            return events.size();
        }
    }

    private void waitFor(String session, String method, int from) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (events) {
            while (true) {
                for (int i = from; i < events.size(); i++) {
                    JsonNode event = events.get(i);
                    if (method.equals(event.path("method").asText()) && session.equals(event.path("sessionId").asText())) {
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no " + method + " within " + TIMEOUT);
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private JsonNode send(String session, String method, Object params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", MAPPER.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(MAPPER.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        JsonNode response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new IOException(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = MAPPER.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
        } else {
            synchronized (events) {
                events.add(message);
                events.notifyAll();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.abort();
        } finally {
            stop(process);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Assembles text frames into messages. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                while (owner == null) {
                    Thread.onSpinWait();
                }
                owner.received(text);
            }
            webSocket.request(1);
            return null;
        }
    }
}
