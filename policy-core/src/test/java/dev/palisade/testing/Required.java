package dev.palisade.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the repository: the shared conformance corpora
 * ({@code -Dpalisade.shared}, set by the parent pom to {@code ../shared}) and real tools. Where it is
 * missing the test is skipped on a developer's machine and fails under CI ({@code CI} set), so a CI
 * run can never pass without running the conformance suites. Shared by the modules' tests through
 * policy-core's test jar.
 */
public final class Required {
    private Required() {
    }

    /**
     * The directory {@code relative} under the shared folder (for example
     * {@code conformance/gatekeeper-library/library}).
     */
    public static Path shared(String relative) {
        String shared = System.getProperty("palisade.shared", "");
        Path path = shared.isEmpty() ? null : Path.of(shared, relative);
        require(path != null && Files.exists(path), "shared conformance data not found: "
                + (shared.isEmpty() ? "-Dpalisade.shared is not set" : path) + " (the parent pom sets it to ../shared)");
        return path;
    }

    /** Skips (or, under CI, fails) the calling test unless {@code present}. */
    public static void require(boolean present, String message) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail(message + " (CI is set: this test must run; .ci/install-test-tools.sh installs the tools)");
        }
        Assumptions.abort(message);
    }

    /** Skips (or, under CI, fails) the calling test unless {@code binary} is an executable file. */
    public static void tool(Path binary) {
        require(Files.isExecutable(binary), binary + " is not installed; run .ci/install-test-tools.sh");
    }
}
