/**
 * Palisade's core: the resource model and reader, policies and their evaluation, matching,
 * enforcement, exemptions, the rule language, policy-file formats, report writers and admission
 * mapping. Only the API packages are exported; {@code ...internal} packages are not for hosts.
 */
// This descriptor is compiled, so the build checks what the module requires and exports, but it is not
// published: the jar leaves module-info.class out and names itself dev.palisade.core with an
// Automatic-Module-Name (see pom.xml). It requires re2j, a name Java derives from a jar file
// (the jar declares no module name), which a published descriptor must not depend on.
// "module": the qualified export names modules that are not observable while this one compiles.
@SuppressWarnings("module")
module dev.palisade.core {
    requires transitive com.fasterxml.jackson.databind;
    requires org.yaml.snakeyaml;
    requires re2j;
    requires org.objectweb.asm;

    exports dev.palisade.core;
    exports dev.palisade.core.admission;
    exports dev.palisade.core.policy;
    exports dev.palisade.core.report;
    exports dev.palisade.lang;
    // internal, shared by the Go-based engines only: Go's time layouts and durations, Go's shortest float digits
    exports dev.palisade.core.internal.gotime to dev.palisade.rego, dev.palisade.kyverno;
    exports dev.palisade.core.internal.gostrconv to dev.palisade.rego, dev.palisade.kyverno;

    uses dev.palisade.core.policy.PolicyFormat;
    uses dev.palisade.core.policy.PolicyCatalogue;
    uses dev.palisade.core.ChartRenderer;
    provides dev.palisade.core.policy.PolicyFormat with dev.palisade.core.policy.AdmissionPolicyFormat,
            dev.palisade.core.policy.PalisadePolicyFormat;
}
