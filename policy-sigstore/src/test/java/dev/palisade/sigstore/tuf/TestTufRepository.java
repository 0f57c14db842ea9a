package dev.palisade.sigstore.tuf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TUF repository generated in the test and served over HTTP on loopback: root, timestamp, snapshot
 * and targets metadata signed with keys made here (ECDSA P-256 and Ed25519), consistent snapshots, and
 * targets stored under their hash. Written from the TUF specification (canonical JSON with sorted keys
 * and no whitespace), independently of the client under test.
 */
final class TestTufRepository implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** A signing key with its TUF key id and description. */
    record Key(String id, KeyPair pair, String keytype, String scheme) {
        Map<String, Object> describe() {
            String value = keytype.equals("ed25519")
                    ? HexFormat.of().formatHex(java.util.Arrays.copyOfRange(pair.getPublic().getEncoded(), 12, 44))
                    : "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            return Map.of("keytype", keytype, "scheme", scheme, "keyval", Map.of("public", value));
        }
    }

    static Key ecKey(String id) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return new Key(id, generator.generateKeyPair(), "ecdsa", "ecdsa-sha2-nistp256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Key edKey(String id) {
        try {
            return new Key(id, KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "ed25519", "ed25519");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private final HttpServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    TestTufRepository() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring(1);
            requests.add(path);
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- metadata

    /**
     * Canonical JSON: sorted keys and no whitespace (Jackson with sorted map entries), and strings with only
     * quote and backslash escaped — so the PEM line breaks Jackson escapes are written raw again.
     */
    static byte[] canonical(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sign(Map<String, Object> signed, List<Key> signers) {
        List<Map<String, Object>> signatures = new ArrayList<>();
        for (Key key : signers) {
            try {
                Signature signature = Signature.getInstance(key.keytype().equals("ed25519") ? "Ed25519" : "SHA256withECDSA");
                signature.initSign(key.pair().getPrivate());
                signature.update(canonical(signed));
                signatures.add(Map.of("keyid", key.id(), "sig", HexFormat.of().formatHex(signature.sign())));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("signatures", signatures);
        document.put("signed", signed);
        try {
            return JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Root metadata: one key list and threshold per role. */
    static Map<String, Object> root(long version, Instant expires, Map<String, List<Key>> roles, int rootThreshold) {
        Map<String, Object> keys = new TreeMap<>();
        Map<String, Object> roleMap = new TreeMap<>();
        roles.forEach((role, roleKeys) -> {
            roleKeys.forEach(k -> keys.put(k.id(), k.describe()));
            roleMap.put(role, Map.of("keyids", roleKeys.stream().map(Key::id).toList(),
                    "threshold", role.equals("root") ? rootThreshold : 1));
        });
        Map<String, Object> signed = new TreeMap<>();
        signed.put("_type", "root");
        signed.put("spec_version", "1.0.31");
        signed.put("version", version);
        signed.put("expires", expires.toString());
        signed.put("consistent_snapshot", true);
        signed.put("keys", keys);
        signed.put("roles", roleMap);
        return signed;
    }

    static Map<String, Object> timestamp(long version, Instant expires, long snapshotVersion, byte[] snapshot) {
        Map<String, Object> meta = new TreeMap<>();
        meta.put("version", snapshotVersion);
        if (snapshot != null) {
            meta.put("length", snapshot.length);
            meta.put("hashes", Map.of("sha256", sha("SHA-256", snapshot)));
        }
        return signed("timestamp", version, expires, Map.of("meta", Map.of("snapshot.json", meta)));
    }

    static Map<String, Object> snapshot(long version, Instant expires, long targetsVersion, byte[] targets) {
        return signed("snapshot", version, expires, Map.of("meta", Map.of("targets.json", Map.of("version", targetsVersion,
                "length", targets.length, "hashes", Map.of("sha256", sha("SHA-256", targets))))));
    }

    static Map<String, Object> targets(long version, Instant expires, Map<String, byte[]> targets) {
        Map<String, Object> entries = new TreeMap<>();
        targets.forEach((name, bytes) -> entries.put(name, Map.of("length", bytes.length,
                "hashes", Map.of("sha256", sha("SHA-256", bytes), "sha512", sha("SHA-512", bytes)))));
        return signed("targets", version, expires, Map.of("targets", entries));
    }

    private static Map<String, Object> signed(String type, long version, Instant expires, Map<String, Object> body) {
        Map<String, Object> signed = new TreeMap<>(body);
        signed.put("_type", type);
        signed.put("spec_version", "1.0.31");
        signed.put("version", version);
        signed.put("expires", expires.toString());
        return signed;
    }

    static String sha(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a target under its consistent-snapshot name. */
    void putTarget(String name, byte[] bytes) {
        files.put("targets/" + sha("SHA-256", bytes) + "." + name, bytes);
        files.put("targets/" + sha("SHA-512", bytes) + "." + name, bytes);
    }
}
