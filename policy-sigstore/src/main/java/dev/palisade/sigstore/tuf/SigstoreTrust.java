package dev.palisade.sigstore.tuf;

import dev.palisade.sigstore.tuf.internal.Metadata;
import dev.palisade.sigstore.verify.SignatureVerificationException;
import dev.palisade.sigstore.verify.TrustedRoot;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Sigstore public-good trust root: the copy shipped in the policy-sigstore jar with its TUF metadata
 * (root, timestamp, snapshot and targets of the Sigstore TUF repository, verified against each other when
 * loaded), and its refresh through TUF into a cache directory.
 *
 * <p>{@link #current(Path)} is what verification uses offline: the refreshed copy in the cache when it
 * still verifies against the TUF metadata stored with it and is newer than the bundled one, else the
 * bundled one. {@link #update(Path, URI, Clock, Duration)} runs the TUF client workflow against the
 * repository and stores the result.
 */
public final class SigstoreTrust {
    /** The Sigstore public-good TUF repository. */
    public static final URI PUBLIC_GOOD = URI.create("https://tuf-repo-cdn.sigstore.dev/");
    /** The name of the trusted-root target in the Sigstore TUF repository. */
    public static final String TRUSTED_ROOT_TARGET = "trusted_root.json";
    private static final String BUNDLED = "/dev/palisade/sigstore/trust/public-good/";
    private static final String UPDATED_AT = "updated-at";

    private SigstoreTrust() {
    }

    /**
     * {@return the bundled public-good trusted root, after checking the bundled TUF metadata: the root signs
     * itself, the timestamp, snapshot and targets metadata are signed by their roles' keys and name each
     * other's versions (and hashes, where given), and {@code trusted_root.json} has the length and hashes
     * the targets metadata signs} Expiry is not checked (it is a snapshot; see {@link TrustSnapshot#describe}).
     *
     * @throws TufException when the bundled files do not verify (a damaged jar)
     */
    public static TrustSnapshot bundled() {
        Metadata root = Metadata.parse(resource("root.json"), "root", "bundled root.json");
        Map<String, String> schemes = new HashMap<>();
        Map<String, PublicKey> keys = Metadata.keys(root.signed().path("keys"), schemes, root.name());
        root.requireSignedBy(Metadata.role(root.signed().path("roles"), "root", root.name()), keys, schemes, "its own root keys");
        Metadata timestamp = Metadata.parse(resource("timestamp.json"), "timestamp", "bundled timestamp.json");
        timestamp.requireSignedBy(Metadata.role(root.signed().path("roles"), "timestamp", root.name()), keys, schemes,
                "the root's timestamp role");
        byte[] snapshotBytes = resource("snapshot.json");
        Metadata snapshot = Metadata.parse(snapshotBytes, "snapshot", "bundled snapshot.json");
        snapshot.requireSignedBy(Metadata.role(root.signed().path("roles"), "snapshot", root.name()), keys, schemes,
                "the root's snapshot role");
        requireListed(timestamp, "snapshot.json", snapshot, snapshotBytes);
        byte[] targetsBytes = resource("targets.json");
        Metadata targets = Metadata.parse(targetsBytes, "targets", "bundled targets.json");
        targets.requireSignedBy(Metadata.role(root.signed().path("roles"), "targets", root.name()), keys, schemes,
                "the root's targets role");
        requireListed(snapshot, "targets.json", targets, targetsBytes);
        byte[] trustedRoot = resource(TRUSTED_ROOT_TARGET);
        var entry = targets.signed().path("targets").path(TRUSTED_ROOT_TARGET);
        if (!TufClient.matches(trustedRoot, entry.path("length").asLong(-1), entry.path("hashes"))) {
            throw new TufException("the bundled trusted_root.json is not the one the bundled targets.json signs");
        }
        return new TrustSnapshot(TrustedRoot.parse(trustedRoot, "bundled public-good trusted_root.json"), "bundled",
                publishedAt(), root.version(), Optional.of(timestamp.expires()));
    }

    private static void requireListed(Metadata parent, String file, Metadata child, byte[] bytes) {
        var meta = parent.signed().path("meta").path(file);
        if (meta.path("version").asLong() != child.version()) {
            throw new TufException("bundled " + parent.type() + " names " + file + " version " + meta.path("version").asLong()
                    + ", but the bundled one is version " + child.version());
        }
        if (meta.has("hashes") && !TufClient.matches(bytes, meta.path("length").asLong(bytes.length), meta.path("hashes"))) {
            throw new TufException("bundled " + file + " does not have the hash the bundled " + parent.type() + " signs");
        }
    }

    /**
     * {@return the trusted root to verify with, without network: the copy in {@code cacheDir} refreshed by
     * {@link #update}, when it still verifies against the TUF metadata stored with it and is newer than the
     * bundled one; else the bundled one}
     *
     * @param cacheDir the cache directory of {@link #update}
     */
    public static TrustSnapshot current(Path cacheDir) {
        TrustSnapshot bundled = bundled();
        Optional<TrustSnapshot> cached = cached(cacheDir);
        return cached.filter(c -> c.rootVersion() >= bundled.rootVersion() && c.obtainedAt().isAfter(bundled.obtainedAt()))
                .orElse(bundled);
    }

    private static Optional<TrustSnapshot> cached(Path cacheDir) {
        Path updatedAt = cacheDir.resolve(UPDATED_AT);
        if (!Files.isRegularFile(updatedAt) || !Files.isRegularFile(cacheDir.resolve("root.json"))) {
            return Optional.empty();
        }
        try {
            Instant fetched = Instant.parse(Files.readString(updatedAt, StandardCharsets.UTF_8).strip());
            TufClient client = TufClient.builder(PUBLIC_GOOD, cacheDir, resource("root.json")).build();
            byte[] bytes = client.target(TRUSTED_ROOT_TARGET);
            Metadata root = Metadata.parse(Files.readAllBytes(cacheDir.resolve("root.json")), "root", "cached root.json");
            return Optional.of(new TrustSnapshot(TrustedRoot.parse(bytes, cacheDir.resolve("targets").resolve(TRUSTED_ROOT_TARGET)
                    .toString()), cacheDir.toString(), fetched, root.version(), client.timestampExpires()));
        } catch (IOException | DateTimeParseException | TufException | SignatureVerificationException e) {
            return Optional.empty();
        }
    }

    /**
     * Refreshes the trusted root through TUF: follows root rotations from the newest root trusted in
     * {@code cacheDir} (the bundled root the first time), checks expiry and rollback, fetches the
     * {@code trusted_root.json} target and stores everything in {@code cacheDir}.
     *
     * @param cacheDir the cache directory
     * @param clock the clock of expiry checks
     * @param timeout the time limit of each request
     * @return the refreshed trusted root
     * @param repository the TUF repository ({@link #PUBLIC_GOOD}, or a mirror)
     * @throws TufException when the repository cannot be reached or its metadata cannot be trusted; the
     *     cache keeps what it trusted before
     */
    public static TrustSnapshot update(Path cacheDir, URI repository, Clock clock, Duration timeout) {
        TufClient client = TufClient.builder(repository, cacheDir, resource("root.json")).clock(clock).timeout(timeout).build();
        TufClient.Update update = client.update();
        byte[] bytes = client.target(TRUSTED_ROOT_TARGET);
        TrustedRoot root = TrustedRoot.parse(bytes, repository.resolve("targets/" + TRUSTED_ROOT_TARGET).toString());
        Instant now = clock.instant();
        try {
            Files.writeString(cacheDir.resolve(UPDATED_AT), now + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TufException("cannot write " + cacheDir.resolve(UPDATED_AT) + ": " + e.getMessage(), e);
        }
        return new TrustSnapshot(root, cacheDir.toString(), now, update.rootVersion(), Optional.of(update.timestampExpires()));
    }

    /**
     * {@return the default cache directory: {@code $PALISADE_CACHE_DIR/sigstore-tuf}, else
     * {@code $XDG_CACHE_HOME/palisade/sigstore-tuf}, else {@code ~/.cache/palisade/sigstore-tuf}}
     */
    public static Path defaultCacheDir() {
        String palisade = System.getenv("PALISADE_CACHE_DIR");
        if (palisade != null && !palisade.isBlank()) {
            return Path.of(palisade, "sigstore-tuf");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "palisade", "sigstore-tuf");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "palisade", "sigstore-tuf");
    }

    /** When the bundled TUF snapshot was published (its commit in the root-signing repository). */
    static Instant publishedAt() {
        Properties origin = new Properties();
        try (InputStream in = SigstoreTrust.class.getResourceAsStream(BUNDLED + "origin.properties")) {
            if (in == null) {
                throw new TufException("the bundled origin.properties is missing from the policy-sigstore jar");
            }
            origin.load(in);
            return Instant.parse(origin.getProperty("published"));
        } catch (IOException | DateTimeParseException | NullPointerException e) {
            throw new TufException("cannot read the bundled origin.properties: " + e.getMessage(), e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = SigstoreTrust.class.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new TufException("the bundled " + name + " is missing from the policy-sigstore jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new TufException("cannot read the bundled " + name + ": " + e.getMessage(), e);
        }
    }
}
