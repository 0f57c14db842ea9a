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

    /** The {@code conformance/sigstore} folder; skips the calling test when it is absent. */
    static Path sigstoreFolder() {
        String shared = System.getProperty("palisade.shared", "");
        Path folder = shared.isEmpty() ? null : Path.of(shared, "conformance", "sigstore");
        assumeTrue(folder != null && Files.isRegularFile(folder.resolve("README.md")),
                "shared Sigstore fixtures not found (system property palisade.shared=" + shared + "); skipping");
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
