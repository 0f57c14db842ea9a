/**
 * Palisade's Kyverno support: {@code kyverno.io} ClusterPolicy and Policy documents (validate,
 * mutate, generate and verifyImages rules, PolicyExceptions) as Palisade policies, the
 * {@code kyverno test} runner, the JMESPath language as Kyverno runs it (its Go dialect, Kyverno's
 * function catalogue, a cost budget) and Kyverno's {@code {{ }}} variable substitution over a JSON
 * context. Only API packages are exported.
 */
// This descriptor is compiled, so the build checks what the module requires and exports, but it is not
// published: the jar leaves module-info.class out and names itself dev.palisade.kyverno with an
// Automatic-Module-Name (see pom.xml). It requires re2j, a name Java derives from a jar file
// (the jar declares no module name), which a published descriptor must not depend on.
module dev.palisade.kyverno {
    requires transitive dev.palisade.core;
    // named here as well: dev.palisade.core is published as an automatic module, which passes on no requires
    requires transitive com.fasterxml.jackson.databind;
    requires dev.palisade.rules;
    requires dev.palisade.sigstore;
    requires re2j;
    requires org.yaml.snakeyaml;

    exports dev.palisade.kyverno;
    exports dev.palisade.kyverno.jmespath;
    exports dev.palisade.kyverno.variables;

    provides dev.palisade.core.policy.PolicyFormat with dev.palisade.kyverno.KyvernoFormat;
}
