package dev.palisade.webhook;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.policy.PolicyCatalogue;
import dev.palisade.core.policy.PolicyLoader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.policy.AdmissionPolicyFormat;
import dev.palisade.core.policy.PalisadePolicyFormat;
import dev.palisade.rules.BuiltinCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A validating admission webhook: {@code POST /validate} judges AdmissionReviews with the loaded
 * policies (compiled once at start), {@code GET /healthz} answers {@code ok}. Serves HTTPS with a
 * PKCS#12 key store (as the API server requires) or plain HTTP for local trials.
 *
 * <pre>
 * java -jar palisade-webhook.jar --port 8443 --tls-keystore tls.p12 --policy builtin:default
 * </pre>
 * The key store password is read from the environment variable {@code PALISADE_TLS_PASSWORD}.
 */
public final class WebhookServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private WebhookServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on the address with the policies; {@code tls} may be null for plain HTTP. */
    public static WebhookServer start(InetSocketAddress address, PolicySet policies, EvaluationContext context,
            SSLContext tls) throws IOException {
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(address, 64);
        } else {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/validate", new AdmissionHandler(policies, context));
        server.createContext("/healthz", exchange -> {
            byte[] ok = "ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        server.setExecutor(executor);
        server.start();
        return new WebhookServer(server, executor);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    /** Loads the policies named on the command line, or fails with every load error. */
    static PolicySet load(List<String> references) {
        PolicyLoader loader = PolicyLoader.builder().catalogue(PolicyCatalogue.of(List.of(new BuiltinCatalogue())))
                .format(new PalisadePolicyFormat()).format(new AdmissionPolicyFormat()).build();
        LoadedPolicies loaded = loader.load(references.isEmpty() ? List.of("builtin:default") : references);
        if (!loaded.errors().isEmpty()) {
            StringBuilder message = new StringBuilder("cannot load the policies:");
            loaded.errors().forEach(e -> message.append("\n  ").append(e.display()));
            throw new PalisadeException(message.toString());
        }
        return PolicySet.builder().addAll(loaded.policies()).exemptions(loaded.exemptions()).build();
    }

    static SSLContext tls(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    public static void main(String[] args) throws Exception {
        int port = 8443;
        String bind = "0.0.0.0";
        Path keyStore = null;
        List<String> policies = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--port" -> { port = Integer.parseInt(value); i++; }
                case "--bind" -> { bind = value; i++; }
                case "--tls-keystore" -> { keyStore = Path.of(value); i++; }
                case "--policy" -> { policies.add(value); i++; }
                default -> {
                    System.err.println("usage: palisade-webhook [--port N] [--bind ADDR] [--tls-keystore FILE.p12]"
                            + " [--policy REF]...");
                    System.exit(2);
                }
            }
        }
        SSLContext tls = keyStore == null ? null
                : tls(keyStore, System.getenv().getOrDefault("PALISADE_TLS_PASSWORD", "").toCharArray());
        WebhookServer server = start(new InetSocketAddress(bind, port), load(policies), EvaluationContext.defaults(), tls);
        System.err.println("palisade-webhook: listening on " + bind + ":" + server.port()
                + (tls == null ? " (plain HTTP)" : " (HTTPS)"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
}
