package dev.palisade.core.internal.reader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the bytes of one file or stream into characters, a buffer at a time, never holding more
 * than one buffer of input. The encoding comes from a byte-order mark (UTF-8, UTF-16 and UTF-32 in
 * either byte order; the mark itself is dropped); without one the input is UTF-8. Bytes that are
 * not valid in the encoding are never replaced silently: each becomes U+FFFD in the output and is
 * recorded as an {@link Malformed} at its character offset, so that the reader can report the
 * document that holds it. Counts the bytes read against the file-size limit. Not thread-safe.
 */
final class InputDecoder implements CharSource {
    private static final int BUFFER = 16 * 1024;
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    /** An invalid byte sequence: where its replacement character stands in the output, and what it was. */
    record Malformed(long charOffset, String description) {
    }

    /** The input is larger than the file-size limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("input larger than the limit", null);
        }
    }

    private final InputStream in;
    private final long maxBytes;
    private final CharsetDecoder decoder;
    private final String encoding;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER);
    private long bytesRead;
    private long charsOut;
    private boolean endOfInput;
    private boolean flushed;
    private final java.util.ArrayDeque<Malformed> malformed = new java.util.ArrayDeque<>();

    private InputDecoder(InputStream in, long maxBytes, Charset charset, String encoding, byte[] head, int headStart,
            int headLength, long headBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.encoding = encoding;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytesRead = headBytes;
        bytes.put(head, headStart, headLength - headStart);
        bytes.flip();
        chars.flip();
    }

    /**
     * Opens a stream: reads its first block to find a byte-order mark, or to tell that a file without
     * one is UTF-16 or binary.
     *
     * @throws IOException when the stream cannot be read
     * @throws EncodingProblem when the input is not text this reader can decode
     */
    static InputDecoder open(InputStream in, long maxBytes) throws IOException {
        byte[] head = in.readNBytes(4096);
        int n = head.length;
        if (n > maxBytes) {
            throw new TooLarge();
        }
        Charset charset = StandardCharsets.UTF_8;
        String encoding = "UTF-8";
        int skip = 0;
        if (n >= 4 && u(head[0]) == 0 && u(head[1]) == 0 && u(head[2]) == 0xFE && u(head[3]) == 0xFF) {
            charset = UTF_32BE;
            encoding = "UTF-32BE";
            skip = 4;
        } else if (n >= 4 && u(head[0]) == 0xFF && u(head[1]) == 0xFE && u(head[2]) == 0 && u(head[3]) == 0) {
            charset = UTF_32LE;
            encoding = "UTF-32LE";
            skip = 4;
        } else if (n >= 3 && u(head[0]) == 0xEF && u(head[1]) == 0xBB && u(head[2]) == 0xBF) {
            skip = 3;
        } else if (n >= 2 && u(head[0]) == 0xFE && u(head[1]) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            encoding = "UTF-16BE";
            skip = 2;
        } else if (n >= 2 && u(head[0]) == 0xFF && u(head[1]) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            encoding = "UTF-16LE";
            skip = 2;
        } else {
            sniffWithoutMark(head, n);
        }
        return new InputDecoder(in, maxBytes, charset, encoding, head, skip, n, n);
    }

    /** Text without a byte-order mark must not hold NUL bytes: tells UTF-16/32 from binary data. */
    private static void sniffWithoutMark(byte[] head, int n) {
        int nulEven = 0;
        int nulOdd = 0;
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                if ((i & 1) == 0) {
                    nulEven++;
                } else {
                    nulOdd++;
                }
            }
        }
        int nul = nulEven + nulOdd;
        if (nul == 0) {
            return;
        }
        int pairs = n / 2;
        boolean alternating = pairs > 0 && (nulEven >= pairs * 3 / 4 && nulOdd <= pairs / 4
                || nulOdd >= pairs * 3 / 4 && nulEven <= pairs / 4);
        boolean quads = n >= 4 && nul >= n * 5 / 8 && nul < n;
        if (alternating) {
            throw new EncodingProblem("file looks like UTF-16 without a byte-order mark; save it as UTF-8 (or as"
                    + " UTF-16 with a byte-order mark)", head, 0);
        }
        if (quads) {
            throw new EncodingProblem("file looks like UTF-32 without a byte-order mark; save it as UTF-8",
                    head, 0);
        }
        if (nul * 10 >= n) {
            throw new EncodingProblem("file holds NUL bytes and looks binary, not YAML or JSON text",
                    head, firstNul(head, n));
        }
    }

    private static int firstNul(byte[] head, int n) {
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return i;
            }
        }
        return 0;
    }

    /** The encoding in use. */
    String encoding() {
        return encoding;
    }

    /** Invalid byte sequences found so far and not yet taken, in order. */
    java.util.ArrayDeque<Malformed> malformed() {
        return malformed;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        while (!chars.hasRemaining()) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        return n;
    }

    /** Decodes more characters into {@code chars}; false at the end of input. */
    private boolean fill() throws IOException {
        if (flushed) {
            return false;
        }
        chars.clear();
        boolean needBytes = bytes.remaining() < 8;
        while (chars.position() == 0 && !flushed) {
            if (needBytes && !endOfInput) {
                bytes.compact();
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (read < 0) {
                    endOfInput = true;
                } else {
                    bytes.position(bytes.position() + read);
                    bytesRead += read;
                    if (bytesRead > maxBytes) {
                        throw new TooLarge();
                    }
                }
                bytes.flip();
            }
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            needBytes = false;
            if (result.isError()) {
                int length = result.length();
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < length && i < 4; i++) {
                    hex.append(i == 0 ? "" : " ").append(String.format("0x%02X", u(bytes.get(bytes.position() + i))));
                }
                malformed.add(new Malformed(charsOut + chars.position(), hex.toString()));
                bytes.position(bytes.position() + length);
                chars.put('\uFFFD');
            } else if (result.isUnderflow()) {
                if (endOfInput) {
                    decoder.flush(chars);
                    flushed = true;
                } else {
                    needBytes = true;
                }
            }
        }
        chars.flip();
        charsOut += chars.remaining();
        return chars.hasRemaining();
    }

    private static int u(byte b) {
        return b & 0xFF;
    }

    /** The input is not text this reader decodes, at the one-based line and column (in bytes) where that shows. */
    static final class EncodingProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        EncodingProblem(String message, byte[] head, int byteOffset) {
            super(message, null, false, false);
            int atLine = 1;
            int lineStart = 0;
            for (int i = 0; i < byteOffset; i++) {
                if (head[i] == '\n') {
                    atLine++;
                    lineStart = i + 1;
                }
            }
            this.line = atLine;
            this.column = byteOffset - lineStart + 1;
        }
    }
}
