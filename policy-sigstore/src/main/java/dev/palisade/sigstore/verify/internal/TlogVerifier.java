package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.RejectionReason;
import dev.palisade.sigstore.verify.TransparencyLog;
import dev.palisade.sigstore.verify.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a transparency-log entry against the Rekor logs of the trusted root.
 *
 * <p>Rekor v1: the body must record the signature (hash, signature, signer); the log is the one with
 * the entry's id whose key was valid at the integrated time; a signed entry timestamp must verify over
 * the canonical entry (and then vouches for the integrated time); an inclusion proof must lead from the
 * body to the proof's root, which the log's signed checkpoint must commit to.
 *
 * <p>Rekor v2: there is no signed entry timestamp and no trusted integrated time; an inclusion proof
 * is required. The entry is rebuilt from the signature and its leaf must be proven, to the root of a
 * checkpoint signed by the log (C2SP signed note with the log's host as origin).
 */
public final class TlogVerifier {

    /**
     * A verified entry.
     *
     * @param trustedTime the integrated time, when a verified SET vouches for it
     * @param rekorV2 whether it is a Rekor v2 entry
     */
    public record Verified(Optional<Instant> trustedTime, boolean rekorV2) {
    }

    private TlogVerifier() {
    }

    /**
     * Verifies one entry.
     *
     * @param legacy whether the entry came with a legacy cosign layer (may be {@code rekord}; has no
     *     declared kind)
     * @param timestamps verified RFC 3161 times of the same signature, used to pick the key period of a
     *     Rekor v2 log (which records no time)
     */
    public static Verified verify(TlogEntry entry, BodyExpectation expected, Signer signer, boolean legacy, TrustedRoot root,
            List<Instant> timestamps) throws Rejected {
        EntryBody.Parsed body = EntryBody.parse(entry.body());
        if (!body.kind().equals(entry.kind()) || !body.apiVersion().equals(entry.version())) {
            throw new Rejected(RejectionReason.TLOG_KIND_MISMATCH, "log entry declares kind " + entry.kind() + " version "
                    + entry.version() + ", but its body is " + body.kind() + " version " + body.apiVersion());
        }
        if (body.rekorV2()) {
            return verifyV2(entry, body, expected, signer, root, timestamps);
        }
        EntryBody.checkV1(body, expected, signer, legacy);
        List<TransparencyLog> logs = root.tlogs(entry.logIdHex());
        if (logs.isEmpty()) {
            throw new Rejected(RejectionReason.TLOG_UNKNOWN_LOG, "log entry is from log " + entry.logIdHex()
                    + ", which the trusted root does not list");
        }
        if (entry.signedEntryTimestamp().isEmpty() && entry.inclusionProof().isEmpty()) {
            throw new Rejected(RejectionReason.TLOG_MISSING, "log entry has neither a signed entry timestamp nor an inclusion proof");
        }
        Instant integrated = Instant.ofEpochSecond(entry.integratedTime());
        if (entry.integratedTime() == 0 && entry.signedEntryTimestamp().isPresent()) {
            throw new Rejected(RejectionReason.MALFORMED, "log entry has a signed entry timestamp but no integrated time");
        }
        List<Instant> times = entry.integratedTime() != 0 ? List.of(integrated) : timestamps;
        TransparencyLog log = logs.stream().filter(l -> times.stream().allMatch(l::validAt)).findFirst()
                .orElseThrow(() -> new Rejected(RejectionReason.TLOG_UNKNOWN_LOG, "log " + entry.logIdHex()
                        + " key is not valid at " + (entry.integratedTime() != 0 ? "integrated time " + integrated
                                : "the signature's timestamps " + timestamps)));
        Optional<Instant> trustedTime = Optional.empty();
        if (entry.signedEntryTimestamp().isPresent()) {
            byte[] canonical = canonicalPayload(entry);
            SignatureScheme scheme = SignatureScheme.forKeyDetails(log.keyDetails()).orElseThrow();
            if (scheme == SignatureScheme.ECDSA_SHA384 || scheme == SignatureScheme.ECDSA_SHA512) {
                scheme = SignatureScheme.ECDSA_SHA256; // Rekor signs SETs over a SHA-256 digest
            }
            if (!scheme.verify(log.publicKey(), canonical, entry.signedEntryTimestamp().get())) {
                throw new Rejected(RejectionReason.SET_INVALID, "signed entry timestamp does not verify with the key of log "
                        + entry.logIdHex() + " over the entry (index " + entry.logIndex() + ", integrated time " + integrated + ")");
            }
            trustedTime = Optional.of(integrated);
        }
        if (entry.inclusionProof().isPresent()) {
            TlogEntry.InclusionProof proof = entry.inclusionProof().get();
            byte[] leaf = MerkleProof.leafHash(entry.body());
            if (!MerkleProof.verify(leaf, proof.logIndex(), proof.treeSize(), proof.hashes(), proof.rootHash())) {
                throw new Rejected(RejectionReason.INCLUSION_PROOF_INVALID, "inclusion proof for index " + proof.logIndex()
                        + " in a tree of " + proof.treeSize() + " does not lead to root hash " + Hex.encode(proof.rootHash()));
            }
            Checkpoint.Tree tree = Checkpoint.verifyV1(proof.checkpoint(), log);
            commits(tree, proof);
        }
        return new Verified(trustedTime, false);
    }

    private static Verified verifyV2(TlogEntry entry, EntryBody.Parsed body, BodyExpectation expected, Signer signer,
            TrustedRoot root, List<Instant> timestamps) throws Rejected {
        byte[] canonical = EntryBody.expectedV2(body, expected, signer);
        List<TransparencyLog> logs = new ArrayList<>(root.tlogs(entry.logIdHex()));
        if (logs.isEmpty()) {
            throw new Rejected(RejectionReason.TLOG_UNKNOWN_LOG, "log entry is from log " + entry.logIdHex()
                    + ", which the trusted root does not list");
        }
        if (entry.signedEntryTimestamp().isPresent()) {
            throw new Rejected(RejectionReason.SET_INVALID, "Rekor v2 entries carry no signed entry timestamp; this one has one");
        }
        if (entry.inclusionProof().isEmpty()) {
            throw new Rejected(RejectionReason.INCLUSION_PROOF_MISSING, "Rekor v2 log entry has no inclusion proof;"
                    + " Rekor v2 entries are verified by their inclusion proof alone");
        }
        logs.removeIf(log -> !timestamps.stream().allMatch(log::validAt));
        if (logs.isEmpty()) {
            throw new Rejected(RejectionReason.TLOG_UNKNOWN_LOG, "log " + entry.logIdHex()
                    + " key is not valid at the signature's timestamps " + timestamps);
        }
        TlogEntry.InclusionProof proof = entry.inclusionProof().get();
        if (proof.logIndex() != entry.logIndex()) {
            throw new Rejected(RejectionReason.INCLUSION_PROOF_INVALID, "inclusion proof is for index " + proof.logIndex()
                    + ", but the entry has index " + entry.logIndex());
        }
        Rejected last = null;
        for (TransparencyLog log : logs) {
            Checkpoint.Tree tree;
            try {
                tree = Checkpoint.verifyV2(proof.checkpoint(), log);
            } catch (Rejected e) {
                last = e;
                continue;
            }
            commits(tree, proof);
            if (!MerkleProof.verify(MerkleProof.leafHash(canonical), entry.logIndex(), tree.size(), proof.hashes(), tree.rootHash())) {
                throw new Rejected(RejectionReason.INCLUSION_PROOF_INVALID, "inclusion proof for index " + entry.logIndex()
                        + " in a tree of " + tree.size() + " does not prove this signature's entry under root hash "
                        + Hex.encode(tree.rootHash()));
            }
            return new Verified(Optional.empty(), true);
        }
        throw last;
    }

    private static void commits(Checkpoint.Tree tree, TlogEntry.InclusionProof proof) throws Rejected {
        if (tree.size() != proof.treeSize() || !MessageDigest.isEqual(tree.rootHash(), proof.rootHash())) {
            throw new Rejected(RejectionReason.CHECKPOINT_INVALID, "checkpoint (size " + tree.size() + ", root "
                    + Hex.encode(tree.rootHash()) + ") does not commit to the inclusion proof's tree (size " + proof.treeSize()
                    + ", root " + Hex.encode(proof.rootHash()) + ")");
        }
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
}
