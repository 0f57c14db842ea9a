package dev.palisade.lang.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The CEL list {@code a + b} as an unmodifiable view of its two operands (CEL lists are Java lists
 * or Jackson arrays), so that concatenating, say, init containers and containers copies nothing.
 * Elements are read as CEL values.
 */
final class ConcatenatedList extends AbstractList<Object> implements RandomAccess {
    private final Object first;
    private final Object second;
    private final int firstSize;
    private final int size;

    ConcatenatedList(Object first, Object second) {
        this.first = first;
        this.second = second;
        this.firstSize = Rt.size(first);
        this.size = firstSize + Rt.size(second);
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return index < firstSize ? Rt.elem(first, index) : Rt.elem(second, index - firstSize);
    }

    @Override
    public int size() {
        return size;
    }
}
