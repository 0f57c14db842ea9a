package dev.palisade.sigstore.verify;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared Sigstore conformance fixtures through the {@code palisade.shared} property. */
final class SharedFixtures {
    private SharedFixtures() {
    }

    /**
     * The {@code conformance/sigstore} folder. When it is absent the calling test is skipped, except in CI
     * (environment variable {@code CI} set), where it fails: a green CI run must have run every case.
     */
    static Path sigstoreFolder() {
        String shared = System.getProperty("palisade.shared", "");
        Path folder = shared.isEmpty() ? null : Path.of(shared, "conformance", "sigstore");
        boolean present = folder != null && Files.isRegularFile(folder.resolve("README.md"));
        String message = "shared Sigstore fixtures not found (system property palisade.shared=" + shared + ")";
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError(message + "; CI must run the conformance cases");
        }
        assumeTrue(present, message + "; skipping");
        return folder;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        return new String(read(file), java.nio.charset.StandardCharsets.UTF_8);
    }
}
