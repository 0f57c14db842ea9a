package dev.palisade.core;

/** What an error while evaluating a policy means. */
public enum FailurePolicy {
    /** Fail closed: the error counts as a violation with the policy's action. */
    FAIL,
    /** Fail open: the error is reported, the resource is not held against the policy. */
    IGNORE
}
