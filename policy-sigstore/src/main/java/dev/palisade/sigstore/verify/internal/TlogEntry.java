package dev.palisade.sigstore.verify.internal;

import java.util.Optional;

/**
 * A transparency-log entry as carried by a signature: the canonical body, its log coordinates and
 * the evidence of inclusion (SET and/or Merkle proof).
 */
public record TlogEntry(byte[] body, long integratedTime, long logIndex, String logIdHex,
        Optional<byte[]> signedEntryTimestamp, Optional<InclusionProof> inclusionProof) {

    /** A Merkle audit path with its checkpoint. */
    public record InclusionProof(long logIndex, byte[] rootHash, long treeSize, java.util.List<byte[]> hashes,
            Optional<String> checkpoint) {
    }
}
