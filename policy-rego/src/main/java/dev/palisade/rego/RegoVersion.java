package dev.palisade.rego;

/** The Rego syntax a module is parsed with. */
public enum RegoVersion {
    /**
     * The original syntax (OPA before 1.0, and Gatekeeper's {@code spec.targets[].rego}): {@code if},
     * {@code contains}, {@code in} and {@code every} are keywords only after
     * {@code import future.keywords} or {@code import rego.v1}; rule bodies need no {@code if}.
     */
    V0,
    /**
     * OPA 1.0 syntax: the future keywords are always keywords, rule bodies require {@code if} and
     * multi-value rules {@code contains}.
     */
    V1
}
