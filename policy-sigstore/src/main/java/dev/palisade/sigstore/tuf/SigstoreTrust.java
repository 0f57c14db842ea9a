package dev.palisade.sigstore.tuf;

import dev.palisade.sigstore.verify.SignatureVerificationException;
import dev.palisade.sigstore.verify.TrustedRoot;
import java.io.IOException;
import java.io.InputStream;

/** The Sigstore public-good trust root that Palisade ships. */
public final class SigstoreTrust {
    private static final String BUNDLED = "/dev/palisade/sigstore/trust/public-good/";

    private SigstoreTrust() {
    }

    /** The bundled public-good trusted root. */
    public static Snapshot bundled() {
        return new Snapshot(TrustedRoot.parse(resource("trusted_root.json"), "bundled public-good trusted_root.json"));
    }

    static byte[] resource(String name) {
        try (InputStream in = SigstoreTrust.class.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new SignatureVerificationException("the bundled " + name + " is missing from the policy-sigstore jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SignatureVerificationException("cannot read the bundled " + name + ": " + e.getMessage(), e);
        }
    }

    /** A trusted root and where it came from. */
    public record Snapshot(TrustedRoot trustedRoot) {
    }
}
