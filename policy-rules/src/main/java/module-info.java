/**
 * Palisade's built-in rule catalogue: starter rules, Pod Security Standards and the Gatekeeper
 * library's constraint kinds. Only API packages are exported.
 */
module dev.palisade.rules {
    requires transitive dev.palisade.core;
    requires re2j;
    requires dev.palisade.rego;

    exports dev.palisade.rules;
    exports dev.palisade.rules.gatekeeper;
    exports dev.palisade.rules.podsecurity;
    exports dev.palisade.rules.recommended;

    provides dev.palisade.core.policy.PolicyFormat with dev.palisade.rules.gatekeeper.GatekeeperFormat;
    provides dev.palisade.core.policy.PolicyCatalogue with dev.palisade.rules.BuiltinCatalogue;
}
