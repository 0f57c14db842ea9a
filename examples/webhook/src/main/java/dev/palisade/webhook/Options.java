package dev.palisade.webhook;

import dev.palisade.core.FailurePolicy;
import dev.palisade.core.PalisadeException;
import dev.palisade.sigstore.registry.RegistryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook's command line. Durations take Go's syntax ({@code 10s}, {@code 500ms}, {@code 2m});
 * sizes are bytes, optionally with {@code Ki}, {@code Mi} or {@code Gi}. Each flag may also be
 * written {@code --flag=value}.
 *
 * @param help whether {@code --help} was given
 * @param bind the address to listen on
 * @param port the port to listen on
 * @param keyStore a PKCS#12 key store ({@code --tls-keystore})
 * @param keyStorePassword its password, from {@code PALISADE_TLS_PASSWORD}
 * @param certificate a PEM certificate chain ({@code --tls-cert})
 * @param privateKey its PEM PKCS#8 key ({@code --tls-key})
 * @param plainHttp whether to serve plain HTTP ({@code --plain-http})
 * @param policies the policy references ({@code --policy}); empty means {@code builtin:default}
 * @param settings the limits and timeouts
 * @param pinning the digest-pinning endpoint {@code /mutate} and its registry access
 */
record Options(boolean help, String bind, int port, Optional<Path> keyStore, char[] keyStorePassword,
        Optional<Path> certificate, Optional<Path> privateKey, boolean plainHttp, List<String> policies,
        ServerSettings settings, PinningOptions pinning) {

    /** The environment variable holding the PKCS#12 key store's password. */
    static final String PASSWORD_VARIABLE = "PALISADE_TLS_PASSWORD";

    static final String USAGE = """
            usage: palisade-webhook (--tls-cert FILE --tls-key FILE | --tls-keystore FILE.p12 | --plain-http)
                                    [--policy REF]... [flags]
              --port N                 port to listen on (8443)
              --bind ADDR              address to listen on (0.0.0.0)
              --tls-cert FILE          PEM certificate chain, leaf first; reloaded when it changes
              --tls-key FILE           PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----); reloaded with the chain
              --tls-keystore FILE      PKCS#12 key store, password in $PALISADE_TLS_PASSWORD; reloaded when it changes
              --plain-http             serve plain HTTP (local trials only; the API server requires HTTPS)
              --policy REF             policy file, directory or builtin:NAME, repeatable (builtin:default)
              --failure-policy P       Fail or Ignore: the answer to a review not evaluated in time
                                       (deadline or overload); set it as in the webhook configuration (Fail)
              --handshake-timeout D    TLS handshake (10s)
              --header-timeout D       request head: from the handshake's end, or from its first byte on a kept-alive connection (10s)
              --body-timeout D         request body after its head (10s)
              --idle-timeout D         kept-alive connection between requests (120s)
              --write-timeout D        writing a response (10s)
              --max-body-bytes N       larger bodies get 413 (3584Ki)
              --max-buffered-bytes N   body bytes held over all connections; beyond it 503 (64Mi)
              --max-header-bytes N     larger request heads get 431 (16Ki)
              --max-connections N      further connections are closed on accept (512)
              --io-threads N           event-loop threads for TLS and HTTP (processors)
              --workers N              threads that parse and evaluate reviews (processors, at least 2)
              --max-queued N           reviews waiting for a worker; beyond it answered per the failure policy (1024)
              --default-timeout D      review deadline when the request has no ?timeout= (10s); the server answers
                                       at 80% of the request's timeout
              --max-timeout D          cap on the ?timeout= a request asks for (30s)
              --shutdown-delay D       on SIGTERM keep serving with /readyz failing before closing the port (0s)
              --shutdown-grace D       on SIGTERM wait this long for requests in progress (20s)
              --tls-reload-interval D  how often the TLS files are checked for changes (10s)
            digest pinning (POST /mutate: image tags rewritten to digests with a JSON Patch, CREATE and UPDATE):
              --pin-images             serve /mutate
              --pin-failure-policy P   Fail or Ignore: a tag that cannot be pinned in time (unknown, registry down
                                       or slow) denies the request with the reason (Fail), or leaves the image as
                                       written with a warning (Ignore); set it as in the webhook configuration (Fail)
              --pin-lockfile FILE      digests recorded by 'palisade pin' (palisade.lock): its tags need no lookup,
                                       and images pinned by hand must agree with it
              --pin-timeout D          longest a review spends pinning, within 80% of its timeout (3s)
              --pin-cache-ttl D        how long a resolved tag is remembered (5m)
              --registry-config FILE   Docker config.json with registry credentials (credential helpers are not run)
              --allow-insecure-registry HOST
                                       reach HOST (host:port as in image references) over plain HTTP, or * to let
                                       every registry fall back to it when HTTPS fails (repeatable)
            """;

    /**
     * Parses the arguments; the key store password is taken from the environment.
     *
     * @throws IllegalArgumentException naming the flag when the arguments are not valid
     */
    static Options parse(String[] args, Map<String, String> environment) {
        ServerSettings settings = ServerSettings.defaults();
        String bind = "0.0.0.0";
        int port = 8443;
        Path keyStore = null;
        Path certificate = null;
        Path key = null;
        boolean plain = false;
        boolean help = false;
        List<String> policies = new ArrayList<>();
        boolean pinImages = false;
        FailurePolicy pinFailurePolicy = FailurePolicy.FAIL;
        Path pinLockfile = null;
        Duration pinTimeout = PinningOptions.defaults().timeout();
        Duration pinCacheTtl = PinningOptions.defaults().cacheTtl();
        Path registryConfig = null;
        List<String> insecureRegistries = new ArrayList<>();
        List<String> pinFlags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                help = true;
                continue;
            }
            if (flag.equals("--plain-http")) {
                plain = true;
                continue;
            }
            if (flag.equals("--pin-images")) {
                pinImages = true;
                continue;
            }
            if (PinningOptions.FLAGS.contains(flag)) {
                pinFlags.add(flag);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args[++i];
            }
            try {
                switch (flag) {
                    case "--port" -> port = port(value);
                    case "--bind" -> bind = value;
                    case "--tls-keystore" -> keyStore = Path.of(value);
                    case "--tls-cert" -> certificate = Path.of(value);
                    case "--tls-key" -> key = Path.of(value);
                    case "--policy" -> policies.add(value);
                    case "--failure-policy" -> settings = settings.withFailurePolicy(failurePolicy(value));
                    case "--handshake-timeout" -> settings = settings.withHandshakeTimeout(Durations.parse(value));
                    case "--header-timeout" -> settings = settings.withHeaderTimeout(Durations.parse(value));
                    case "--body-timeout" -> settings = settings.withBodyTimeout(Durations.parse(value));
                    case "--idle-timeout" -> settings = settings.withIdleTimeout(Durations.parse(value));
                    case "--write-timeout" -> settings = settings.withWriteTimeout(Durations.parse(value));
                    case "--max-body-bytes" -> settings = settings.withMaxBodyBytes(Math.toIntExact(bytes(value)));
                    case "--max-buffered-bytes" -> settings = settings.withMaxBufferedBytes(bytes(value));
                    case "--max-header-bytes" -> settings = settings.withMaxHeaderBytes(Math.toIntExact(bytes(value)));
                    case "--max-connections" -> settings = settings.withMaxConnections(Integer.parseInt(value));
                    case "--io-threads" -> settings = settings.withIoThreads(Integer.parseInt(value));
                    case "--workers" -> settings = settings.withWorkers(Integer.parseInt(value));
                    case "--max-queued" -> settings = settings.withMaxQueued(Integer.parseInt(value));
                    case "--default-timeout" -> settings = settings.withDefaultReviewTimeout(Durations.parse(value));
                    case "--max-timeout" -> settings = settings.withMaxReviewTimeout(Durations.parse(value));
                    case "--shutdown-delay" -> settings = settings.withShutdownDelay(Durations.parse(value));
                    case "--shutdown-grace" -> settings = settings.withShutdownGrace(Durations.parse(value));
                    case "--tls-reload-interval" -> settings = settings.withTlsReloadInterval(Durations.parse(value));
                    case "--pin-failure-policy" -> pinFailurePolicy = failurePolicy(value);
                    case "--pin-lockfile" -> pinLockfile = Path.of(value);
                    case "--pin-timeout" -> pinTimeout = Durations.parse(value);
                    case "--pin-cache-ttl" -> pinCacheTtl = Durations.parse(value);
                    case "--registry-config" -> registryConfig = Path.of(value);
                    case "--allow-insecure-registry" -> insecureRegistries.add(insecureRegistry(value));
                    default -> throw new IllegalArgumentException("unknown flag " + flag);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(flag + ": '" + value + "' is not a number in range");
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("unknown flag")) {
                    throw e;
                }
                throw new IllegalArgumentException(flag + ": " + e.getMessage());
            }
        }
        if (!help) {
            int sources = (keyStore != null ? 1 : 0) + (certificate != null || key != null ? 1 : 0) + (plain ? 1 : 0);
            if (sources != 1) {
                throw new IllegalArgumentException("give exactly one of --tls-cert/--tls-key, --tls-keystore and"
                        + " --plain-http");
            }
            if ((certificate == null) != (key == null)) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
        }
        if (!pinImages && !pinFlags.isEmpty()) {
            throw new IllegalArgumentException(pinFlags.get(0) + " applies only with --pin-images");
        }
        PinningOptions pinning = new PinningOptions(pinImages, pinFailurePolicy, Optional.ofNullable(pinLockfile),
                pinTimeout, pinCacheTtl, Optional.ofNullable(registryConfig), Set.copyOf(insecureRegistries));
        char[] password = environment.getOrDefault(PASSWORD_VARIABLE, "").toCharArray();
        return new Options(help, bind, port, Optional.ofNullable(keyStore), password, Optional.ofNullable(certificate),
                Optional.ofNullable(key), plain, List.copyOf(policies), settings, pinning);
    }

    private static String insecureRegistry(String value) {
        try {
            return RegistryOptions.insecureRegistry(value);
        } catch (PalisadeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static int port(String value) {
        int port = Integer.parseInt(value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0..65535, not " + port);
        }
        return port;
    }

    private static FailurePolicy failurePolicy(String value) {
        return switch (value) {
            case "Fail" -> FailurePolicy.FAIL;
            case "Ignore" -> FailurePolicy.IGNORE;
            default -> throw new IllegalArgumentException("'" + value + "' is neither Fail nor Ignore");
        };
    }

    /** Bytes, optionally with a binary suffix: {@code 4096}, {@code 16Ki}, {@code 3584Ki}, {@code 64Mi}. */
    static long bytes(String value) {
        long unit = 1;
        String number = value;
        if (value.endsWith("Ki")) {
            unit = 1024;
        } else if (value.endsWith("Mi")) {
            unit = 1024 * 1024;
        } else if (value.endsWith("Gi")) {
            unit = 1024 * 1024 * 1024;
        }
        if (unit > 1) {
            number = value.substring(0, value.length() - 2);
        }
        long count = Long.parseLong(number);
        if (count < 0) {
            throw new NumberFormatException(value);
        }
        return Math.multiplyExact(count, unit);
    }
}
