package dev.palisade.core.internal.reader;

/**
 * One document's text within a file: character offsets {@code [start, end)} and the one-based file
 * line on which the slice starts (slices always start at the beginning of a line).
 */
public record DocumentSlice(int index, int start, int end, int firstLine) {

    /** Length of the slice in characters. */
    public int length() {
        return end - start;
    }
}
