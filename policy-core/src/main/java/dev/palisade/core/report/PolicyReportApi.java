package dev.palisade.core.report;

import dev.palisade.core.PalisadeException;
import java.util.StringJoiner;

/**
 * The API a {@link ReportFormat#POLICYREPORT} is written for: the Kubernetes Policy working group's
 * {@code wgpolicyk8s.io/v1alpha2} (read by Kyverno and Policy Reporter) or its successor, OpenReports'
 * {@code openreports.io/v1alpha1}. Both have the same result fields; OpenReports names its kinds
 * {@code Report} and {@code ClusterReport} and adds a report-level {@code source}.
 */
public enum PolicyReportApi {
    /** {@code wgpolicyk8s.io/v1alpha2} {@code PolicyReport} and {@code ClusterPolicyReport}. */
    WGPOLICY_V1ALPHA2("wgpolicyk8s.io/v1alpha2", "PolicyReport", "ClusterPolicyReport"),
    /** {@code openreports.io/v1alpha1} {@code Report} and {@code ClusterReport}. */
    OPENREPORTS_V1ALPHA1("openreports.io/v1alpha1", "Report", "ClusterReport");

    private final String apiVersion;
    private final String namespacedKind;
    private final String clusterKind;

    PolicyReportApi(String apiVersion, String namespacedKind, String clusterKind) {
        this.apiVersion = apiVersion;
        this.namespacedKind = namespacedKind;
        this.clusterKind = clusterKind;
    }

    /** {@return {@code group/version} of the report objects} */
    public String apiVersion() {
        return apiVersion;
    }

    /** {@return the kind of a report about one namespace} */
    public String namespacedKind() {
        return namespacedKind;
    }

    /** {@return the kind of the report about cluster-scoped resources} */
    public String clusterKind() {
        return clusterKind;
    }

    /** {@return whether reports carry OpenReports' report-level {@code source} field} */
    public boolean hasReportSource() {
        return this == OPENREPORTS_V1ALPHA1;
    }

    /**
     * Parses an API version ({@code wgpolicyk8s.io/v1alpha2} or {@code openreports.io/v1alpha1}).
     *
     * @param text the API version
     * @return the API
     */
    public static PolicyReportApi parse(String text) {
        StringJoiner known = new StringJoiner(", ");
        for (PolicyReportApi api : values()) {
            if (api.apiVersion.equalsIgnoreCase(text.trim())) {
                return api;
            }
            known.add(api.apiVersion);
        }
        throw new PalisadeException("unknown PolicyReport API '" + text + "'; use one of " + known);
    }
}
