package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.PalisadeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates from PKCS#12 and PEM, their errors, and reloading when cert-manager rotates them. */
class ServerTlsTest {
    @TempDir
    static Path directory;
    private static TestTls first;
    private static TestTls second;

    @BeforeAll
    static void certificates() throws Exception {
        first = TestTls.create(directory, "first");
        second = TestTls.create(directory, "second");
    }

    private static String commonName(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /** The subject of the certificate the server presents to a new connection. */
    private static String presented(SSLContext client, int port) throws IOException {
        try (SSLSocket socket = RawHttp.connect(client, port, 10_000)) {
            return commonName((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void loadsAKeyStoreAndPemFiles() {
        assertEquals("CN=first", commonName(ServerTls.keyStore(first.keyStore, TestTls.PASSWORD.toCharArray())
                .certificate()));
        assertEquals("CN=second", commonName(ServerTls.pem(second.certificatePem, second.keyPem).certificate()));
    }

    @Test
    void aWrongKeyStorePasswordIsReported() {
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> ServerTls.keyStore(first.keyStore, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("first.p12"), e.getMessage());
    }

    @Test
    void pkcs1KeysAreRejectedWithTheFix() throws IOException {
        Path key = directory.resolve("rsa.key");
        Files.writeString(key, TestTls.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
        PalisadeException e = assertThrows(PalisadeException.class, () -> ServerTls.pem(first.certificatePem, key));
        assertTrue(e.getMessage().contains("spec.privateKey.encoding to PKCS8"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void aKeyOfAnotherCertificateIsRejected() {
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> ServerTls.pem(first.certificatePem, second.keyPem));
        assertTrue(e.getMessage().contains("the private key does not belong to the certificate"), e.getMessage());
    }

    @Test
    void rotatedFilesAreServedToNewConnections() throws Exception {
        Path certificate = directory.resolve("tls.crt");
        Path key = directory.resolve("tls.key");
        Files.copy(first.certificatePem, certificate, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(first.keyPem, key, StandardCopyOption.REPLACE_EXISTING);
        List<String> log = new CopyOnWriteArrayList<>();
        SSLContext client = TestTls.clientTrusting(first, second);
        try (WebhookServer server = WebhookServer.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .tls(ServerTls.pem(certificate, key))
                .settings(ServerSettings.defaults().withTlsReloadInterval(Duration.ofMillis(100)))
                .route("/validate", new PolicyValidator(WebhookServer.load(List.of()), EvaluationContext.defaults()))
                .log(log::add).start()) {
            assertEquals("CN=first", presented(client, server.port()));

            // Half a rotation (the new key beside the old certificate) is reported and not taken.
            Files.copy(second.keyPem, key, StandardCopyOption.REPLACE_EXISTING);
            awaitLog(log, "does not belong to the certificate");
            assertEquals("CN=first", presented(client, server.port()));

            Files.copy(second.certificatePem, certificate, StandardCopyOption.REPLACE_EXISTING);
            awaitLog(log, "loaded the new TLS certificate CN=second");
            assertEquals("CN=second", presented(client, server.port()));

            // A broken file keeps the certificate in use.
            Files.writeString(certificate, "not a certificate");
            awaitLog(log, "keeping the previous certificate");
            assertEquals("CN=second", presented(client, server.port()));
        }
    }

    @Test
    void unchangedFilesAreNotReloaded() {
        ServerTls tls = ServerTls.pem(first.certificatePem, first.keyPem);
        assertEquals(Optional.empty(), tls.reloadIfChanged());
    }

    private static void awaitLog(List<String> log, String text) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (log.stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with '" + text + "' in " + log);
    }
}
