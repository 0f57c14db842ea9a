package dev.palisade.lang;

/** Line/column arithmetic and caret excerpts for messages about a position in an expression. */
final class ExpressionPositions {
    private ExpressionPositions() {
    }

    static int line(String source, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int column(String source, int offset) {
        int end = Math.min(offset, source.length());
        int start = source.lastIndexOf('\n', end - 1) + 1;
        return source.codePointCount(start, end) + 1;
    }

    /** Characters of the offending line shown on each side of the caret. */
    static final int CONTEXT = 60;

    /**
     * {@code line:column: reason} followed by the offending line and a caret under the column; a
     * long line is cut to {@link #CONTEXT} characters on each side of the position, marked with
     * {@code …}, so that a huge expression is never echoed whole.
     */
    static String describe(String reason, String source, int offset) {
        int end = Math.max(0, Math.min(offset, source.length()));
        int start = source.lastIndexOf('\n', end - 1) + 1;
        int lineEnd = source.indexOf('\n', end);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        int from = Math.max(start, end - CONTEXT);
        if (from > start && Character.isLowSurrogate(source.charAt(from))) {
            from--;
        }
        int to = Math.min(lineEnd, end + CONTEXT);
        if (to < lineEnd && to > 0 && Character.isHighSurrogate(source.charAt(to - 1))) {
            to++;
        }
        String prefix = from > start ? "…" : "";
        String text = prefix + source.substring(from, to) + (to < lineEnd ? "…" : "");
        int caret = prefix.length() + source.codePointCount(from, end);
        return line(source, end) + ":" + (source.codePointCount(start, end) + 1) + ": " + reason + "\n | " + text
                + "\n | " + " ".repeat(caret) + "^";
    }
}
