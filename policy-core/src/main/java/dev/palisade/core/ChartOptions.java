package dev.palisade.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a chart is rendered: what {@code helm template} takes as flags. {@link #defaults()} is what a
 * chart met in a directory walk gets: the chart's own {@code values.yaml}, release name
 * {@value #DEFAULT_RELEASE_NAME}, no namespace.
 *
 * @param releaseName {@code .Release.Name}
 * @param namespace {@code .Release.Namespace}; when present it is also given to the rendered objects
 *     of namespaced kinds that name no namespace, as {@code helm install --namespace} places them.
 *     When absent, templates see {@code default} and objects keep what they say, as
 *     {@code helm template} prints them
 * @param kubeVersion the Kubernetes version templates see in {@code .Capabilities.KubeVersion}
 *     (such as {@code 1.30.0}); the renderer's default when absent
 * @param valuesFiles values files applied over the chart's {@code values.yaml}, later ones winning
 *     ({@code --values})
 * @param set {@code key=value} settings with Helm's typing of values ({@code true}, {@code 12},
 *     {@code null}), applied after the values files, later ones winning ({@code --set})
 * @param setString {@code key=value} settings whose values stay strings, applied after {@link #set}
 *     ({@code --set-string})
 * @param timeout how long one rendering may take before it is an error (the template engine has no
 *     cost budget of its own)
 */
public record ChartOptions(String releaseName, Optional<String> namespace, Optional<String> kubeVersion,
        List<Path> valuesFiles, List<String> set, List<String> setString, Duration timeout) {

    /** The release name {@code helm template} uses when none is given. */
    public static final String DEFAULT_RELEASE_NAME = "release-name";

    /** How long a rendering may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Checks the values and copies the lists.
     *
     * @param releaseName {@code .Release.Name}
     * @param namespace {@code .Release.Namespace}; when present it is also given to the rendered objects
     *     of namespaced kinds that name no namespace, as {@code helm install --namespace} places them.
     *     When absent, templates see {@code default} and objects keep what they say, as
     *     {@code helm template} prints them
     * @param kubeVersion the Kubernetes version templates see in {@code .Capabilities.KubeVersion}
     *     (such as {@code 1.30.0}); the renderer's default when absent
     * @param valuesFiles values files applied over the chart's {@code values.yaml}, later ones winning
     *     ({@code --values})
     * @param set {@code key=value} settings with Helm's typing of values ({@code true}, {@code 12},
     *     {@code null}), applied after the values files, later ones winning ({@code --set})
     * @param setString {@code key=value} settings whose values stay strings, applied after {@link #set}
     *     ({@code --set-string})
     * @param timeout how long one rendering may take before it is an error (the template engine has no
     *     cost budget of its own)
     */
    public ChartOptions {
        Objects.requireNonNull(releaseName, "releaseName");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kubeVersion, "kubeVersion");
        valuesFiles = List.copyOf(valuesFiles);
        set = List.copyOf(set);
        setString = List.copyOf(setString);
        Objects.requireNonNull(timeout, "timeout");
        if (releaseName.isBlank()) {
            throw new IllegalArgumentException("a release name must not be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a rendering timeout must be positive, not " + timeout);
        }
    }

    /**
     * {@return the chart's own values, release name {@value #DEFAULT_RELEASE_NAME}, no namespace, 60 seconds}
     */
    public static ChartOptions defaults() {
        return new ChartOptions(DEFAULT_RELEASE_NAME, Optional.empty(), Optional.empty(), List.of(), List.of(),
                List.of(), DEFAULT_TIMEOUT);
    }

    /**
     * {@return the same options with another release name}
     *
     * @param value the release name
     */
    public ChartOptions withReleaseName(String value) {
        return new ChartOptions(value, namespace, kubeVersion, valuesFiles, set, setString, timeout);
    }

    /**
     * {@return the same options with a namespace (given to namespaced objects that name none)}
     *
     * @param value the namespace
     */
    public ChartOptions withNamespace(String value) {
        return new ChartOptions(releaseName, Optional.of(value), kubeVersion, valuesFiles, set, setString, timeout);
    }

    /**
     * {@return the same options with a Kubernetes version for {@code .Capabilities.KubeVersion}}
     *
     * @param value the version, such as {@code 1.30.0}
     */
    public ChartOptions withKubeVersion(String value) {
        return new ChartOptions(releaseName, namespace, Optional.of(value), valuesFiles, set, setString, timeout);
    }

    /**
     * {@return the same options with these values files (replacing any given before)}
     *
     * @param files the values files, later ones winning
     */
    public ChartOptions withValuesFiles(List<Path> files) {
        return new ChartOptions(releaseName, namespace, kubeVersion, files, set, setString, timeout);
    }

    /**
     * {@return the same options with these {@code key=value} settings (replacing any given before)}
     *
     * @param settings the settings, later ones winning
     */
    public ChartOptions withSet(List<String> settings) {
        return new ChartOptions(releaseName, namespace, kubeVersion, valuesFiles, settings, setString, timeout);
    }

    /**
     * {@return the same options with these string {@code key=value} settings (replacing any given before)}
     *
     * @param settings the settings, later ones winning
     */
    public ChartOptions withSetString(List<String> settings) {
        return new ChartOptions(releaseName, namespace, kubeVersion, valuesFiles, set, settings, timeout);
    }

    /**
     * {@return the same options with another rendering timeout}
     *
     * @param value how long one rendering may take
     */
    public ChartOptions withTimeout(Duration value) {
        return new ChartOptions(releaseName, namespace, kubeVersion, valuesFiles, set, setString, value);
    }
}
