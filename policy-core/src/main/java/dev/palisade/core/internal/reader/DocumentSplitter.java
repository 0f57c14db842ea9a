package dev.palisade.core.internal.reader;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a YAML stream into documents at the markers {@code ---} and {@code ...} written at column 0
 * (YAML forbids both at the start of a line inside any scalar, so a marker there always separates
 * documents, even inside a block scalar). Comments, blank lines and directives before a
 * {@code ---} belong to the document that follows. Slices without content are dropped; the rest are
 * numbered in order.
 */
public final class DocumentSplitter {

    private DocumentSplitter() {
    }

    /** The documents of {@code text}, in order. */
    public static List<DocumentSlice> split(String text) {
        List<DocumentSlice> slices = new ArrayList<>();
        int n = text.length();
        int sliceStart = 0;
        int sliceLine = 1;
        boolean hasContent = false;
        int lineStart = 0;
        int line = 1;
        while (lineStart < n) {
            int lineEnd = lineStart;
            while (lineEnd < n && !isBreak(text.charAt(lineEnd))) {
                lineEnd++;
            }
            int next = lineEnd;
            if (next < n) {
                next += text.charAt(next) == '\r' && next + 1 < n && text.charAt(next + 1) == '\n' ? 2 : 1;
            }
            if (isMarker(text, lineStart, lineEnd, '-')) {
                if (hasContent) {
                    slices.add(new DocumentSlice(slices.size(), sliceStart, lineStart, sliceLine));
                    sliceStart = lineStart;
                    sliceLine = line;
                }
                hasContent = true;
            } else if (isMarker(text, lineStart, lineEnd, '.')) {
                if (hasContent) {
                    slices.add(new DocumentSlice(slices.size(), sliceStart, next, sliceLine));
                }
                sliceStart = next;
                sliceLine = line + 1;
                hasContent = false;
            } else if (!hasContent && !isBlankCommentOrDirective(text, lineStart, lineEnd)) {
                hasContent = true;
            }
            lineStart = next;
            line++;
        }
        if (hasContent) {
            slices.add(new DocumentSlice(slices.size(), sliceStart, n, sliceLine));
        }
        return slices;
    }

    /** Line breaks as YAML 1.1 (and SnakeYAML's line counting) knows them. */
    static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isMarker(String text, int start, int end, char c) {
        if (end - start < 3 || text.charAt(start) != c || text.charAt(start + 1) != c || text.charAt(start + 2) != c) {
            return false;
        }
        if (end - start == 3) {
            return true;
        }
        char after = text.charAt(start + 3);
        return after == ' ' || after == '\t';
    }

    private static boolean isBlankCommentOrDirective(String text, int start, int end) {
        if (start < end && text.charAt(start) == '%') {
            return true;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '#') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\uFEFF') {
                return false;
            }
        }
        return true;
    }
}
