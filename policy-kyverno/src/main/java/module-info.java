/**
 * Palisade's Kyverno support: {@code kyverno.io} ClusterPolicy and Policy documents (validate,
 * mutate, generate and verifyImages rules, PolicyExceptions) as Palisade policies, the
 * {@code kyverno test} runner, the JMESPath language as Kyverno runs it (its Go dialect, Kyverno's
 * function catalogue, a cost budget) and Kyverno's {@code {{ }}} variable substitution over a JSON
 * context. Only API packages are exported.
 */
module dev.palisade.kyverno {
    requires transitive dev.palisade.core;
    requires dev.palisade.rules;
    requires dev.palisade.sigstore;
    requires re2j;
    requires org.yaml.snakeyaml;

    exports dev.palisade.kyverno;
    exports dev.palisade.kyverno.jmespath;
    exports dev.palisade.kyverno.variables;

    provides dev.palisade.core.policy.PolicyFormat with dev.palisade.kyverno.KyvernoFormat;
}
