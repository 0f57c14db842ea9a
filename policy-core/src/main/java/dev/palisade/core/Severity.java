package dev.palisade.core;

import java.util.Locale;

/** How serious a policy's findings are. Ordered from least to most severe. */
public enum Severity {
    /** Informational (security score 0.0). */
    INFO(0.0),
    /** Low (security score 3.0). */
    LOW(3.0),
    /** Medium (security score 5.5). */
    MEDIUM(5.5),
    /** High (security score 8.0). */
    HIGH(8.0),
    /** Critical (security score 9.5). */
    CRITICAL(9.5);

    private final double securityScore;

    Severity(double securityScore) {
        this.securityScore = securityScore;
    }

    /** {@return the CVSS-like score SARIF consumers read from {@code security-severity}} */
    public double securityScore() {
        return securityScore;
    }

    /**
     * Lower-case name as written in policy files and reports.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code info|low|medium|high|critical} in any case.
     *
     * @param text the severity's name
     * @return the severity
     */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new PalisadeException("unknown severity '" + text + "'; use one of info, low, medium, high, critical");
    }
}
