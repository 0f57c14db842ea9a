package dev.palisade.sigstore.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.util.encoders.Base32;
import org.bouncycastle.util.io.pem.PemWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A registry token service for tests: checks HTTP Basic credentials and issues RS256 JWTs in the
 * format distribution's {@code auth: token} accepts (key id in libtrust form, {@code access} claim
 * granting the requested scope). The signing key's self-signed certificate is written for the
 * registry's {@code rootcertbundle}.
 */
final class TokenServer implements AutoCloseable {
    static final String SERVICE = "palisade-test-registry";
    static final String ISSUER = "palisade-test-token-issuer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KeyPair keys;
    private final String keyId;
    private final String username;
    private final String password;
    final AtomicInteger tokensIssued = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger refreshGrants = new AtomicInteger();

    /** The OAuth2 refresh token this server accepts (an {@code identitytoken} in config.json). */
    String refreshToken() {
        return "refresh-" + password;
    }

    TokenServer(String username, String password) throws Exception {
        this.username = username;
        this.password = password;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.keys = generator.generateKeyPair();
        this.keyId = libtrustKeyId(keys.getPublic().getEncoded());
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::issue);
        server.start();
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The registry's {@code auth:} section for this server. */
    String authSection(Path directory) throws Exception {
        Path bundle = directory.resolve("token-ca.pem");
        Files.writeString(bundle, certificatePem());
        return "  token:\n    realm: " + realm() + "\n    service: " + SERVICE + "\n    issuer: " + ISSUER
                + "\n    rootcertbundle: " + bundle + "\n";
    }

    private void issue(HttpExchange exchange) throws IOException {
        try {
            String expected = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            Map<String, String> query;
            if (exchange.getRequestMethod().equals("POST")) {
                query = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                if (!"refresh_token".equals(query.get("grant_type"))
                        || !refreshToken().equals(query.get("refresh_token"))) {
                    refused.incrementAndGet();
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                refreshGrants.incrementAndGet();
            } else {
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    refused.incrementAndGet();
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                query = query(exchange.getRequestURI().getRawQuery());
            }
            String token = jwt(query.getOrDefault("scope", ""));
            tokensIssued.incrementAndGet();
            byte[] body = ("{\"token\":\"" + token + "\",\"expires_in\":300,\"issued_at\":\"" + Instant.now() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        } finally {
            exchange.close();
        }
    }

    private String jwt(String scope) throws Exception {
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256").put("kid", keyId);
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", username).put("aud", SERVICE)
                .put("exp", now + 300).put("nbf", now - 10).put("iat", now).put("jti", UUID.randomUUID().toString());
        ArrayNode access = claims.putArray("access");
        for (String one : scope.split(" ")) {
            String[] parts = one.split(":");
            if (parts.length == 3) {
                ObjectNode entry = access.addObject().put("type", parts[0]).put("name", parts[1]);
                ArrayNode actions = entry.putArray("actions");
                Arrays.stream(parts[2].split(",")).forEach(actions::add);
            }
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(signature.sign());
    }

    private String certificatePem() throws Exception {
        X500Name name = new X500Name("CN=palisade test token signer");
        Instant now = Instant.now();
        X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new JcaMiscPEMGenerator(certificate));
        }
        return out.toString();
    }

    /** libtrust's key id: base32 of the first 30 bytes of sha256(DER SPKI), in groups of four joined by ':'. */
    private static String libtrustKeyId(byte[] spki) throws Exception {
        byte[] hash = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(spki), 30);
        String encoded = Base32.toBase32String(hash).replace("=", "");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < encoded.length(); i += 4) {
            if (i > 0) {
                out.append(':');
            }
            out.append(encoded, i, Math.min(i + 4, encoded.length()));
        }
        return out.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.merge(key, value, (a, b) -> a + " " + b);
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
