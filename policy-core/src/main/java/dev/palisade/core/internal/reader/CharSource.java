package dev.palisade.core.internal.reader;

import java.io.IOException;

/** Characters read a buffer at a time: decoded bytes of a file or stream, or text already in memory. */
interface CharSource {

    /** Reads up to {@code length} characters; -1 at the end. */
    int read(char[] target, int offset, int length) throws IOException;

    /** A source over text already in memory. */
    static CharSource of(CharSequence text) {
        return of(text, 0);
    }

    /** A source over text already in memory, from the character at {@code from}. */
    static CharSource of(CharSequence text, int from) {
        return new CharSource() {
            private int position = from;

            @Override
            public int read(char[] target, int offset, int length) {
                if (position >= text.length()) {
                    return -1;
                }
                int n = Math.min(length, text.length() - position);
                if (text instanceof String string) {
                    string.getChars(position, position + n, target, offset);
                } else {
                    for (int i = 0; i < n; i++) {
                        target[offset + i] = text.charAt(position + i);
                    }
                }
                position += n;
                return n;
            }
        };
    }
}
