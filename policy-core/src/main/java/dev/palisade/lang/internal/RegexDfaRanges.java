package dev.palisade.lang.internal;

import java.util.Arrays;

/**
 * Sets of Unicode code points as sorted, disjoint, non-adjacent inclusive ranges packed into an
 * {@code int[]} of {@code lo, hi} pairs; the character sets of {@link RegexDfa}.
 */
final class RegexDfaRanges {
    static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;
    static final int[] DIGIT = {'0', '9'};
    static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
    static final int[] SPACE = {'\t', '\n', '\f', '\r', ' ', ' '};
    static final int[] ANY_BUT_NEWLINE = {0, '\n' - 1, '\n' + 1, MAX_CODE_POINT};

    private RegexDfaRanges() {
    }

    /** Sorts and merges arbitrary (possibly overlapping) pairs. */
    static int[] normalize(int[] pairs, int length) {
        int n = length / 2;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((long) pairs[2 * i] << 32) | pairs[2 * i + 1];
        }
        Arrays.sort(packed);
        int[] out = new int[length];
        int size = 0;
        for (long p : packed) {
            int lo = (int) (p >>> 32);
            int hi = (int) p;
            if (size > 0 && lo <= out[size - 1] + 1) {
                out[size - 1] = Math.max(out[size - 1], hi);
            } else {
                out[size++] = lo;
                out[size++] = hi;
            }
        }
        return Arrays.copyOf(out, size);
    }

    /** The code points in [0, MAX_CODE_POINT] that {@code ranges} (normalized) does not hold. */
    static int[] negate(int[] ranges) {
        int[] out = new int[ranges.length + 2];
        int size = 0;
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] > next) {
                out[size++] = next;
                out[size++] = ranges[i] - 1;
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= MAX_CODE_POINT) {
            out[size++] = next;
            out[size++] = MAX_CODE_POINT;
        }
        return Arrays.copyOf(out, size);
    }

    static boolean contains(int[] ranges, int codePoint) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (codePoint < ranges[i]) {
                return false;
            }
            if (codePoint <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
