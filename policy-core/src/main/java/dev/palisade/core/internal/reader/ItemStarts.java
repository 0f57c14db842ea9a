package dev.palisade.core.internal.reader;

import java.util.Arrays;

/** Where each element of a document's top-level {@code items} sequence starts; grows as needed. */
final class ItemStarts {
    private int[] lines = new int[0];
    private int[] columns = new int[0];
    private int count;

    void add(int line, int column) {
        if (count == lines.length) {
            lines = Arrays.copyOf(lines, Math.max(8, count * 2));
            columns = Arrays.copyOf(columns, lines.length);
        }
        lines[count] = line;
        columns[count] = column;
        count++;
    }

    int[] lines() {
        return Arrays.copyOf(lines, count);
    }

    int[] columns() {
        return Arrays.copyOf(columns, count);
    }
}
