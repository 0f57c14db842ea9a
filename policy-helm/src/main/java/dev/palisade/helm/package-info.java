/**
 * Helm charts rendered in-process: {@link dev.palisade.helm.HelmChartRenderer}, the
 * {@link dev.palisade.core.ChartRenderer} service of the optional module policy-helm.
 */
package dev.palisade.helm;
