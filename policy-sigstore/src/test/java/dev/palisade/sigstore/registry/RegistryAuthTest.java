package dev.palisade.sigstore.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.ImageReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication against real registries: htpasswd Basic auth and a token service. */
class RegistryAuthTest {

    private static DockerConfig configWith(String host, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return DockerConfig.parse("{\"auths\":{\"http://" + host + "\":{\"auth\":\"" + auth + "\"}}}", "config.json");
    }

    @Nested
    class Htpasswd {
        @TempDir
        Path directory;

        private LocalRegistry start() throws Exception {
            LocalRegistry.assumeInstalled();
            LocalRegistry.assumeHtpasswd();
            Path htpasswd = directory.resolve("htpasswd");
            Process process = new ProcessBuilder("htpasswd", "-Bbn", "alice", "s3cret").redirectErrorStream(false)
                    .start();
            byte[] line = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "htpasswd failed");
            Files.write(htpasswd, line);
            return LocalRegistry.start("  htpasswd:\n    realm: palisade-test\n    path: " + htpasswd + "\n",
                    directory);
        }

        @Test
        void basicCredentialsFromDockerConfigWork() throws Exception {
            try (LocalRegistry registry = start()) {
                RegistryClient client = RegistryClient.create(registry.options()
                        .withCredentials(configWith(registry.host(), "alice", "s3cret")));
                ImageReference ref = ImageReference.parse(registry.host() + "/private/app:1");
                TestImages.Pushed pushed = TestImages.pushImage(client, ref, true);
                assertEquals(pushed.digest(), client.resolve(ref));
            }
        }

        @Test
        void missingAndWrongCredentialsAreReported() throws Exception {
            try (LocalRegistry registry = start()) {
                ImageReference ref = ImageReference.parse(registry.host() + "/private/app:1");
                RegistryException anonymous = assertThrows(RegistryException.class,
                        () -> RegistryClient.create(registry.options()).resolve(ref));
                assertTrue(anonymous.getMessage().contains("requires authentication"), anonymous.getMessage());
                RegistryClient wrong = RegistryClient.create(registry.options()
                        .withCredentials(configWith(registry.host(), "alice", "wrong")));
                RegistryException refused = assertThrows(RegistryException.class, () -> wrong.resolve(ref));
                assertTrue(refused.getMessage().contains("refused the credentials"), refused.getMessage());
                assertEquals(401, refused.status().orElseThrow());
            }
        }
    }

    @Nested
    class Token {
        @TempDir
        Path directory;

        @Test
        void bearerChallengeFlowWithCachedTokens() throws Exception {
            LocalRegistry.assumeInstalled();
            try (TokenServer tokens = new TokenServer("bob", "hunter2");
                    LocalRegistry registry = LocalRegistry.start(tokens.authSection(directory), directory)) {
                RegistryClient client = RegistryClient.create(registry.options()
                        .withCredentials(configWith(registry.host(), "bob", "hunter2")));
                ImageReference ref = ImageReference.parse(registry.host() + "/tokened/app:1");
                TestImages.Pushed pushed = TestImages.pushImage(client, ref, false);
                assertEquals(pushed.digest(), client.resolve(ref));
                int issued = tokens.tokensIssued.get();
                assertTrue(issued >= 1, "a token was issued");
                for (int i = 0; i < 3; i++) {
                    assertEquals(pushed.digest(), client.resolve(ref));
                }
                assertEquals(issued, tokens.tokensIssued.get(), "tokens are reused until they expire");
            }
        }

        @Test
        void expiredTokensAreFetchedAgain() throws Exception {
            LocalRegistry.assumeInstalled();
            try (TokenServer tokens = new TokenServer("bob", "hunter2");
                    LocalRegistry registry = LocalRegistry.start(tokens.authSection(directory), directory)) {
                RegistryClientTest.MutableClock clock = new RegistryClientTest.MutableClock(java.time.Instant.now());
                RegistryClient client = RegistryClient.create(registry.options().withClock(clock)
                        .withCredentials(configWith(registry.host(), "bob", "hunter2")));
                ImageReference ref = ImageReference.parse(registry.host() + "/tokened/app:1");
                TestImages.Pushed pushed = TestImages.pushImage(client, ref, true);
                assertEquals(pushed.digest(), client.resolve(ref));
                int issued = tokens.tokensIssued.get();
                clock.advance(java.time.Duration.ofSeconds(301));
                assertEquals(pushed.digest(), client.resolve(ref));
                assertEquals(issued + 1, tokens.tokensIssued.get(), "the expired token was replaced");
            }
        }

        @Test
        void identityTokensAreExchangedAsRefreshTokens() throws Exception {
            LocalRegistry.assumeInstalled();
            try (TokenServer tokens = new TokenServer("bob", "hunter2");
                    LocalRegistry registry = LocalRegistry.start(tokens.authSection(directory), directory)) {
                DockerConfig config = DockerConfig.parse("{\"auths\":{\"" + registry.host()
                        + "\":{\"identitytoken\":\"" + tokens.refreshToken() + "\"}}}", "config.json");
                RegistryClient client = RegistryClient.create(registry.options().withCredentials(config));
                ImageReference ref = ImageReference.parse(registry.host() + "/oauth/app:1");
                TestImages.Pushed pushed = TestImages.pushImage(client, ref, true);
                assertEquals(pushed.digest(), client.resolve(ref));
                assertTrue(tokens.refreshGrants.get() >= 1, "the refresh-token grant was used");
            }
        }

        @Test
        void tokenServiceRefusingCredentialsIsReported() throws Exception {
            LocalRegistry.assumeInstalled();
            try (TokenServer tokens = new TokenServer("bob", "hunter2");
                    LocalRegistry registry = LocalRegistry.start(tokens.authSection(directory), directory)) {
                ImageReference ref = ImageReference.parse(registry.host() + "/tokened/app:1");
                RegistryClient wrong = RegistryClient.create(registry.options()
                        .withCredentials(configWith(registry.host(), "bob", "nope")));
                RegistryException e = assertThrows(RegistryException.class, () -> wrong.resolve(ref));
                assertTrue(e.getMessage().contains("token service") && e.getMessage().contains("refused"),
                        e.getMessage());
                RegistryException anonymous = assertThrows(RegistryException.class,
                        () -> RegistryClient.create(registry.options()).resolve(ref));
                assertTrue(anonymous.getMessage().contains("requires authentication"), anonymous.getMessage());
                assertEquals(2, tokens.refused.get());
            }
        }

        @Test
        void credentialHelpersAreReportedAsUnsupported() throws Exception {
            LocalRegistry.assumeInstalled();
            try (TokenServer tokens = new TokenServer("bob", "hunter2");
                    LocalRegistry registry = LocalRegistry.start(tokens.authSection(directory), directory)) {
                DockerConfig helpers = DockerConfig.parse("{\"credHelpers\":{\"" + registry.host() + "\":\"ecr-login\"}}",
                        "helpers.json");
                ImageReference ref = ImageReference.parse(registry.host() + "/tokened/app:1");
                RegistryException e = assertThrows(RegistryException.class,
                        () -> RegistryClient.create(registry.options().withCredentials(helpers)).resolve(ref));
                assertTrue(e.getMessage().contains("docker-credential-ecr-login"), e.getMessage());
            }
        }
    }
}
