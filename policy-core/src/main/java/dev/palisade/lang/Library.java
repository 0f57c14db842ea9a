package dev.palisade.lang;

/** The optional function libraries of the Kubernetes CEL environment. */
public enum Library {
    /** ext.Strings: charAt, indexOf, lastIndexOf, lowerAscii, upperAscii, replace, split, join, substring, trim, format, strings.quote, reverse. */
    STRINGS,
    /** Kubernetes and ext lists: isSorted, sum, min, max, indexOf, lastIndexOf, slice, flatten, distinct, reverse, sort, sortBy, lists.range. */
    LISTS,
    /** ext.Sets: sets.contains, sets.equivalent, sets.intersects. */
    SETS,
    /** Regex find and findAll. */
    REGEX,
    /** url, isURL and URL accessors. */
    URL,
    /** Kubernetes resource quantities. */
    QUANTITY,
    /** IP addresses and CIDR ranges. */
    IP,
    /** format.* named validators. */
    FORMAT,
    /** Semantic versions. */
    SEMVER;

    /**
     * {@return the libraries a Kubernetes 1.{@code minor} API server offers (base environment, by the version
     * each library was added: quantity 1.28, sets 1.29, IP/CIDR 1.30, format 1.31, semver 1.33)}
     * Finer steps inside a library (strings v0 → v2, Kubernetes lists → ext.Lists v3) and the core
     * language features (optionals, two-variable comprehensions) are not versioned.
     *
     * @param minor the Kubernetes minor version
     */
    public static java.util.Set<Library> forKubernetes(int minor) {
        java.util.EnumSet<Library> set = java.util.EnumSet.of(STRINGS, LISTS, REGEX, URL);
        if (minor >= 28) {
            set.add(QUANTITY);
        }
        if (minor >= 29) {
            set.add(SETS);
        }
        if (minor >= 30) {
            set.add(IP);
        }
        if (minor >= 31) {
            set.add(FORMAT);
        }
        if (minor >= 33) {
            set.add(SEMVER);
        }
        return java.util.Collections.unmodifiableSet(set);
    }
}
