package dev.palisade.sigstore.verify.internal;

import java.util.List;
import java.util.Optional;

/**
 * A transparency-log entry as carried by a signature: its declared kind and version, the canonical
 * body, its log coordinates and the evidence of inclusion (signed entry timestamp and/or Merkle proof
 * with a checkpoint).
 *
 * @param kind the declared kind ({@code kindVersion.kind}; for legacy annotations, the body's own)
 * @param version the declared version
 * @param body the canonicalized body
 * @param integratedTime seconds since the epoch, 0 when absent (Rekor v2)
 * @param logIndex the entry's index in the log
 * @param logIdHex lower-case hex of the log id
 * @param signedEntryTimestamp the inclusion promise, when present
 * @param inclusionProof the inclusion proof, when present
 */
public record TlogEntry(String kind, String version, byte[] body, long integratedTime, long logIndex, String logIdHex,
        Optional<byte[]> signedEntryTimestamp, Optional<InclusionProof> inclusionProof) {

    /** A Merkle audit path with its signed checkpoint note. */
    public record InclusionProof(long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes, String checkpoint) {
    }
}
