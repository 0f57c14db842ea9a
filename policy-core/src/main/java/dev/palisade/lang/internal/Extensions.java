package dev.palisade.lang.internal;

import dev.palisade.lang.Library;
import java.util.Set;

/** Registers the Kubernetes function libraries that are enabled. */
final class Extensions {
    private Extensions() {
    }

    static void register(FunctionTable t, Set<Library> libraries) {
        if (libraries.contains(Library.STRINGS)) {
            t.library(Library.STRINGS);
            StringsLib.register(t);
        }
        if (libraries.contains(Library.LISTS)) {
            t.library(Library.LISTS);
            ListsLib.registerLists(t);
        }
        if (libraries.contains(Library.SETS)) {
            t.library(Library.SETS);
            ListsLib.registerSets(t);
        }
        if (libraries.contains(Library.IP)) {
            t.library(Library.IP);
            NetLib.register(t);
        }
        if (libraries.contains(Library.QUANTITY)) {
            t.library(Library.QUANTITY);
            QuantityLib.register(t);
        }
        if (libraries.contains(Library.SEMVER)) {
            t.library(Library.SEMVER);
            SemverLib.register(t);
        }
        if (libraries.contains(Library.URL)) {
            t.library(Library.URL);
            UrlLib.register(t);
        }
        if (libraries.contains(Library.FORMAT)) {
            t.library(Library.FORMAT);
            FormatLib.register(t);
        }
        if (libraries.contains(Library.REGEX)) {
            t.library(Library.REGEX);
            ListsLib.registerRegex(t);
        }
        t.library(null);
    }
}
