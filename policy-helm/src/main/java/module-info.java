/**
 * Palisade's Helm support, an optional module: {@link dev.palisade.helm.HelmChartRenderer} renders
 * charts in-process with Helm's own engine (through helm-java's native library) so that
 * {@link dev.palisade.core.ManifestReader} judges what a chart would deploy. It is a
 * {@link dev.palisade.core.ChartRenderer} service: being on the class path or module path is enough.
 */
module dev.palisade.helm {
    requires transitive dev.palisade.core;
    // helm-java's jars declare no module names, so these are the names Java derives from the file names
    requires helm.java;
    requires lib.api;
    requires com.sun.jna;

    exports dev.palisade.helm;

    provides dev.palisade.core.ChartRenderer with dev.palisade.helm.HelmChartRenderer;
}
