/**
 * Palisade's Rego interpreter: compiles Rego modules (v0 and v1 syntax) once into an immutable,
 * thread-safe {@link dev.palisade.rego.RegoProgram} and evaluates queries and rules against JSON
 * input and data, top-down as OPA does, with a cost budget and linear-time regular expressions.
 * Only {@code dev.palisade.rego} is exported; {@code ...internal} packages are not for hosts.
 */
// This descriptor is compiled, so the build checks what the module requires and exports, but it is not
// published: the jar leaves module-info.class out and names itself dev.palisade.rego with an
// Automatic-Module-Name (see pom.xml). It requires re2j, a name Java derives from a jar file
// (the jar declares no module name), which a published descriptor must not depend on.
module dev.palisade.rego {
    requires transitive dev.palisade.core;
    requires transitive com.fasterxml.jackson.databind;
    requires re2j;

    exports dev.palisade.rego;
}
