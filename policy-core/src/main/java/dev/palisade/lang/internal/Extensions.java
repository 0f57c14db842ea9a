package dev.palisade.lang.internal;

import dev.palisade.lang.Library;
import java.util.Set;

/** Registers the Kubernetes function libraries that are enabled. */
final class Extensions {
    private Extensions() {
    }

    static void register(FunctionTable t, Set<Library> libraries) {
    }
}
