package dev.palisade.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, as a PKCS#12 key store and
 * as PEM files (chain and PKCS#8 key), and a client TLS context that trusts it.
 */
final class TestTls {
    static final String PASSWORD = "changeit";

    final Path keyStore;
    final Path certificatePem;
    final Path keyPem;
    final String commonName;

    private TestTls(Path keyStore, Path certificatePem, Path keyPem, String commonName) {
        this.keyStore = keyStore;
        this.certificatePem = certificatePem;
        this.keyPem = keyPem;
        this.commonName = commonName;
    }

    /** Makes a certificate with the common name in the directory ({@code <name>.p12}, {@code .crt}, {@code .key}). */
    static TestTls create(Path directory, String commonName) throws IOException, GeneralSecurityException,
            InterruptedException {
        Path store = directory.resolve(commonName + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "webhook", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + commonName, "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keys = load(store);
        Certificate certificate = keys.getCertificate("webhook");
        PrivateKey key = (PrivateKey) keys.getKey("webhook", PASSWORD.toCharArray());
        Path crt = directory.resolve(commonName + ".crt");
        Path pem = directory.resolve(commonName + ".key");
        Files.writeString(crt, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(pem, pem("PRIVATE KEY", key.getEncoded()));
        return new TestTls(store, crt, pem, commonName);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static KeyStore load(Path store) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return keys;
    }

    /** The server side, from the PEM files. */
    ServerTls serverPem() {
        return ServerTls.pem(certificatePem, keyPem);
    }

    /** A client context that trusts this certificate (and only it). */
    SSLContext client() throws IOException, GeneralSecurityException {
        return clientTrusting(this);
    }

    /** A client context that trusts these certificates. */
    static SSLContext clientTrusting(TestTls... certificates) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (TestTls tls : certificates) {
            trusted.setCertificateEntry(tls.commonName, load(tls.keyStore).getCertificate("webhook"));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
