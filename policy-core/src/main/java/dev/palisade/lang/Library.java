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
    SEMVER
}
