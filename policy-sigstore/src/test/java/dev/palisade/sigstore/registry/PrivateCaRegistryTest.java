package dev.palisade.sigstore.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.sigstore.ImageReference;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry serving HTTPS with a certificate from a private CA generated in the test. */
class PrivateCaRegistryTest {
    @TempDir
    Path directory;

    @Test
    void trustsTheConfiguredCaAndNothingElse() throws Exception {
        LocalRegistry.assumeInstalled();
        KeyPair caKeys = ecKeys();
        KeyPair serverKeys = ecKeys();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=palisade test CA");
        X509CertificateHolder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
        X509CertificateHolder server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400)),
                new X500Name("CN=127.0.0.1"), serverKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
        Path caPem = write(directory.resolve("ca.pem"), new JcaMiscPEMGenerator(ca).generate());
        Path certPem = write(directory.resolve("server.pem"), new JcaMiscPEMGenerator(server).generate());
        Path keyPem = write(directory.resolve("server.key"), new PemObject("PRIVATE KEY",
                serverKeys.getPrivate().getEncoded()));
        String tls = "  tls:\n    certificate: " + certPem + "\n    key: " + keyPem + "\n";
        try (LocalRegistry registry = LocalRegistry.start("", tls, directory)) {
            ImageReference ref = ImageReference.parse(registry.host() + "/tls/app:1");
            RegistryClient trusting = RegistryClient.create(RegistryOptions.defaults().withCaCertificates(caPem));
            TestImages.Pushed pushed = TestImages.pushImage(trusting, ref, true);
            assertEquals(pushed.digest(), trusting.resolve(ref));

            RegistryClient jdkTrust = RegistryClient.create(RegistryOptions.defaults().withRetries(1, Duration.ZERO,
                    Duration.ZERO));
            RegistryException e = assertThrows(RegistryException.class, () -> jdkTrust.resolve(ref));
            assertTrue(e.getMessage().contains("SSL") || e.getMessage().contains("certificat"), e.getMessage());
        }
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Path write(Path file, PemObject object) throws Exception {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(object);
        }
        return Files.writeString(file, out.toString());
    }
}
