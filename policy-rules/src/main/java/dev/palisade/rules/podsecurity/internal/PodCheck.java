package dev.palisade.rules.podsecurity.internal;

import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import java.util.Optional;

/** One implementation of one check: judges a pod spec (and its metadata), stateless and thread-safe. */
@FunctionalInterface
interface PodCheck {

    /** The failure (reason, detail and path, with an empty check id) or empty when allowed. */
    Optional<CheckFailure> check(PodSpecView pod);
}
