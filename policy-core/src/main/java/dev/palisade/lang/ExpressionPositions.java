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

    /** {@code line:column: reason} followed by the offending line and a caret under the column. */
    static String describe(String reason, String source, int offset) {
        int end = Math.max(0, Math.min(offset, source.length()));
        int start = source.lastIndexOf('\n', end - 1) + 1;
        int lineEnd = source.indexOf('\n', end);
        String text = source.substring(start, lineEnd < 0 ? source.length() : lineEnd);
        int col = source.codePointCount(start, end);
        return line(source, end) + ":" + (col + 1) + ": " + reason + "\n | " + text + "\n | "
                + " ".repeat(col) + "^";
    }
}
