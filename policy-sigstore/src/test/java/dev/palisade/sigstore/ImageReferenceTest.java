package dev.palisade.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @CsvSource({
        "nginx, docker.io/library/nginx, nginx",
        "nginx:1.27, docker.io/library/nginx:1.27, nginx:1.27",
        "index.docker.io/library/nginx:1.27, docker.io/library/nginx:1.27, nginx:1.27",
        "registry-1.docker.io/library/nginx, docker.io/library/nginx, nginx",
        "LOCALHOST:5000/app, localhost:5000/app, localhost:5000/app",
        "[FE80::1]:5000/app, [fe80::1]:5000/app, [fe80::1]:5000/app",
        "docker.io/bitnami/redis:7, docker.io/bitnami/redis:7, bitnami/redis:7",
        "bitnami/redis, docker.io/bitnami/redis, bitnami/redis",
        "docker.io/library/team/app, docker.io/library/team/app, library/team/app",
        "localhost/app, localhost/app, localhost/app",
        "localhost:5000/team/sub/app:v1, localhost:5000/team/sub/app:v1, localhost:5000/team/sub/app:v1",
        "Registry.Example.COM:443/a/b:Tag_1, registry.example.com:443/a/b:Tag_1, registry.example.com:443/a/b:Tag_1",
        "[::1]:5000/app:1, [::1]:5000/app:1, [::1]:5000/app:1",
        "[fe80::1]/app, [fe80::1]/app, [fe80::1]/app",
        "127.0.0.1:5000/a__b/c-d--e.f_g, 127.0.0.1:5000/a__b/c-d--e.f_g, 127.0.0.1:5000/a__b/c-d--e.f_g",
        "ghcr.io/org/app:1.0, ghcr.io/org/app:1.0, ghcr.io/org/app:1.0",
        "localhost:5000, docker.io/library/localhost:5000, localhost:5000",
    })
    void normalisesLikeDocker(String input, String normalized, String familiar) {
        ImageReference ref = ImageReference.parse(input);
        assertEquals(normalized, ref.normalized());
        assertEquals(familiar, ref.familiar());
        assertEquals(ref, ImageReference.parse(ref.familiar()));
    }

    @Test
    void splitsRegistryRepositoryTagAndDigest() {
        ImageReference ref = ImageReference.parse("registry.example:5000/team/app:1.2@sha256:" + HEX);
        assertEquals("registry.example:5000", ref.registry());
        assertEquals("team/app", ref.repository());
        assertEquals(Optional.of("1.2"), ref.tag());
        assertEquals(Optional.of(new Digest("sha256", HEX)), ref.digest());
        assertEquals("sha256:" + HEX, ref.identifier());
        assertTrue(ref.isPinned());
        assertEquals("registry.example:5000/team/app", ref.repositoryReference().normalized());
        assertEquals("registry.example:5000/team/app", ref.name());
    }

    @Test
    void identifierDefaultsToLatest() {
        assertEquals("latest", ImageReference.parse("nginx").identifier());
        assertEquals("1", ImageReference.parse("nginx:1").identifier());
        assertFalse(ImageReference.parse("nginx:1").isPinned());
    }

    @Test
    void withDigestKeepsTag() {
        Digest digest = Digest.sha256("hello");
        ImageReference pinned = ImageReference.parse("nginx:1.27").withDigest(digest);
        assertEquals("nginx:1.27@" + digest, pinned.familiar());
        assertEquals("docker.io/library/nginx:1.27@" + digest, pinned.toString());
    }

    @Test
    void acceptsSha512AndOtherAlgorithms() {
        String sha512 = HEX + HEX;
        assertEquals("sha512", ImageReference.parse("app@sha512:" + sha512).digest().orElseThrow().algorithm());
        assertEquals("multihash+base58", ImageReference.parse("app@multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8")
                .digest().orElseThrow().algorithm());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|empty",
        "Nginx|lower case",
        "Team/app|'Team' in 'docker.io/Team/app' must be lower case",
        "docker.io/Team/app|lower case",
        "app:|1 to 128",
        "app:-x|do not start",
        "app:.x|do not start",
        "app@sha256:abc|64 lower-case hex",
        "app@sha256:" + HEX + "0|64 lower-case hex",
        "app@sha256:" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef" + "|lower-case hex",
        "app@sha512:" + HEX + "|128",
        "app@SHA256:" + HEX + "|algorithm",
        "app@" + HEX + "|no algorithm",
        "app@sha256:|64",
        "a//b|empty path component",
        "/app|empty path component",
        "app/|empty path component",
        "a-/b|ends with a separator",
        "registry.example/a..b|separators",
        "reg_istry.example/app|registry host",
        "registry.example:99999/app|port",
        "registry.example:/app|port",
        "[zz::1]/app|IPv6",
        "[::1/app|IPv6",
        "app name|whitespace",
        "ünicode/app|non-ASCII",
        ":tag|no repository",
        "@sha256:" + HEX + "|no repository",
        "-registry.example/app|registry host",
    })
    void rejectsInvalidReferencesWithAClearMessage(String input, String expectedWords) {
        ImageReferenceException e = assertThrows(ImageReferenceException.class, () -> ImageReference.parse(input));
        assertTrue(e.getMessage().contains(expectedWords), () -> "message '" + e.getMessage() + "' should say '"
                + expectedWords + "'");
    }

    @Test
    void rejectsNamesLongerThan255() {
        String longRepo = "a".repeat(250);
        ImageReferenceException e = assertThrows(ImageReferenceException.class,
                () -> ImageReference.parse("registry.example/" + longRepo));
        assertTrue(e.getMessage().contains("at most 255"), e.getMessage());
        assertEquals(255, ImageReference.parse("r.io/" + "a".repeat(250)).name().length());
    }

    @Test
    void rejectsTagsLongerThan128() {
        assertEquals(128, ImageReference.parse("app:" + "t".repeat(128)).tag().orElseThrow().length());
        assertThrows(ImageReferenceException.class, () -> ImageReference.parse("app:" + "t".repeat(129)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"myhost", "Registry"})
    void constructorRejectsRegistriesThatWouldReadAsNamespaces(String registry) {
        assertThrows(ImageReferenceException.class,
                () -> new ImageReference(registry, "app", Optional.empty(), Optional.empty()));
    }

    @Test
    void constructorNormalisesDockerHub() {
        ImageReference ref = new ImageReference("index.docker.io", "nginx", Optional.empty(), Optional.empty());
        assertEquals(ImageReference.parse("nginx"), ref);
    }
}
