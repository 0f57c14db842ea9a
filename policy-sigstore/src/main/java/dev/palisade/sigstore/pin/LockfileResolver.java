package dev.palisade.sigstore.pin;

import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.DigestResolver;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves tags through a lockfile: recorded tags resolve offline; tags the lockfile lacks are
 * looked up with the registry (when one is given) and recorded; in update mode every tag is looked
 * up again once and its entry refreshed. Without a registry, a tag missing from the lockfile is an
 * error that says how to add it. Thread-safe; {@link #lockfile()} is the current state.
 */
public final class LockfileResolver implements DigestResolver {
    private final Optional<DigestResolver> registry;
    private final boolean update;
    private final Clock clock;
    private final String lockfileName;
    private final Set<String> refreshed = new HashSet<>();
    private Lockfile lockfile;

    /**
     * @param lockfile the entries read from the lockfile
     * @param lockfileName its name, for messages
     * @param registry the registry resolver, or empty to stay offline
     * @param update look every tag up again
     * @param clock time recorded as {@code resolvedAt}
     */
    public LockfileResolver(Lockfile lockfile, String lockfileName, Optional<DigestResolver> registry, boolean update,
            Clock clock) {
        this.lockfile = Objects.requireNonNull(lockfile, "lockfile");
        this.lockfileName = Objects.requireNonNull(lockfileName, "lockfileName");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (update && registry.isEmpty()) {
            throw new PinException("updating " + lockfileName + " needs registry access");
        }
        this.update = update;
    }

    @Override
    public Digest resolve(ImageReference reference) {
        if (reference.digest().isPresent()) {
            return reference.digest().get();
        }
        String key = Lockfile.key(reference);
        synchronized (this) {
            Optional<LockEntry> recorded = lockfile.entry(reference);
            if (recorded.isPresent() && (!update || refreshed.contains(key))) {
                return recorded.get().digest();
            }
        }
        if (registry.isEmpty()) {
            throw new PinException("image " + key + " is not in " + lockfileName + "; offline pinning needs every"
                    + " image there: run 'palisade pin --update' with registry access to record it");
        }
        Digest digest = registry.get().resolve(ImageReference.parse(key));
        synchronized (this) {
            Optional<LockEntry> recorded = lockfile.entry(reference);
            if (recorded.isEmpty() || !recorded.get().digest().equals(digest)) {
                lockfile = lockfile.with(reference, new LockEntry(digest, clock.instant()));
            }
            refreshed.add(key);
        }
        return digest;
    }

    /** {@return the lockfile with every entry recorded or refreshed so far} */
    public synchronized Lockfile lockfile() {
        return lockfile;
    }
}
