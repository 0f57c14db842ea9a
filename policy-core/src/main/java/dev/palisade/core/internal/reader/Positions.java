package dev.palisade.core.internal.reader;

/** Packs a one-based line and column into one {@code long} for compact position tables. */
final class Positions {

    private Positions() {
    }

    static long pack(int line, int column) {
        return ((long) line << 32) | (column & 0xffffffffL);
    }

    static int line(long packed) {
        return (int) (packed >>> 32);
    }

    static int column(long packed) {
        return (int) packed;
    }
}
