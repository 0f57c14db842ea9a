package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.RejectionReason;
import dev.palisade.sigstore.verify.TransparencyLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a transparency-log entry against the Rekor logs of the trusted root: the signed entry
 * timestamp over the canonical entry, the Merkle inclusion proof and the signed checkpoint.
 */
public final class TlogVerifier {
    private static final String SIGNATURE_LINE_PREFIX = "\u2014 ";

    private TlogVerifier() {
    }

    /**
     * Verifies the entry and returns its integrated time when a verified SET vouches for it (an
     * inclusion proof alone does not sign the time).
     */
    public static Optional<Instant> verify(TlogEntry entry, List<TransparencyLog> tlogs) throws Rejected {
        List<TransparencyLog> logs = tlogs.stream().filter(log -> log.logIdHex().equals(entry.logIdHex())).toList();
        if (logs.isEmpty()) {
            throw new Rejected(RejectionReason.TLOG_UNKNOWN_LOG, "log entry is from log " + entry.logIdHex()
                    + ", which the trusted root does not list");
        }
        if (entry.signedEntryTimestamp().isEmpty() && entry.inclusionProof().isEmpty()) {
            throw new Rejected(RejectionReason.TLOG_MISSING, "log entry has neither a signed entry timestamp nor an inclusion proof");
        }
        Instant integrated = Instant.ofEpochSecond(entry.integratedTime());
        TransparencyLog log = logs.stream().filter(l -> l.validAt(integrated)).findFirst()
                .orElseThrow(() -> new Rejected(RejectionReason.TLOG_UNKNOWN_LOG, "log " + entry.logIdHex()
                        + " key is not valid at integrated time " + integrated));
        Optional<Instant> trustedTime = Optional.empty();
        if (entry.signedEntryTimestamp().isPresent()) {
            byte[] canonical = canonicalPayload(entry);
            if (!Signatures.verify(log.publicKey(), canonical, entry.signedEntryTimestamp().get())) {
                throw new Rejected(RejectionReason.SET_INVALID, "signed entry timestamp does not verify with the key of log "
                        + entry.logIdHex() + " over the entry (index " + entry.logIndex() + ", integrated time " + integrated + ")");
            }
            trustedTime = Optional.of(integrated);
        }
        if (entry.inclusionProof().isPresent()) {
            verifyInclusion(entry, entry.inclusionProof().get(), log);
        }
        return trustedTime;
    }

    /**
     * The RFC 8785 canonical JSON of {body, integratedTime, logID, logIndex}. The members are fixed,
     * their keys already in canonical order, and the values are base64/hex strings and integers, which
     * need no escaping; so the canonical form can be written directly.
     */
    static byte[] canonicalPayload(TlogEntry entry) {
        String json = "{\"body\":\"" + Base64.getEncoder().encodeToString(entry.body())
                + "\",\"integratedTime\":" + entry.integratedTime()
                + ",\"logID\":\"" + entry.logIdHex()
                + "\",\"logIndex\":" + entry.logIndex() + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void verifyInclusion(TlogEntry entry, TlogEntry.InclusionProof proof, TransparencyLog log) throws Rejected {
        byte[] leaf = MerkleProof.leafHash(entry.body());
        if (!MerkleProof.verify(leaf, proof.logIndex(), proof.treeSize(), proof.hashes(), proof.rootHash())) {
            throw new Rejected(RejectionReason.INCLUSION_PROOF_INVALID, "inclusion proof for index " + proof.logIndex()
                    + " in a tree of " + proof.treeSize() + " does not lead to root hash " + Hex.encode(proof.rootHash()));
        }
        if (proof.checkpoint().isPresent()) {
            verifyCheckpoint(proof.checkpoint().get(), proof, log);
        }
    }

    private static void verifyCheckpoint(String note, TlogEntry.InclusionProof proof, TransparencyLog log) throws Rejected {
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint note has no signature block");
        }
        String text = note.substring(0, split + 1);
        String[] lines = text.split("\n");
        if (lines.length < 3) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint note needs origin, tree size and root hash lines");
        }
        long size;
        byte[] root;
        try {
            size = Long.parseLong(lines[1]);
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint tree size or root hash is malformed");
        }
        if (size != proof.treeSize() || !MessageDigest.isEqual(root, proof.rootHash())) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint (size " + size + ", root " + Hex.encode(root)
                    + ") does not commit to the inclusion proof's tree (size " + proof.treeSize() + ", root "
                    + Hex.encode(proof.rootHash()) + ")");
        }
        byte[] keyHint = Arrays.copyOf(Hex.decode(log.logIdHex()), 4);
        byte[] signedText = text.getBytes(StandardCharsets.UTF_8);
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(SIGNATURE_LINE_PREFIX)) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(line.substring(space + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (signature.length > 4 && MessageDigest.isEqual(Arrays.copyOf(signature, 4), keyHint)
                    && Signatures.verify(log.publicKey(), signedText, Arrays.copyOfRange(signature, 4, signature.length))) {
                return;
            }
        }
        throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "no checkpoint signature verifies with the key of log " + log.logIdHex());
    }
}
