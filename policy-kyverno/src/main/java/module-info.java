/**
 * Kyverno policies in Palisade: {@code kyverno.io} ClusterPolicy and Policy documents (validate,
 * mutate, generate and verifyImages rules, PolicyExceptions) as Palisade policies, Kyverno's
 * JMESPath dialect and {@code {{ }}} variables, and the {@code kyverno test} runner. Only API
 * packages are exported.
 */
module dev.palisade.kyverno {
    requires transitive dev.palisade.core;
    requires dev.palisade.rules;
    requires re2j;

    exports dev.palisade.kyverno;

    provides dev.palisade.core.policy.PolicyFormat with dev.palisade.kyverno.KyvernoFormat;
}
