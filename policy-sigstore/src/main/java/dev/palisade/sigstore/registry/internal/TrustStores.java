package dev.palisade.sigstore.registry.internal;

import dev.palisade.sigstore.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds an {@link SSLContext} that trusts the CA certificates of a PEM file. */
public final class TrustStores {
    private TrustStores() {
    }

    public static SSLContext fromPem(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new RegistryException(pemFile + " holds no certificate; give a PEM file with the registry's CA"
                        + " certificates");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new RegistryException("cannot read CA certificates from " + pemFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new RegistryException(pemFile + " is not a PEM file of X.509 certificates: " + e.getMessage(), e);
        }
    }
}
