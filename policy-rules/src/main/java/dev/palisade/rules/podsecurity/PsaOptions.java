package dev.palisade.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.rules.podsecurity.internal.PsaConfigurationReader;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link PodSecurityStandards#admissionPolicy(PsaOptions)} behaves, as in Kubernetes'
 * {@code PodSecurityConfiguration}: the default level and version of each mode for namespaces that do
 * not label it, and the exempt usernames, namespaces and runtime classes (exact matches).
 *
 * @param enforce default for {@code pod-security.kubernetes.io/enforce[-version]}
 * @param audit default for {@code pod-security.kubernetes.io/audit[-version]}
 * @param warn default for {@code pod-security.kubernetes.io/warn[-version]}
 * @param exemptUsernames requesting users whose requests are not checked
 * @param exemptNamespaces namespaces whose pods and controllers are not checked
 * @param exemptRuntimeClasses {@code spec.runtimeClassName} values whose pods are not checked
 * @param requireNamespace when true, a Pod whose Namespace is unknown fails closed (an evaluation
 *     error, as the admission plugin does when it cannot look the namespace up) and a controller is
 *     skipped; when false (the default) an unknown namespace is treated as unlabelled
 */
public record PsaOptions(LevelVersion enforce, LevelVersion audit, LevelVersion warn, Set<String> exemptUsernames,
        Set<String> exemptNamespaces, Set<String> exemptRuntimeClasses, boolean requireNamespace) {

    /**
     * Checks that the components are present, copies the collections.
     *
     * @param enforce default for {@code pod-security.kubernetes.io/enforce[-version]}
     * @param audit default for {@code pod-security.kubernetes.io/audit[-version]}
     * @param warn default for {@code pod-security.kubernetes.io/warn[-version]}
     * @param exemptUsernames requesting users whose requests are not checked
     * @param exemptNamespaces namespaces whose pods and controllers are not checked
     * @param exemptRuntimeClasses {@code spec.runtimeClassName} values whose pods are not checked
     * @param requireNamespace when true, a Pod whose Namespace is unknown fails closed (an evaluation
     *     error, as the admission plugin does when it cannot look the namespace up) and a controller is
     *     skipped; when false (the default) an unknown namespace is treated as unlabelled
     */
    public PsaOptions {
        Objects.requireNonNull(enforce, "enforce");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(warn, "warn");
        exemptUsernames = Set.copyOf(exemptUsernames);
        exemptNamespaces = Set.copyOf(exemptNamespaces);
        exemptRuntimeClasses = Set.copyOf(exemptRuntimeClasses);
    }

    /**
     * Kubernetes' built-in configuration: {@code privileged:latest} for every mode, no exemptions.
     *
     * @return the built-in defaults
     */
    public static PsaOptions defaults() {
        return new PsaOptions(LevelVersion.PRIVILEGED_LATEST, LevelVersion.PRIVILEGED_LATEST,
                LevelVersion.PRIVILEGED_LATEST, Set.of(), Set.of(), Set.of(), false);
    }

    /**
     * Options from a Kubernetes {@code PodSecurityConfiguration} object
     * ({@code pod-security.admission.config.k8s.io/v1}, {@code v1beta1} or {@code v1alpha1}):
     * {@code defaults} and {@code exemptions}.
     *
     * @param configuration the configuration object, as JSON
     * @return the options it sets, Kubernetes' defaults elsewhere
     * @throws PalisadeException naming the field when a value is invalid
     */
    public static PsaOptions fromConfiguration(JsonNode configuration) {
        return PsaConfigurationReader.read(configuration);
    }

    /**
     * {@return these options with another enforce default}
     *
     * @param value the level and version enforced
     */
    public PsaOptions withEnforce(LevelVersion value) {
        return new PsaOptions(value, audit, warn, exemptUsernames, exemptNamespaces, exemptRuntimeClasses,
                requireNamespace);
    }

    /**
     * {@return these options with another audit default}
     *
     * @param value the level and version audited
     */
    public PsaOptions withAudit(LevelVersion value) {
        return new PsaOptions(enforce, value, warn, exemptUsernames, exemptNamespaces, exemptRuntimeClasses,
                requireNamespace);
    }

    /**
     * {@return these options with another warn default}
     *
     * @param value the level and version warned about
     */
    public PsaOptions withWarn(LevelVersion value) {
        return new PsaOptions(enforce, audit, value, exemptUsernames, exemptNamespaces, exemptRuntimeClasses,
                requireNamespace);
    }

    /**
     * {@return these options with other exempt users}
     *
     * @param value requesting users whose requests are not checked
     */
    public PsaOptions withExemptUsernames(Set<String> value) {
        return new PsaOptions(enforce, audit, warn, value, exemptNamespaces, exemptRuntimeClasses, requireNamespace);
    }

    /**
     * {@return these options with other exempt namespaces}
     *
     * @param value namespaces whose pods and controllers are not checked
     */
    public PsaOptions withExemptNamespaces(Set<String> value) {
        return new PsaOptions(enforce, audit, warn, exemptUsernames, value, exemptRuntimeClasses, requireNamespace);
    }

    /**
     * {@return these options with other exempt runtime classes}
     *
     * @param value {@code spec.runtimeClassName} values whose pods are not checked
     */
    public PsaOptions withExemptRuntimeClasses(Set<String> value) {
        return new PsaOptions(enforce, audit, warn, exemptUsernames, exemptNamespaces, value, requireNamespace);
    }

    /**
     * {@return these options requiring the Namespace to be known or not}
     *
     * @param value whether a Pod whose Namespace is unknown fails closed
     */
    public PsaOptions withRequireNamespace(boolean value) {
        return new PsaOptions(enforce, audit, warn, exemptUsernames, exemptNamespaces, exemptRuntimeClasses, value);
    }
}
