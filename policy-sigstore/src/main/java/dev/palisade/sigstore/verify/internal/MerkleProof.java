package dev.palisade.sigstore.verify.internal;

import java.security.MessageDigest;
import java.util.List;

/** RFC 6962 / RFC 9162 §2.1.3.2 inclusion-proof verification with SHA-256. */
public final class MerkleProof {
    private MerkleProof() {
    }

    /** The RFC 6962 leaf hash: SHA-256(0x00 ‖ leaf). */
    public static byte[] leafHash(byte[] leaf) {
        return Digests.sha256(new byte[] {0}, leaf);
    }

    /** The RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return Digests.sha256(new byte[] {1}, left, right);
    }

    /** Whether the audit path proves the leaf hash at {@code index} in a tree of {@code size} with root {@code root}. */
    public static boolean verify(byte[] leafHash, long index, long size, List<byte[]> path, byte[] root) {
        if (index < 0 || size <= 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (p.length != 32 || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }
}
