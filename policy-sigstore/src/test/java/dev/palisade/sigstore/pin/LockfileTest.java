package dev.palisade.sigstore.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfileTest {
    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");

    private static Lockfile sample() {
        return Lockfile.empty()
                .with(ImageReference.parse("redis"), new LockEntry(Digest.sha256("redis"), AT))
                .with(ImageReference.parse("nginx:1.27"), new LockEntry(Digest.sha256("nginx"), AT))
                .with(ImageReference.parse("ghcr.io/a/b:1"), new LockEntry(Digest.sha256("b"), AT));
    }

    @Test
    void keysAreNormalisedTagsSortedInTheFile() {
        Lockfile lock = sample();
        assertEquals(List.of("docker.io/library/nginx:1.27", "docker.io/library/redis:latest", "ghcr.io/a/b:1"),
                List.copyOf(lock.entries().keySet()));
        assertEquals(Digest.sha256("nginx"), lock.entry(ImageReference.parse("index.docker.io/library/nginx:1.27@"
                + Digest.sha256("x"))).orElseThrow().digest());
        String yaml = lock.toYaml();
        assertTrue(yaml.indexOf("nginx") < yaml.indexOf("redis") && yaml.indexOf("redis") < yaml.indexOf("ghcr"));
    }

    @Test
    void roundTripsAsYamlAndJson(@TempDir Path dir) {
        Lockfile lock = sample();
        assertEquals(lock, Lockfile.parse(lock.toYaml(), "palisade.lock"));
        assertEquals(lock, Lockfile.parse(lock.toJson(), "palisade.lock.json"));
        lock.save(dir.resolve("palisade.lock"));
        lock.save(dir.resolve("palisade.lock.json"));
        assertEquals(lock, Lockfile.load(dir.resolve("palisade.lock")));
        assertEquals(lock, Lockfile.load(dir.resolve("palisade.lock.json")));
        assertEquals(Lockfile.empty(), Lockfile.load(dir.resolve("absent.lock")));
        assertEquals(Lockfile.empty(), Lockfile.parse(Lockfile.empty().toYaml(), "e"));
        assertEquals(Lockfile.empty(), Lockfile.parse(Lockfile.empty().toJson(), "e"));
    }

    @Test
    void malformedLockfilesAreClearErrors() {
        PinException notLock = assertThrows(PinException.class, () -> Lockfile.parse("images: [1]", "x.lock"));
        assertTrue(notLock.getMessage().contains("not a Palisade lockfile"), notLock.getMessage());
        PinException version = assertThrows(PinException.class, () -> Lockfile.parse("version: 9\nimages: {}", "x.lock"));
        assertTrue(version.getMessage().contains("version 9"), version.getMessage());
        PinException digest = assertThrows(PinException.class, () -> Lockfile.parse(
                "version: 1\nimages:\n  nginx:1.27: {digest: 'sha256:abc', resolvedAt: '2026-01-01T00:00:00Z'}",
                "x.lock"));
        assertTrue(digest.getMessage().contains("nginx:1.27") && digest.getMessage().contains("64"),
                digest.getMessage());
    }

    @Test
    void offlineResolverRefusesUnknownImagesAndUpdateNeedsARegistry() {
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        LockfileResolver offline = new LockfileResolver(sample(), "palisade.lock", Optional.empty(), false, clock);
        assertEquals(Digest.sha256("redis"), offline.resolve(ImageReference.parse("redis:latest")));
        PinException e = assertThrows(PinException.class, () -> offline.resolve(ImageReference.parse("redis:7")));
        assertTrue(e.getMessage().contains("docker.io/library/redis:7 is not in palisade.lock"), e.getMessage());
        assertThrows(PinException.class, () -> new LockfileResolver(sample(), "palisade.lock", Optional.empty(), true,
                clock));
    }

    @Test
    void onlineResolverRecordsNewAndRefreshedEntries() {
        Clock clock = Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC);
        Digest fresh = Digest.sha256("nginx 2");
        LockfileResolver update = new LockfileResolver(sample(), "palisade.lock",
                Optional.of(r -> r.tag().orElseThrow().equals("1.27") ? fresh : Digest.sha256(r.normalized())), true,
                clock);
        assertEquals(fresh, update.resolve(ImageReference.parse("nginx:1.27")));
        assertEquals(new LockEntry(fresh, AT.plusSeconds(60)), update.lockfile().entry(ImageReference.parse("nginx:1.27"))
                .orElseThrow());
        update.resolve(ImageReference.parse("busybox:1"));
        assertEquals(4, update.lockfile().entries().size());
    }

    @Test
    void savedLockfilesAreStableText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("palisade.lock");
        sample().save(file);
        String first = Files.readString(file);
        Lockfile.load(file).save(file);
        assertEquals(first, Files.readString(file));
    }
}
