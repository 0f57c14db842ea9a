package dev.palisade.webhook;

import dev.palisade.core.PalisadeException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The server's certificate and key, from a PKCS#12 key store or from PEM files (a certificate chain
 * and an unencrypted PKCS#8 key, as cert-manager writes them with {@code privateKey.encoding:
 * PKCS8}). The files are read again by {@link #reloadIfChanged()}; when their bytes changed and they
 * load (and the key matches the certificate), new connections use them, while connections already
 * open keep the old ones. A change that does not load keeps the previous certificate. TLS runs on
 * the JDK's provider, TLS 1.3 and 1.2 only.
 */
public final class ServerTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final List<Path> files;
    private final Loader loader;
    private volatile SslContext current;
    private volatile X509Certificate certificate;
    private List<byte[]> loadedBytes;

    private interface Loader {
        Loaded load(List<byte[]> contents) throws GeneralSecurityException, IOException;
    }

    private record Loaded(SslContext context, X509Certificate certificate) {
    }

    private ServerTls(List<Path> files, Loader loader) {
        this.files = List.copyOf(files);
        this.loader = loader;
        List<byte[]> contents = read();
        Loaded loaded = load(contents);
        this.current = loaded.context();
        this.certificate = loaded.certificate();
        this.loadedBytes = contents;
    }

    /**
     * TLS from a PKCS#12 key store holding one private key entry and its chain.
     *
     * @throws PalisadeException naming the file when it cannot be read or holds no usable key
     */
    public static ServerTls keyStore(Path keyStore, char[] password) {
        char[] secret = password.clone();
        return new ServerTls(List.of(keyStore), contents -> {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(contents.get(0)), secret);
            X509Certificate leaf = null;
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate x509) {
                    leaf = x509;
                    break;
                }
            }
            if (leaf == null) {
                throw new GeneralSecurityException("it holds no private key entry with an X.509 certificate");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            return new Loaded(builder(SslContextBuilder.forServer(keys)), leaf);
        });
    }

    /**
     * TLS from PEM files: the certificate chain (leaf first) and its unencrypted PKCS#8 private key
     * ({@code -----BEGIN PRIVATE KEY-----}).
     *
     * @throws PalisadeException naming the files when they cannot be read, do not parse, or do not match
     */
    public static ServerTls pem(Path certificateChain, Path privateKey) {
        return new ServerTls(List.of(certificateChain, privateKey), contents -> {
            List<X509Certificate> chain = certificates(contents.get(0));
            PrivateKey key = privateKey(contents.get(1), chain.get(0).getPublicKey());
            checkPair(key, chain.get(0).getPublicKey());
            return new Loaded(builder(SslContextBuilder.forServer(key, chain)), chain.get(0));
        });
    }

    /** The TLS context for new connections. */
    public SslContext current() {
        return current;
    }

    /** The certificate new connections present. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Reads the files again and switches to them if their bytes changed and they load.
     *
     * @return what happened when something changed (loaded, or why the change was not taken), else empty
     */
    public synchronized Optional<String> reloadIfChanged() {
        List<byte[]> contents;
        try {
            contents = read();
        } catch (PalisadeException e) {
            return Optional.of(e.getMessage() + "; keeping the previous certificate");
        }
        boolean changed = false;
        for (int i = 0; i < contents.size(); i++) {
            changed |= !Arrays.equals(contents.get(i), loadedBytes.get(i));
        }
        if (!changed) {
            return Optional.empty();
        }
        try {
            Loaded loaded = load(contents);
            current = loaded.context();
            certificate = loaded.certificate();
            loadedBytes = contents;
            return Optional.of("loaded the new TLS certificate " + loaded.certificate().getSubjectX500Principal()
                    + " (valid until " + loaded.certificate().getNotAfter().toInstant() + ") from " + files);
        } catch (PalisadeException e) {
            // Remember the bytes so a half-written rotation is reported once, and retried when they change again.
            loadedBytes = contents;
            return Optional.of(e.getMessage() + "; keeping the previous certificate");
        }
    }

    private List<byte[]> read() {
        List<byte[]> contents = new ArrayList<>();
        for (Path file : files) {
            try {
                contents.add(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new PalisadeException("cannot read the TLS file " + file + ": " + e);
            }
        }
        return contents;
    }

    private Loaded load(List<byte[]> contents) {
        try {
            return loader.load(contents);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new PalisadeException("cannot load TLS from " + files + ": " + e.getMessage(), e);
        }
    }

    private static SslContext builder(SslContextBuilder builder) throws SSLException {
        return builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
    }

    private static List<X509Certificate> certificates(byte[] pem) throws GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            chain.add((X509Certificate) c);
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("the certificate file holds no -----BEGIN CERTIFICATE----- block");
        }
        return chain;
    }

    private static PrivateKey privateKey(byte[] pem, PublicKey certified) throws GeneralSecurityException {
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new GeneralSecurityException("the key is in PKCS#1/SEC1 form; give a PKCS#8 key (-----BEGIN"
                    + " PRIVATE KEY-----): set the cert-manager Certificate's spec.privateKey.encoding to PKCS8,"
                    + " or convert it with 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem'");
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new GeneralSecurityException("the key is encrypted; give an unencrypted PKCS#8 key (-----BEGIN"
                    + " PRIVATE KEY-----) from a Secret, or use a PKCS#12 key store with --tls-keystore");
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = from < 0 ? -1 : text.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new GeneralSecurityException("the key file holds no -----BEGIN PRIVATE KEY----- block");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        String algorithm = certified.getAlgorithm();
        return KeyFactory.getInstance(algorithm.equals("EdDSA") ? "Ed25519" : algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** Proves the key belongs to the certificate by signing and verifying a message. */
    private static void checkPair(PrivateKey key, PublicKey certified) throws GeneralSecurityException {
        String algorithm = switch (certified.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new GeneralSecurityException("unsupported key algorithm " + certified.getAlgorithm()
                    + "; use an RSA, ECDSA or Ed25519 key");
        };
        byte[] message = "palisade-webhook key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certified);
        verifier.update(message);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("the private key does not belong to the certificate");
        }
    }
}
