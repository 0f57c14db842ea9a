/**
 * Palisade's test assertions for JUnit 5 (and any framework that reports opentest4j failures):
 * {@link dev.palisade.junit.PalisadeAssertions#assertCompliant(java.nio.file.Path, dev.palisade.core.PolicySet)}
 * and friends judge manifests, host objects or a report and fail with every finding as
 * {@code file:line:col: severity policy-id message}, and with every load or read error (a report
 * with errors never passes). Only {@code dev.palisade.junit} is API.
 */
module dev.palisade.junit {
    requires transitive dev.palisade.core;
    requires transitive org.opentest4j;

    exports dev.palisade.junit;
}
