package dev.palisade.sigstore.verify.internal;

import dev.palisade.sigstore.verify.RejectionReason;

/** A failed check, thrown inside the verifier and turned into a rejection. No stack trace: it is control flow. */
public final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final RejectionReason reason;

    public Rejected(RejectionReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
