package dev.palisade.core.report;

import dev.palisade.core.PalisadeException;
import java.util.Locale;

/** How the text report orders its findings. */
public enum TextGrouping {
    /** By file, files in input order (the default): one place to fix at a time. */
    FILE,
    /** By policy, in the set's order, then by file: one kind of problem at a time. */
    POLICY;

    /**
     * Parses {@code file} or {@code policy}, in any case.
     *
     * @param text the grouping's name
     * @return the grouping
     */
    public static TextGrouping parse(String text) {
        for (TextGrouping grouping : values()) {
            if (grouping.name().equalsIgnoreCase(text.trim())) {
                return grouping;
            }
        }
        throw new PalisadeException("unknown grouping '" + text + "'; use one of file, policy");
    }

    /**
     * Lower-case name, as on the command line.
     *
     * @return the label
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
