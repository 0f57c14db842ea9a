package dev.palisade.sigstore.pin.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs ({@code diff -u} format, three lines of context) between two texts. Lines keep their
 * own line endings; a last line without a newline is marked {@code \ No newline at end of file}.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_LCS_CELLS = 4_000_000;

    private enum Kind { SAME, DELETE, INSERT }

    private record Edit(Kind kind, int oldLine, int newLine) {
    }

    private UnifiedDiff() {
    }

    /** The diff, or {@code ""} when the texts are equal. */
    public static String of(String oldName, String newName, String oldText, String newText) {
        if (oldText.equals(newText)) {
            return "";
        }
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder("--- ").append(oldName).append('\n').append("+++ ").append(newName)
                .append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind == Kind.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).kind != Kind.SAME) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            appendHunk(out, edits.subList(start, end), a, b);
            i = end;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Edit> hunk, List<String> a, List<String> b) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : hunk) {
            if (e.kind != Kind.INSERT) {
                oldCount++;
                if (oldStart < 0) {
                    oldStart = e.oldLine;
                }
            }
            if (e.kind != Kind.DELETE) {
                newCount++;
                if (newStart < 0) {
                    newStart = e.newLine;
                }
            }
        }
        out.append("@@ -").append(range(oldStart < 0 ? hunk.get(0).oldLine : oldStart, oldCount)).append(" +")
                .append(range(newStart < 0 ? hunk.get(0).newLine : newStart, newCount)).append(" @@\n");
        for (Edit e : hunk) {
            String line = switch (e.kind) {
                case SAME -> " " + a.get(e.oldLine);
                case DELETE -> "-" + a.get(e.oldLine);
                case INSERT -> "+" + b.get(e.newLine);
            };
            out.append(line);
            if (!line.endsWith("\n")) {
                out.append("\n\\ No newline at end of file\n");
            }
        }
    }

    private static String range(int zeroBasedStart, int count) {
        int start = count == 0 ? zeroBasedStart : zeroBasedStart + 1;
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    /** Lines including their terminating {@code \n}. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            edits.add(new Edit(Kind.SAME, i, i));
        }
        middle(a, b, prefix, a.size() - suffix, prefix, b.size() - suffix, edits);
        for (int k = suffix; k > 0; k--) {
            edits.add(new Edit(Kind.SAME, a.size() - k, b.size() - k));
        }
        return edits;
    }

    /** Longest common subsequence of the middle parts; positional pairs when it would be too large. */
    private static void middle(List<String> a, List<String> b, int a0, int a1, int b0, int b1, List<Edit> out) {
        int n = a1 - a0;
        int m = b1 - b0;
        if ((long) n * m > MAX_LCS_CELLS) {
            for (int i = a0; i < a1; i++) {
                out.add(new Edit(Kind.DELETE, i, b0));
            }
            for (int j = b0; j < b1; j++) {
                out.add(new Edit(Kind.INSERT, a1, j));
            }
            return;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(a0 + i).equals(b.get(b0 + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(a0 + i).equals(b.get(b0 + j))) {
                out.add(new Edit(Kind.SAME, a0 + i++, b0 + j++));
            } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
                out.add(new Edit(Kind.INSERT, a0 + i, b0 + j++));
            } else {
                out.add(new Edit(Kind.DELETE, a0 + i++, b0 + j));
            }
        }
    }
}
