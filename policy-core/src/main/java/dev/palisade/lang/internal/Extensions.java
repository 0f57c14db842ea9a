package dev.palisade.lang.internal;

import dev.palisade.lang.Library;
import java.util.Set;

/** Registers the Kubernetes function libraries that are enabled. */
final class Extensions {
    private Extensions() {
    }

    static void register(FunctionTable t, Set<Library> libraries) {
        if (libraries.contains(Library.STRINGS)) {
            StringsLib.register(t);
        }
        if (libraries.contains(Library.LISTS)) {
            ListsLib.registerLists(t);
        }
        if (libraries.contains(Library.SETS)) {
            ListsLib.registerSets(t);
        }
        if (libraries.contains(Library.IP)) {
            NetLib.register(t);
        }
        if (libraries.contains(Library.QUANTITY)) {
            QuantityLib.register(t);
        }
        if (libraries.contains(Library.SEMVER)) {
            SemverLib.register(t);
        }
        if (libraries.contains(Library.URL)) {
            UrlLib.register(t);
        }
        if (libraries.contains(Library.FORMAT)) {
            FormatLib.register(t);
        }
        if (libraries.contains(Library.REGEX)) {
            ListsLib.registerRegex(t);
        }
    }
}
