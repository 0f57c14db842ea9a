/**
 * Palisade's built-in rule catalogue: starter rules, Pod Security Standards and the Gatekeeper
 * library's constraint kinds. Only API packages are exported.
 */
// This descriptor is compiled, so the build checks what the module requires and exports, but it is not
// published: the jar leaves module-info.class out and names itself dev.palisade.rules with an
// Automatic-Module-Name (see pom.xml). It requires re2j, a name Java derives from a jar file
// (the jar declares no module name), which a published descriptor must not depend on.
module dev.palisade.rules {
    requires transitive dev.palisade.core;
    // named here as well: dev.palisade.core is published as an automatic module, which passes on no requires
    requires transitive com.fasterxml.jackson.databind;
    requires re2j;
    requires dev.palisade.rego;

    exports dev.palisade.rules;
    exports dev.palisade.rules.gatekeeper;
    exports dev.palisade.rules.podsecurity;
    exports dev.palisade.rules.recommended;

    provides dev.palisade.core.policy.PolicyFormat with dev.palisade.rules.gatekeeper.GatekeeperFormat;
    provides dev.palisade.core.policy.PolicyCatalogue with dev.palisade.rules.BuiltinCatalogue;
}
