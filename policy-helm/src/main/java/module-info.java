/**
 * Palisade's Helm support, an optional module: {@link dev.palisade.helm.HelmChartRenderer} renders
 * charts in-process with Helm's own engine (through helm-java's native library) so that
 * {@link dev.palisade.core.ManifestReader} judges what a chart would deploy. It is a
 * {@link dev.palisade.core.ChartRenderer} service: being on the class path or module path is enough.
 */
// This descriptor is compiled, so the build checks what the module requires and exports, but it is not
// published: the jar leaves module-info.class out and names itself dev.palisade.helm with an
// Automatic-Module-Name (see pom.xml). It requires helm.java, lib.api, a name Java derives from a jar file
// (the jar declares no module name), which a published descriptor must not depend on.
module dev.palisade.helm {
    requires transitive dev.palisade.core;
    // named here as well: dev.palisade.core is published as an automatic module, which passes on no requires
    requires transitive com.fasterxml.jackson.databind;
    // helm-java's jars declare no module names, so these are the names Java derives from the file names
    requires helm.java;
    requires lib.api;
    requires com.sun.jna;

    exports dev.palisade.helm;

    provides dev.palisade.core.ChartRenderer with dev.palisade.helm.HelmChartRenderer;
}
