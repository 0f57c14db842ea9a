package dev.palisade.core.internal;

import com.fasterxml.jackson.core.Version;

/**
 * The oldest Jackson Palisade runs on, checked once when the manifest reader is first used, so that a
 * host whose dependency management picks an older Jackson fails at startup with a message naming the
 * versions instead of a {@link NoSuchMethodError} deep in a read.
 *
 * <p>Palisade is built and tested against a newer Jackson, and runs on 2.15 (what Spring Boot 3.1 and
 * 3.2 manage): it uses {@code StreamReadConstraints} (new in 2.15) for its depth and string limits, and
 * calls the few setters added later ({@code maxDocumentLength}, 2.16) only where they exist.
 * {@code examples/compat-jackson215} runs the library on Jackson 2.15 in every build.
 */
public final class JacksonVersion {
    /** The oldest jackson-core and jackson-databind minor version Palisade runs on. */
    public static final Version MINIMUM = new Version(2, 15, 0, null, "com.fasterxml.jackson.core", "jackson-core");

    private JacksonVersion() {
    }

    /** Checks the Jackson on the class path; throws {@link IllegalStateException} naming both versions when too old. */
    public static void require() {
        require(com.fasterxml.jackson.core.json.PackageVersion.VERSION,
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
    }

    /** Checks the given jackson-core and jackson-databind versions (separate for tests). */
    static void require(Version core, Version databind) {
        if (older(core) || older(databind)) {
            throw new IllegalStateException("Palisade needs Jackson " + MINIMUM.getMajorVersion() + "."
                    + MINIMUM.getMinorVersion() + " or newer, but the class path has jackson-core " + core
                    + " and jackson-databind " + databind
                    + "; manage com.fasterxml.jackson:jackson-bom at 2.15.0 or later");
        }
    }

    private static boolean older(Version version) {
        return version.getMajorVersion() == MINIMUM.getMajorVersion()
                && version.getMinorVersion() < MINIMUM.getMinorVersion()
                || version.getMajorVersion() < MINIMUM.getMajorVersion();
    }
}
