package dev.palisade.sigstore.pin;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code palisade pin} runs.
 *
 * @param write rewrite the files and save the lockfile (otherwise only report a diff)
 * @param lockfile the lockfile ({@code palisade.lock})
 * @param update resolve every tag again with its registry, refreshing the lockfile's entries
 * @param offline never contact a registry: every tag must be in the lockfile
 * @param registryConfig a Docker {@code config.json} with registry credentials
 * @param allowInsecure let registries that do not speak TLS be reached over plain HTTP
 */
public record PinOptions(boolean write, Path lockfile, boolean update, boolean offline, Optional<Path> registryConfig,
        boolean allowInsecure) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param write rewrite the files and save the lockfile (otherwise only report a diff)
     * @param lockfile the lockfile ({@code palisade.lock})
     * @param update resolve every tag again with its registry, refreshing the lockfile's entries
     * @param offline never contact a registry: every tag must be in the lockfile
     * @param registryConfig a Docker {@code config.json} with registry credentials
     * @param allowInsecure let registries that do not speak TLS be reached over plain HTTP
     */
    public PinOptions {
        Objects.requireNonNull(lockfile, "lockfile");
        Objects.requireNonNull(registryConfig, "registryConfig");
        if (update && offline) {
            throw new PinException("--update needs registry access and cannot be combined with --offline");
        }
    }

    /**
     * Report only, {@code palisade.lock} in the working directory, registry lookups for new tags.
     *
     * @return the default options
     */
    public static PinOptions defaults() {
        return new PinOptions(false, Path.of("palisade.lock"), false, false, Optional.empty(), false);
    }

    /**
     * {@return these options, writing changed files and the lockfile ({@code --write}) or not}
     *
     * @param newWrite whether to write
     */
    public PinOptions withWrite(boolean newWrite) {
        return new PinOptions(newWrite, lockfile, update, offline, registryConfig, allowInsecure);
    }

    /**
     * {@return these options with another lockfile}
     *
     * @param newLockfile the lockfile
     */
    public PinOptions withLockfile(Path newLockfile) {
        return new PinOptions(write, newLockfile, update, offline, registryConfig, allowInsecure);
    }

    /**
     * {@return these options, resolving every tag again ({@code --update}) or not}
     *
     * @param newUpdate whether to resolve every tag again
     */
    public PinOptions withUpdate(boolean newUpdate) {
        return new PinOptions(write, lockfile, newUpdate, offline, registryConfig, allowInsecure);
    }

    /**
     * {@return these options, never contacting registries ({@code --offline}) or not}
     *
     * @param newOffline whether to stay offline
     */
    public PinOptions withOffline(boolean newOffline) {
        return new PinOptions(write, lockfile, update, newOffline, registryConfig, allowInsecure);
    }

    /**
     * {@return these options with registry credentials from a Docker {@code config.json}}
     *
     * @param config the Docker {@code config.json}
     */
    public PinOptions withRegistryConfig(Path config) {
        return new PinOptions(write, lockfile, update, offline, Optional.of(config), allowInsecure);
    }

    /**
     * {@return these options, letting registries fall back to plain HTTP or not}
     *
     * @param newAllowInsecure whether plain HTTP is allowed
     */
    public PinOptions withAllowInsecure(boolean newAllowInsecure) {
        return new PinOptions(write, lockfile, update, offline, registryConfig, newAllowInsecure);
    }
}
