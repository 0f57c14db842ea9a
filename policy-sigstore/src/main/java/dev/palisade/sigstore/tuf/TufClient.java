package dev.palisade.sigstore.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.sigstore.tuf.internal.Metadata;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A client of a TUF repository (The Update Framework specification 1.0, detailed client workflow):
 * starting from a trusted root, it follows root rotations ({@code N.root.json}, each signed by a threshold
 * of the previous and of its own root keys), refuses expired metadata (freeze attacks) and lower versions
 * than it trusted before (rollback attacks), reads timestamp, snapshot and targets metadata (consistent
 * snapshots: {@code V.snapshot.json}, {@code V.targets.json}, {@code targets/HASH.NAME}; delegated targets
 * searched in order), and returns a target only when its length and hashes are what the targets
 * metadata signs. What it trusts is kept in a local directory, so later updates are checked against it.
 *
 * <p>Plain HTTP is refused except to loopback addresses (tests). Not thread-safe: one update at a time per
 * directory.
 */
public final class TufClient {
    private static final int MAX_ROOT_ROTATIONS = 256;
    private static final long MAX_ROOT_BYTES = 512 * 1024;
    private static final long MAX_TIMESTAMP_BYTES = 64 * 1024;
    private static final long MAX_METADATA_BYTES = 8 * 1024 * 1024;
    private static final int MAX_DELEGATIONS = 32;

    private final URI metadataBase;
    private final URI targetsBase;
    private final Path store;
    private final byte[] initialRoot;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;

    private TufClient(Builder b) {
        this.metadataBase = b.metadataBase;
        this.targetsBase = b.targetsBase;
        this.store = b.store;
        this.initialRoot = b.initialRoot;
        this.clock = b.clock;
        this.timeout = b.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        requireSecure(metadataBase);
        requireSecure(targetsBase);
    }

    /**
     * A builder for the repository whose metadata lives under {@code metadataBase} (targets under
     * {@code metadataBase/targets} unless set), keeping what it trusts in {@code store}.
     *
     * @param metadataBase the URL of the repository's metadata
     * @param store the directory of trusted metadata and targets
     * @return the builder
     * @param initialRoot the root metadata trusted when {@code store} holds none (shipped with the application)
     */
    public static Builder builder(URI metadataBase, Path store, byte[] initialRoot) {
        return new Builder(metadataBase, store, initialRoot);
    }

    /** The outcome of an update: the versions now trusted. */
    public record Update(long rootVersion, long timestampVersion, long snapshotVersion, long targetsVersion,
            Instant timestampExpires) {
    }

    /**
     * Runs the update workflow: root rotations, then timestamp, snapshot and targets metadata. Nothing
     * is stored unless it verified.
     *
     * @return the versions of the trusted metadata after the update
     * @throws TufException when the repository cannot be reached or its metadata cannot be trusted
     */
    public Update update() {
        Instant now = clock.instant();
        Metadata root = trustedRoot();
        Metadata previousRoot = root;
        for (int i = 0; i < MAX_ROOT_ROTATIONS; i++) {
            long next = root.version() + 1;
            Optional<byte[]> bytes = fetch(metadataBase, next + ".root.json", MAX_ROOT_BYTES, true);
            if (bytes.isEmpty()) {
                break;
            }
            Metadata candidate = Metadata.parse(bytes.get(), "root", next + ".root.json");
            requireSigned(candidate, root, "root", "the trusted root version " + root.version());
            requireSigned(candidate, candidate, "root", "its own root keys");
            if (candidate.version() != next) {
                throw new TufException(next + ".root.json has version " + candidate.version() + "; root versions must"
                        + " increase one at a time");
            }
            root = candidate;
            save("root.json", root.raw());
        }
        root.requireUnexpired(now);
        if (rotated(previousRoot, root, "timestamp")) {
            delete("timestamp.json");
        }
        if (rotated(previousRoot, root, "snapshot")) {
            delete("snapshot.json");
        }

        Metadata timestamp = Metadata.parse(fetch(metadataBase, "timestamp.json", MAX_TIMESTAMP_BYTES, false).orElseThrow(),
                "timestamp", "timestamp.json");
        requireSigned(timestamp, root, "timestamp", "the root's timestamp role");
        Optional<Metadata> oldTimestamp = trusted("timestamp.json", "timestamp", root);
        if (oldTimestamp.isPresent()) {
            Metadata old = oldTimestamp.get();
            if (timestamp.version() < old.version()) {
                throw new TufException("timestamp.json version " + timestamp.version() + " is older than the trusted version "
                        + old.version() + " (rollback)");
            }
            if (snapshotVersion(timestamp) < snapshotVersion(old)) {
                throw new TufException("timestamp.json names snapshot version " + snapshotVersion(timestamp)
                        + ", older than the trusted " + snapshotVersion(old) + " (rollback)");
            }
            if (timestamp.version() == old.version()) {
                timestamp = old;
            }
        }
        timestamp.requireUnexpired(now);
        save("timestamp.json", timestamp.raw());

        JsonNode snapshotMeta = timestamp.signed().path("meta").path("snapshot.json");
        long snapshotVersion = snapshotVersion(timestamp);
        Metadata snapshot = Metadata.parse(fetchVerified(metadataBase, consistent(root) ? snapshotVersion + ".snapshot.json"
                : "snapshot.json", snapshotMeta, MAX_METADATA_BYTES), "snapshot", "snapshot.json");
        requireSigned(snapshot, root, "snapshot", "the root's snapshot role");
        if (snapshot.version() != snapshotVersion) {
            throw new TufException("snapshot.json has version " + snapshot.version() + ", but timestamp.json names "
                    + snapshotVersion);
        }
        Optional<Metadata> oldSnapshot = trusted("snapshot.json", "snapshot", root);
        if (oldSnapshot.isPresent()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = oldSnapshot.get().signed().path("meta").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode now2 = snapshot.signed().path("meta").path(entry.getKey());
                if (now2.isMissingNode()) {
                    throw new TufException("snapshot.json no longer lists " + entry.getKey() + " (rollback)");
                }
                if (now2.path("version").asLong() < entry.getValue().path("version").asLong()) {
                    throw new TufException("snapshot.json names " + entry.getKey() + " version " + now2.path("version").asLong()
                            + ", older than the trusted " + entry.getValue().path("version").asLong() + " (rollback)");
                }
            }
        }
        snapshot.requireUnexpired(now);
        save("snapshot.json", snapshot.raw());

        Metadata targets = roleMetadata("targets", snapshot, root, now, targetsRole(root), keys(root), schemes(root));
        return new Update(root.version(), timestamp.version(), snapshot.version(), targets.version(), timestamp.expires());
    }

    /**
     * {@return the bytes of a target, as the trusted targets metadata (or a delegated role) describes it: from the
     * local store when they still match, else from the repository} Call {@link #update()} first.
     *
     * @param name the target's name, such as {@code trusted_root.json}
     * @throws TufException when the target is not listed or its content does not match its length and hashes
     */
    public byte[] target(String name) {
        Metadata root = trustedRoot();
        Metadata snapshot = trusted("snapshot.json", "snapshot", root).orElseThrow(() ->
                new TufException("no trusted snapshot metadata; run an update first"));
        Metadata targets = trusted("targets.json", "targets", root).orElseThrow(() ->
                new TufException("no trusted targets metadata; run an update first"));
        JsonNode entry = find(name, targets, snapshot, root).orElseThrow(() ->
                new TufException("the TUF repository lists no target '" + name + "'"));
        long length = entry.path("length").asLong(-1);
        JsonNode hashes = entry.path("hashes");
        if (length < 0 || !hashes.isObject() || hashes.isEmpty()) {
            throw new TufException("target '" + name + "' has no length or hashes in the targets metadata");
        }
        Path local = store.resolve("targets").resolve(name.replace('/', '_'));
        if (Files.isRegularFile(local)) {
            try {
                byte[] cached = Files.readAllBytes(local);
                if (matches(cached, length, hashes)) {
                    return cached;
                }
            } catch (IOException e) {
                // fetch it again
            }
        }
        String file = name;
        if (consistent(root)) {
            String hash = hashes.has("sha256") ? hashes.path("sha256").asText() : hashes.path("sha512").asText();
            int slash = name.lastIndexOf('/');
            file = name.substring(0, slash + 1) + hash + "." + name.substring(slash + 1);
        }
        byte[] bytes = fetch(targetsBase, file, length, false).orElseThrow();
        if (!matches(bytes, length, hashes)) {
            throw new TufException("target '" + name + "' from " + targetsBase.resolve(file) + " does not have the length"
                    + " and hashes the targets metadata signs; refusing it");
        }
        saveTarget(local, bytes);
        return bytes;
    }

    /** {@return the expiry of the trusted timestamp metadata, when there is one} */
    public Optional<Instant> timestampExpires() {
        return trusted("timestamp.json", "timestamp", trustedRoot()).map(Metadata::expires);
    }

    // ---- metadata

    private Metadata trustedRoot() {
        Path file = store.resolve("root.json");
        byte[] bytes;
        String name;
        if (Files.isRegularFile(file)) {
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new TufException("cannot read " + file + ": " + e.getMessage(), e);
            }
            name = file.toString();
        } else {
            bytes = initialRoot;
            name = "the initial root.json";
        }
        Metadata root = Metadata.parse(bytes, "root", name);
        requireSigned(root, root, "root", "its own root keys");
        return root;
    }

    /** Locally stored metadata that still verifies with the root; empty when absent or no longer valid. */
    private Optional<Metadata> trusted(String file, String type, Metadata root) {
        Path path = store.resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            Metadata metadata = Metadata.parse(Files.readAllBytes(path), type, path.toString());
            if (type.equals("targets")) {
                requireSigned(metadata, root, "targets", "the root's targets role");
            } else {
                requireSigned(metadata, root, type, "the root's " + type + " role");
            }
            return Optional.of(metadata);
        } catch (IOException | TufException e) {
            return Optional.empty();
        }
    }

    private Metadata roleMetadata(String role, Metadata snapshot, Metadata root, Instant now, Metadata.Role keysRole,
            Map<String, PublicKey> keys, Map<String, String> schemes) {
        String file = role + ".json";
        JsonNode meta = snapshot.signed().path("meta").path(file);
        if (!meta.isObject()) {
            throw new TufException("snapshot.json does not list " + file);
        }
        long version = meta.path("version").asLong();
        Metadata metadata = Metadata.parse(fetchVerified(metadataBase, consistent(root) ? version + "." + file : file, meta,
                MAX_METADATA_BYTES), "targets", file);
        metadata.requireSignedBy(keysRole, keys, schemes, role.equals("targets") ? "the root's targets role" : "role " + role);
        if (metadata.version() != version) {
            throw new TufException(file + " has version " + metadata.version() + ", but snapshot.json names " + version);
        }
        metadata.requireUnexpired(now);
        save(file.replace('/', '_'), metadata.raw());
        return metadata;
    }

    /** Pre-order depth-first search of the target through the top-level targets and its delegations. */
    private Optional<JsonNode> find(String name, Metadata targets, Metadata snapshot, Metadata root) {
        Deque<Metadata> pending = new ArrayDeque<>();
        pending.push(targets);
        int visited = 0;
        Instant now = clock.instant();
        while (!pending.isEmpty() && visited++ < MAX_DELEGATIONS) {
            Metadata current = pending.pop();
            JsonNode entry = current.signed().path("targets").path(name);
            if (entry.isObject()) {
                return Optional.of(entry);
            }
            JsonNode delegations = current.signed().path("delegations");
            if (!delegations.isObject()) {
                continue;
            }
            Map<String, String> schemes = new HashMap<>();
            Map<String, PublicKey> keys = Metadata.keys(delegations.path("keys"), schemes, current.name());
            Deque<Metadata> children = new ArrayDeque<>();
            for (JsonNode role : delegations.path("roles")) {
                if (!delegates(role, name)) {
                    continue;
                }
                String roleName = role.path("name").asText("");
                Metadata.Role keysRole = new Metadata.Role(java.util.Set.copyOf(ids(role)), role.path("threshold").asInt(1));
                children.addLast(roleMetadata(roleName, snapshot, root, now, keysRole, keys, schemes));
                if (role.path("terminating").asBoolean(false)) {
                    break;
                }
            }
            for (Iterator<Metadata> it = children.descendingIterator(); it.hasNext();) {
                pending.push(it.next());
            }
        }
        return Optional.empty();
    }

    private static java.util.List<String> ids(JsonNode role) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        role.path("keyids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Whether a delegated role's {@code paths} (shell-style, {@code *} within one path segment) cover the name. */
    static boolean delegates(JsonNode role, String name) {
        for (JsonNode pattern : role.path("paths")) {
            if (glob(pattern.asText(), name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean glob(String pattern, String name) {
        String[] patternParts = pattern.split("/", -1);
        String[] nameParts = name.split("/", -1);
        if (patternParts.length != nameParts.length) {
            return false;
        }
        for (int i = 0; i < patternParts.length; i++) {
            if (!segment(patternParts[i], 0, nameParts[i], 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean segment(String pattern, int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int k = t; k <= text.length(); k++) {
                    if (segment(pattern, p + 1, text, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }

    private static void requireSigned(Metadata metadata, Metadata root, String role, String signer) {
        Map<String, String> schemes = new HashMap<>();
        Map<String, PublicKey> keys = Metadata.keys(root.signed().path("keys"), schemes, root.name());
        metadata.requireSignedBy(Metadata.role(root.signed().path("roles"), role, root.name()), keys, schemes, signer);
    }

    private static Metadata.Role targetsRole(Metadata root) {
        return Metadata.role(root.signed().path("roles"), "targets", root.name());
    }

    private static Map<String, PublicKey> keys(Metadata root) {
        return Metadata.keys(root.signed().path("keys"), new HashMap<>(), root.name());
    }

    private static Map<String, String> schemes(Metadata root) {
        Map<String, String> schemes = new HashMap<>();
        Metadata.keys(root.signed().path("keys"), schemes, root.name());
        return schemes;
    }

    private static boolean rotated(Metadata before, Metadata after, String role) {
        return !Metadata.role(before.signed().path("roles"), role, before.name())
                .equals(Metadata.role(after.signed().path("roles"), role, after.name()));
    }

    private static boolean consistent(Metadata root) {
        return root.signed().path("consistent_snapshot").asBoolean(false);
    }

    private static long snapshotVersion(Metadata timestamp) {
        JsonNode meta = timestamp.signed().path("meta").path("snapshot.json");
        if (!meta.path("version").isIntegralNumber()) {
            throw new TufException("timestamp.json does not name the snapshot version");
        }
        return meta.path("version").asLong();
    }

    // ---- bytes

    private byte[] fetchVerified(URI base, String file, JsonNode meta, long defaultMax) {
        long length = meta.path("length").asLong(-1);
        byte[] bytes = fetch(base, file, length >= 0 ? length : defaultMax, false).orElseThrow();
        if (length >= 0 && bytes.length != length) {
            throw new TufException(file + " has " + bytes.length + " bytes, not the " + length + " its parent metadata signs");
        }
        JsonNode hashes = meta.path("hashes");
        if (hashes.isObject() && !hashes.isEmpty() && !matches(bytes, bytes.length, hashes)) {
            throw new TufException(file + " does not have the hash its parent metadata signs");
        }
        return bytes;
    }

    /** Whether the bytes have the length and every listed hash (of which at least one is supported). */
    static boolean matches(byte[] bytes, long length, JsonNode hashes) {
        if (bytes.length != length) {
            return false;
        }
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = hashes.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> hash = it.next();
            String algorithm = switch (hash.getKey()) {
                case "sha256" -> "SHA-256";
                case "sha512" -> "SHA-512";
                default -> null;
            };
            if (algorithm == null) {
                continue;
            }
            try {
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
                if (!actual.equalsIgnoreCase(hash.getValue().asText())) {
                    return false;
                }
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            checked++;
        }
        return checked > 0;
    }

    /** GETs a file below a base URL, at most {@code maxBytes}; empty on 404/403 when {@code optional}. */
    private Optional<byte[]> fetch(URI base, String file, long maxBytes, boolean optional) {
        URI uri = base.resolve(file);
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new TufException("cannot reach the TUF repository at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TufException("interrupted while fetching " + uri, e);
        }
        try (InputStream in = response.body()) {
            if (optional && (response.statusCode() == 404 || response.statusCode() == 403)) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new TufException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new TufException(uri + " is larger than the " + maxBytes + " bytes it may have");
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new TufException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    private void save(String file, byte[] bytes) {
        saveTarget(store.resolve(file), bytes);
    }

    private static void saveTarget(Path path, byte[] bytes) {
        try {
            Files.createDirectories(path.getParent());
            Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TufException("cannot store " + path + ": " + e.getMessage(), e);
        }
    }

    private void delete(String file) {
        try {
            Files.deleteIfExists(store.resolve(file));
        } catch (IOException e) {
            throw new TufException("cannot delete " + store.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    private static void requireSecure(URI uri) {
        if ("https".equals(uri.getScheme())) {
            return;
        }
        if ("http".equals(uri.getScheme())) {
            try {
                if (uri.getHost() != null && InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                    return;
                }
            } catch (UnknownHostException e) {
                // not loopback
            }
        }
        throw new TufException("TUF repository " + uri + " must be reached over https (plain http only on loopback)");
    }

    /** Configures a {@link TufClient}. */
    public static final class Builder {
        private final URI metadataBase;
        private URI targetsBase;
        private final Path store;
        private final byte[] initialRoot;
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(URI metadataBase, Path store, byte[] initialRoot) {
            this.metadataBase = directory(Objects.requireNonNull(metadataBase, "metadataBase"));
            this.targetsBase = this.metadataBase.resolve("targets/");
            this.store = Objects.requireNonNull(store, "store");
            this.initialRoot = Objects.requireNonNull(initialRoot, "initialRoot").clone();
        }

        private static URI directory(URI uri) {
            return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
        }

        /**
         * Sets where targets are fetched from (default {@code metadataBase/targets/}).
         *
         * @param value where targets are fetched from
         * @return this builder
         */
        public Builder targetsBase(URI value) {
            this.targetsBase = directory(Objects.requireNonNull(value, "targetsBase"));
            return this;
        }

        /**
         * Sets the clock that decides expiry (the update's start time is used throughout).
         *
         * @param value the clock that decides expiry
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Connect and request timeout (default 30 seconds).
         *
         * @param value connect and request timeout
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** {@return the client} */
        public TufClient build() {
            return new TufClient(this);
        }
    }
}
