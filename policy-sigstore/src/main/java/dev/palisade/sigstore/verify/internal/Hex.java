package dev.palisade.sigstore.verify.internal;

import java.util.HexFormat;

/** Lower-case hexadecimal encoding. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    /** Lower-case hex of the bytes. */
    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** Bytes of a hex string; IllegalArgumentException when it is not hex. */
    public static byte[] decode(String hex) {
        return FORMAT.parseHex(hex);
    }
}
