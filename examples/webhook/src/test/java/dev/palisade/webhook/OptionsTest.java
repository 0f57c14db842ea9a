package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.FailurePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {
    private static Options parse(String... args) {
        return Options.parse(args, Map.of(Options.PASSWORD_VARIABLE, "s3cret"));
    }

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
    }

    @Test
    void defaultsSuitAnInClusterWebhook() {
        Options options = parse("--tls-cert", "/tls/tls.crt", "--tls-key", "/tls/tls.key");
        assertEquals("0.0.0.0", options.bind());
        assertEquals(8443, options.port());
        assertEquals(Path.of("/tls/tls.crt"), options.certificate().orElseThrow());
        assertEquals(List.of(), options.policies());
        ServerSettings settings = options.settings();
        assertEquals(ServerSettings.defaults(), settings);
        assertEquals(Duration.ofSeconds(10), settings.handshakeTimeout());
        assertEquals(Duration.ofSeconds(10), settings.headerTimeout());
        assertEquals(3 * 1024 * 1024 + 512 * 1024, settings.maxBodyBytes());
        assertEquals(FailurePolicy.FAIL, settings.failurePolicy());
    }

    @Test
    void everyFlagSetsItsSetting() {
        Options options = parse("--port=9443", "--bind", "127.0.0.1", "--tls-keystore", "tls.p12",
                "--policy", "builtin:default", "--policy=policies/", "--failure-policy", "Ignore",
                "--handshake-timeout", "2s", "--header-timeout", "3s", "--body-timeout", "4s", "--idle-timeout", "1m30s",
                "--write-timeout", "6s", "--max-body-bytes", "1Mi", "--max-buffered-bytes", "32Mi",
                "--max-header-bytes", "8Ki", "--max-connections", "64", "--io-threads", "3", "--workers", "5",
                "--max-queued", "10", "--default-timeout", "7s", "--max-timeout", "20s", "--shutdown-delay", "5s",
                "--shutdown-grace", "25s", "--tls-reload-interval", "500ms");
        assertEquals(9443, options.port());
        assertEquals("127.0.0.1", options.bind());
        assertArrayEquals("s3cret".toCharArray(), options.keyStorePassword());
        assertEquals(List.of("builtin:default", "policies/"), options.policies());
        assertEquals(new ServerSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(90), Duration.ofSeconds(6), 1024 * 1024, 32L * 1024 * 1024, 8 * 1024, 64, 3, 5, 10,
                Duration.ofSeconds(7), Duration.ofSeconds(20), FailurePolicy.IGNORE, Duration.ofSeconds(5),
                Duration.ofSeconds(25), Duration.ofMillis(500)), options.settings());
    }

    @Test
    void badFlagsAreNamed() {
        assertTrue(error("--plain-http", "--frobnicate", "1").contains("unknown flag --frobnicate"));
        assertTrue(error("--plain-http", "--header-timeout", "10").contains("--header-timeout: '10' is not a duration"));
        assertTrue(error("--plain-http", "--failure-policy", "fail").contains("neither Fail nor Ignore"));
        assertTrue(error("--plain-http", "--max-body-bytes", "lots").contains("--max-body-bytes: 'lots' is not a number"));
        assertTrue(error("--plain-http", "--max-body-bytes", "8Mi").contains("between 1024 and 7340032"));
        assertTrue(error("--plain-http", "--port").contains("--port needs a value"));
        assertTrue(error("--plain-http", "--port", "70000").contains("0..65535"));
        assertTrue(error("--plain-http", "--workers", "0").contains("at least 1"));
        assertTrue(error().contains("exactly one of"));
        assertTrue(error("--plain-http", "--tls-keystore", "a.p12").contains("exactly one of"));
        assertTrue(error("--tls-cert", "a.crt").contains("--tls-cert and --tls-key go together"));
    }

    @Test
    void pinningFlagsConfigureTheMutatingEndpoint() {
        assertEquals(PinningOptions.defaults(), parse("--plain-http").pinning());
        assertFalse(parse("--plain-http").pinning().enabled(), "/mutate is served only with --pin-images");
        PinningOptions pinning = parse("--plain-http", "--pin-images", "--pin-failure-policy", "Ignore",
                "--pin-lockfile", "/pinning/palisade.lock", "--pin-timeout", "2s", "--pin-cache-ttl", "1m",
                "--registry-config", "/registry/config.json", "--allow-insecure-registry", "LocalHost:5000",
                "--allow-insecure-registry=*").pinning();
        assertEquals(new PinningOptions(true, FailurePolicy.IGNORE, Optional.of(Path.of("/pinning/palisade.lock")),
                Duration.ofSeconds(2), Duration.ofMinutes(1), Optional.of(Path.of("/registry/config.json")),
                Set.of("localhost:5000", "*")), pinning);
    }

    @Test
    void badPinningFlagsAreNamed() {
        assertTrue(error("--plain-http", "--pin-failure-policy", "Fail").contains(
                "--pin-failure-policy applies only with --pin-images"));
        assertTrue(error("--plain-http", "--allow-insecure-registry", "localhost:5000").contains(
                "applies only with --pin-images"));
        assertTrue(error("--plain-http", "--pin-images", "--pin-failure-policy", "ignore").contains(
                "neither Fail nor Ignore"));
        String image = error("--plain-http", "--pin-images", "--allow-insecure-registry", "localhost:5000/app:1");
        assertTrue(image.startsWith("--allow-insecure-registry: ") && image.contains("names an image"), image);
        assertTrue(error("--plain-http", "--pin-images", "--allow-insecure-registry", "http://localhost:5000")
                .contains("without a scheme"));
        assertTrue(error("--plain-http", "--pin-images", "--allow-insecure-registry", "myregistry")
                .contains("would not be read as a registry host"));
    }

    @ParameterizedTest
    @CsvSource({"4096, 4096", "16Ki, 16384", "3584Ki, 3670016", "64Mi, 67108864", "1Gi, 1073741824"})
    void sizes(String text, long bytes) {
        assertEquals(bytes, Options.bytes(text));
    }
}
