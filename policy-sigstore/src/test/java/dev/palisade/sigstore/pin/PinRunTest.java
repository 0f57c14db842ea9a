package dev.palisade.sigstore.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.LocalRegistry;
import dev.palisade.sigstore.registry.RegistryClient;
import dev.palisade.sigstore.registry.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GitOps workflow of 'palisade pin' against a real registry: diff, write, offline, update. */
class PinRunTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void diffThenWriteThenOfflineThenUpdate() throws Exception {
        LocalRegistry.assumeInstalled();
        Path registryDir = Files.createDirectories(directory.resolve("registry"));
        try (LocalRegistry registry = LocalRegistry.start("", registryDir)) {
            RegistryClient client = RegistryClient.create(registry.options());
            ImageReference app = ImageReference.parse(registry.host() + "/team/app:1");
            Digest first = TestImages.pushImage(client, app, true).digest();
            Digest cache = TestImages.pushImage(client, ImageReference.parse(registry.host() + "/lib/cache:7"), false)
                    .digest();

            Path repo = Files.createDirectories(directory.resolve("repo/apps"));
            String manifest = "# app\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n"
                    + "    spec:\n      containers:\n        - name: app\n          image: " + app + "  # the app\n"
                    + "        - name: cache\n          image: \"" + registry.host() + "/lib/cache:7\"\n";
            Path file = repo.resolve("deploy.yaml");
            Files.writeString(file, manifest);
            Files.writeString(repo.resolve("README.md"), "not a manifest");
            Path lock = directory.resolve("repo/palisade.lock");
            PinOptions options = PinOptions.defaults().withLockfile(lock);

            PinSummary dryRun = DigestPinner.run(List.of(directory.resolve("repo")), options, CLOCK, registry.options());
            assertEquals(1, dryRun.files().size());
            assertFalse(dryRun.hasIssues(), () -> dryRun.files().get(0).issues().toString());
            assertTrue(dryRun.diff().contains("+          image: " + app + "@" + first + "  # the app\n"), dryRun.diff());
            assertEquals(manifest, Files.readString(file), "without --write nothing changes on disk");
            assertFalse(Files.exists(lock));
            assertTrue(dryRun.lockfileChanged());

            PinSummary written = DigestPinner.run(List.of(directory.resolve("repo")), options.withWrite(true), CLOCK,
                    registry.options());
            String pinned = manifest.replace(app + "  #", app + "@" + first + "  #")
                    .replace("/lib/cache:7\"", "/lib/cache:7@" + cache + "\"");
            assertEquals(pinned, Files.readString(file));
            assertEquals(written.lockfile(), Lockfile.load(lock));
            assertEquals(first, Lockfile.load(lock).entry(app).orElseThrow().digest());
            assertEquals(CLOCK.instant(), Lockfile.load(lock).entry(app).orElseThrow().resolvedAt());

            Digest second = TestImages.pushImage(client, app, true).digest();
            Path copy = Files.createDirectories(directory.resolve("copy")).resolve("deploy.yaml");
            Files.writeString(copy, manifest);
            PinSummary offline = DigestPinner.run(List.of(copy), options.withOffline(true).withWrite(true), CLOCK,
                    registry.options());
            assertFalse(offline.hasIssues());
            assertEquals(pinned, Files.readString(copy), "offline pinning reproduces the locked digests");
            assertFalse(offline.lockfileChanged());

            PinSummary again = DigestPinner.run(List.of(file), options.withWrite(true), CLOCK, registry.options());
            assertFalse(again.files().get(0).changed(), "pinned images stay as they are");

            PinSummary update = DigestPinner.run(List.of(file), options.withWrite(true).withUpdate(true), CLOCK,
                    registry.options());
            assertFalse(update.hasIssues(), () -> update.files().get(0).issues().toString());
            assertEquals(pinned.replace(first.toString(), second.toString()), Files.readString(file));
            assertEquals(second, Lockfile.load(lock).entry(app).orElseThrow().digest());

            PinSummary stale = DigestPinner.run(List.of(copy), options.withOffline(true), CLOCK, registry.options());
            assertEquals(1, stale.files().get(0).issues().size());
            assertTrue(stale.files().get(0).issues().get(0).message().contains("lockfile records " + second));
        }
    }

    @Test
    void offlineWithoutLockEntriesNamesTheMissingImages() throws Exception {
        Path file = directory.resolve("pod.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                + "  - {name: a, image: nginx:1.27}\n");
        PinSummary summary = DigestPinner.run(List.of(file), PinOptions.defaults().withOffline(true)
                .withLockfile(directory.resolve("palisade.lock")), CLOCK, dev.palisade.sigstore.registry.RegistryOptions
                .defaults());
        assertTrue(summary.hasIssues());
        PinIssue issue = summary.files().get(0).issues().get(0);
        assertTrue(issue.describe().startsWith(file + ":6:22: "), issue.describe());
        assertTrue(issue.message().contains("docker.io/library/nginx:1.27 is not in"), issue.message());
        assertFalse(summary.files().get(0).changed());
    }
}
