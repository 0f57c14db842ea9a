package dev.palisade.lang.internal;

/** Library values with a total order of their own (quantities, semvers). */
final class Comparables {
    private Comparables() {
    }

    /** A value comparable with values of the same class. */
    interface Ordered {
        int compareWith(Ordered other);
    }
}
