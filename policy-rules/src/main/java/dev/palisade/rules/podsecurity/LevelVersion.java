package dev.palisade.rules.podsecurity;

import dev.palisade.core.PalisadeException;
import java.util.Objects;

/**
 * A level at a policy version, printed as Kubernetes prints it ({@code restricted:latest}).
 *
 * @param level the level
 * @param version the version, as written
 */
public record LevelVersion(Level level, PodSecurityVersion version) {

    /** {@code privileged:latest}, Kubernetes' default for every mode. */
    public static final LevelVersion PRIVILEGED_LATEST = new LevelVersion(Level.PRIVILEGED, PodSecurityVersion.LATEST);

    /**
     * Checks that the components are present, validates the values.
     *
     * @param level the level
     * @param version the version, as written
     */
    public LevelVersion {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Parses {@code level:version} ({@code baseline:v1.25}, {@code restricted:latest}).
     *
     * @param text {@code level:version}
     * @return the level and version
     */
    public static LevelVersion parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new PalisadeException("invalid Pod Security policy '" + text
                    + "': write <level>:<version>, for example restricted:latest or baseline:v1.25");
        }
        return new LevelVersion(Level.parse(text.substring(0, colon)),
                PodSecurityVersion.parse(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return level.label() + ":" + version.text();
    }
}
