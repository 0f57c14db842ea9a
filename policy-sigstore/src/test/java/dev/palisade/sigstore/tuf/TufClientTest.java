package dev.palisade.sigstore.tuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.tuf.TestTufRepository.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUF client against a repository generated here and served over real HTTP on loopback: root
 * rotation, expiry (freeze), rollback, consistent snapshots, hash-checked metadata and targets; and
 * {@link SigstoreTrust} storing and choosing the refreshed trusted root.
 */
class TufClientTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant LATER = NOW.plus(Duration.ofDays(30));
    private static final byte[] TRUSTED_ROOT = ("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
            + "\"tlogs\":[],\"certificateAuthorities\":[],\"ctlogs\":[],\"timestampAuthorities\":[]}").getBytes(StandardCharsets.UTF_8);

    private final Key root1 = TestTufRepository.ecKey("root-1");
    private final Key root2 = TestTufRepository.edKey("root-2");
    private final Key timestamp1 = TestTufRepository.ecKey("timestamp-1");
    private final Key timestamp2 = TestTufRepository.edKey("timestamp-2");
    private final Key snapshotKey = TestTufRepository.ecKey("snapshot");
    private final Key targetsKey = TestTufRepository.edKey("targets");
    private TestTufRepository repository;
    private byte[] rootV16;

    @TempDir
    Path cache;

    @BeforeEach
    void publish() throws Exception {
        repository = new TestTufRepository();
        rootV16 = TestTufRepository.sign(TestTufRepository.root(16, LATER, Map.of("root", List.of(root1),
                "timestamp", List.of(timestamp1), "snapshot", List.of(snapshotKey), "targets", List.of(targetsKey)), 1),
                List.of(root1));
        repository.files.put("16.root.json", rootV16);
        byte[] rootV17 = TestTufRepository.sign(TestTufRepository.root(17, LATER, Map.of("root", List.of(root2),
                "timestamp", List.of(timestamp2), "snapshot", List.of(snapshotKey), "targets", List.of(targetsKey)), 1),
                List.of(root1, root2));
        repository.files.put("17.root.json", rootV17);
        publishTargets(1, TRUSTED_ROOT, timestamp2, LATER);
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    private void publishTargets(long version, byte[] trustedRoot, Key timestampKey, Instant timestampExpires) {
        byte[] targets = TestTufRepository.sign(TestTufRepository.targets(version, LATER,
                Map.of("trusted_root.json", trustedRoot)), List.of(targetsKey));
        byte[] snapshot = TestTufRepository.sign(TestTufRepository.snapshot(version, LATER, version, targets),
                List.of(snapshotKey));
        byte[] timestamp = TestTufRepository.sign(TestTufRepository.timestamp(version, timestampExpires, version, snapshot),
                List.of(timestampKey));
        repository.files.put(version + ".targets.json", targets);
        repository.files.put(version + ".snapshot.json", snapshot);
        repository.files.put("timestamp.json", timestamp);
        repository.putTarget("trusted_root.json", trustedRoot);
    }

    private TufClient client(Clock clock) {
        return TufClient.builder(repository.uri(), cache, rootV16).clock(clock).timeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void followsTheRootRotationAndReturnsTheHashCheckedTarget() throws Exception {
        TufClient client = client(CLOCK);
        TufClient.Update update = client.update();
        assertEquals(17, update.rootVersion());
        assertEquals(1, update.timestampVersion());
        assertArrayEquals(TRUSTED_ROOT, client.target("trusted_root.json"));
        assertTrue(repository.requests.contains("17.root.json"), repository.requests.toString());
        assertTrue(repository.requests.contains("1.snapshot.json"), "consistent snapshot names: " + repository.requests);
        assertTrue(repository.requests.stream().anyMatch(r -> r.startsWith("targets/") && r.endsWith(".trusted_root.json")
                && !r.equals("targets/trusted_root.json")), repository.requests.toString());
        assertTrue(Files.readString(cache.resolve("root.json")).contains("\"version\":17"));
        repository.requests.clear();
        assertArrayEquals(TRUSTED_ROOT, client.target("trusted_root.json"));
        assertEquals(List.of(), repository.requests, "a stored target that still matches is not fetched again");
    }

    @Test
    void aRotationNotSignedByTheTrustedRootIsRefused() {
        byte[] forged = TestTufRepository.sign(TestTufRepository.root(17, LATER, Map.of("root", List.of(root2),
                "timestamp", List.of(timestamp2), "snapshot", List.of(snapshotKey), "targets", List.of(targetsKey)), 1),
                List.of(root2));
        repository.files.put("17.root.json", forged);
        TufException error = assertThrows(TufException.class, () -> client(CLOCK).update());
        assertTrue(error.getMessage().contains("trusted root version 16"), error.getMessage());
        assertFalse(Files.exists(cache.resolve("root.json")), "nothing is stored from a failed rotation");
    }

    @Test
    void aRootThatSkipsAVersionIsRefused() {
        byte[] skipping = TestTufRepository.sign(TestTufRepository.root(18, LATER, Map.of("root", List.of(root1),
                "timestamp", List.of(timestamp2), "snapshot", List.of(snapshotKey), "targets", List.of(targetsKey)), 1),
                List.of(root1));
        repository.files.put("17.root.json", skipping);
        assertThrows(TufException.class, () -> client(CLOCK).update());
    }

    @Test
    void expiredTimestampMetadataIsRefused() {
        publishTargets(1, TRUSTED_ROOT, timestamp2, NOW.minusSeconds(1));
        TufException error = assertThrows(TufException.class, () -> client(CLOCK).update());
        assertTrue(error.getMessage().contains("expired"), error.getMessage());
    }

    @Test
    void anExpiredRootIsRefusedAfterRotation() {
        TufException error = assertThrows(TufException.class, () -> client(Clock.fixed(LATER.plusSeconds(1), ZoneOffset.UTC))
                .update());
        assertTrue(error.getMessage().contains("root version 17") && error.getMessage().contains("expired"), error.getMessage());
    }

    @Test
    void timestampMetadataSignedWithTheRotatedOutKeyIsRefused() {
        publishTargets(1, TRUSTED_ROOT, timestamp1, LATER);
        assertThrows(TufException.class, () -> client(CLOCK).update());
    }

    @Test
    void aRollbackToAnOlderTimestampIsRefused() {
        TufClient client = client(CLOCK);
        publishTargets(2, TRUSTED_ROOT, timestamp2, LATER);
        client.update();
        publishTargets(1, TRUSTED_ROOT, timestamp2, LATER);
        TufException error = assertThrows(TufException.class, client::update);
        assertTrue(error.getMessage().contains("rollback"), error.getMessage());
    }

    @Test
    void aTamperedTargetIsRefusedAndTheTrustedCopyKept() throws Exception {
        TufClient client = client(CLOCK);
        client.update();
        byte[] good = client.target("trusted_root.json");
        byte[] tampered = new String(TRUSTED_ROOT, StandardCharsets.UTF_8).replace("\"tlogs\"", "\"tlogz\"")
                .getBytes(StandardCharsets.UTF_8);
        repository.files.replaceAll((path, bytes) -> path.endsWith(".trusted_root.json") ? tampered : bytes);
        Files.delete(cache.resolve("targets/trusted_root.json"));
        TufException error = assertThrows(TufException.class, () -> client.target("trusted_root.json"));
        assertTrue(error.getMessage().contains("does not have the length and hashes"), error.getMessage());
        repository.files.replaceAll((path, bytes) -> path.endsWith(".trusted_root.json") ? (new String(TRUSTED_ROOT,
                StandardCharsets.UTF_8) + "   ").getBytes(StandardCharsets.UTF_8) : bytes);
        TufException longer = assertThrows(TufException.class, () -> client.target("trusted_root.json"));
        assertTrue(longer.getMessage().contains("larger than"), longer.getMessage());
        assertFalse(Files.exists(cache.resolve("targets/trusted_root.json")));
        repository.putTarget("trusted_root.json", good);
        assertArrayEquals(good, client.target("trusted_root.json"));
    }

    @Test
    void aSnapshotThatIsNotTheOneTheTimestampSignsIsRefused() {
        byte[] otherTargets = TestTufRepository.sign(TestTufRepository.targets(1, LATER,
                Map.of("other.json", new byte[] {1})), List.of(targetsKey));
        repository.files.put("1.snapshot.json", TestTufRepository.sign(TestTufRepository.snapshot(1, LATER, 1, otherTargets),
                List.of(snapshotKey)));
        TufException error = assertThrows(TufException.class, () -> client(CLOCK).update());
        assertTrue(error.getMessage().contains("snapshot.json"), error.getMessage());
    }

    @Test
    void targetsDelegatedToAnotherRoleAreFoundAndCheckedWithItsKeys() {
        Key teamKey = TestTufRepository.ecKey("team");
        byte[] file = "{\"delegated\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] team = TestTufRepository.sign(TestTufRepository.targets(1, LATER, Map.of("team/file.json", file)),
                List.of(teamKey));
        java.util.Map<String, Object> top = new java.util.TreeMap<>(TestTufRepository.targets(2, LATER, Map.of()));
        top.put("delegations", Map.of("keys", Map.of("team", teamKey.describe()), "roles", List.of(
                Map.of("name", "team", "keyids", List.of("team"), "threshold", 1, "paths", List.of("team/*"),
                        "terminating", true))));
        byte[] targets = TestTufRepository.sign(top, List.of(targetsKey));
        java.util.Map<String, Object> snapshotSigned = new java.util.TreeMap<>(TestTufRepository.snapshot(2, LATER, 2, targets));
        java.util.Map<String, Object> meta = new java.util.TreeMap<>(Map.of("targets.json", Map.of("version", 2), "team.json",
                Map.of("version", 1, "length", team.length, "hashes", Map.of("sha256", TestTufRepository.sha("SHA-256", team)))));
        snapshotSigned.put("meta", meta);
        byte[] snapshot = TestTufRepository.sign(snapshotSigned, List.of(snapshotKey));
        repository.files.put("2.targets.json", targets);
        repository.files.put("1.team.json", team);
        repository.files.put("2.snapshot.json", snapshot);
        repository.files.put("timestamp.json", TestTufRepository.sign(TestTufRepository.timestamp(2, LATER, 2, snapshot),
                List.of(timestamp2)));
        repository.files.put("targets/team/" + TestTufRepository.sha("SHA-256", file) + ".file.json", file);
        TufClient client = client(CLOCK);
        client.update();
        assertArrayEquals(file, client.target("team/file.json"));
        assertThrows(TufException.class, () -> client.target("other/file.json"));
        repository.files.put("1.team.json", TestTufRepository.sign(TestTufRepository.targets(1, LATER,
                Map.of("team/file.json", file)), List.of(targetsKey)));
        java.util.Map<String, Object> resigned = new java.util.TreeMap<>(meta);
        resigned.put("team.json", Map.of("version", 1));
        snapshotSigned.put("meta", resigned);
        snapshotSigned.put("version", 3);
        byte[] snapshot3 = TestTufRepository.sign(snapshotSigned, List.of(snapshotKey));
        repository.files.put("3.snapshot.json", snapshot3);
        repository.files.put("timestamp.json", TestTufRepository.sign(TestTufRepository.timestamp(3, LATER, 3, snapshot3),
                List.of(timestamp2)));
        client.update();
        TufException wrongSigner = assertThrows(TufException.class, () -> client.target("team/file.json"));
        assertTrue(wrongSigner.getMessage().contains("role team"), wrongSigner.getMessage());
    }

    @Test
    void plainHttpIsRefusedExceptOnLoopback() {
        assertThrows(TufException.class, () -> TufClient.builder(java.net.URI.create("http://tuf.example/"), cache, rootV16)
                .build());
    }

    @Test
    void sigstoreTrustStoresTheRefreshedRootAndPrefersItOffline() throws Exception {
        Files.createDirectories(cache);
        Files.write(cache.resolve("root.json"), rootV16);
        TrustSnapshot updated = SigstoreTrust.update(cache, repository.uri(), CLOCK, Duration.ofSeconds(5));
        assertEquals(17, updated.rootVersion());
        assertTrue(updated.trustedRoot().isEmpty());
        TrustSnapshot current = SigstoreTrust.current(cache);
        assertEquals(cache.toString(), current.source());
        assertEquals(NOW, current.obtainedAt());
        assertEquals(17, current.rootVersion());
        Files.writeString(cache.resolve("targets/trusted_root.json"), "{}");
        repository.close();
        TrustSnapshot afterDamage = SigstoreTrust.current(cache);
        assertEquals("bundled", afterDamage.source(), "a cached root that no longer verifies is not used");
    }

    @Test
    void theBundledRootStatesItsAge() {
        TrustSnapshot bundled = SigstoreTrust.bundled();
        assertEquals("bundled", bundled.source());
        String description = bundled.describe(bundled.obtainedAt().plus(Duration.ofDays(100)));
        assertTrue(description.contains("100 days old"), description);
        assertTrue(description.contains("palisade trust update"), description);
        assertFalse(bundled.trustedRoot().tlogs().isEmpty());
    }
}
