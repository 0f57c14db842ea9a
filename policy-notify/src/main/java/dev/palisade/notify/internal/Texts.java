package dev.palisade.notify.internal;

import dev.palisade.core.Finding;
import dev.palisade.core.SourceLocation;

/** Small text helpers shared by the payload renderers. */
final class Texts {
    private Texts() {
    }

    /** {@code file:line} of a finding, or its file, or {@code ""}. */
    static String where(Finding finding) {
        SourceLocation at = finding.location();
        if (at.file().isEmpty()) {
            return "";
        }
        return at.isKnown() ? at.file() + ":" + at.line() : at.file();
    }

    /** The resource as users read it, with the container when there is one. */
    static String resource(Finding finding) {
        return finding.resource().display() + finding.container().map(c -> " container " + c).orElse("");
    }

    /** At most {@code max} characters, ending in an ellipsis when cut. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(0, max - 1)) + "…";
    }
}
