package dev.palisade.core.internal.reader;

import java.util.Locale;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns SnakeYAML's scanner and parser complaints into sentences a manifest author can act on,
 * keeping the parser's own words at the end for searching.
 */
final class ParserMessages {

    private ParserMessages() {
    }

    static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : printable(e.getProblem());
        String context = e.getContext() == null ? "" : printable(e.getContext());
        String lower = problem.toLowerCase(Locale.ROOT);
        String advice;
        if (lower.contains("'\\t'") || lower.contains("tab")) {
            advice = "a tab character where YAML expects indentation or a value; indent with spaces only";
        } else if (lower.startsWith("mapping values are not allowed")) {
            advice = "unexpected ':' here; a value cannot start a new mapping on the same line. Check the"
                    + " indentation, or quote a value that contains ': '";
        } else if (lower.startsWith("could not find expected ':'")) {
            advice = "a line inside a mapping has no ':' after its key; add the ':' or fix the indentation";
        } else if (lower.startsWith("expected <block end>") || lower.startsWith("did not find expected key")
                || lower.startsWith("did not find expected '-' indicator")) {
            advice = "this line is not indented like the mapping or list around it; align it with its siblings";
        } else if (lower.contains("end of stream") && context.contains("quoted")) {
            advice = "a quoted string is not closed before the end of the document; add the closing quote";
        } else if (lower.startsWith("found character '@'") || lower.startsWith("found character '`'")) {
            advice = "'@' and '`' cannot start a plain value; quote the value";
        } else if (lower.startsWith("found undefined tag handle")) {
            advice = "an unknown tag handle (the '!name!' before a value); remove the tag or declare it with %TAG";
        } else if (lower.startsWith("expected escape sequence")) {
            advice = "an escape in a double-quoted string is cut short or not hexadecimal: \\x takes 2, \\u 4 and"
                    + " \\U 8 hexadecimal digits";
        } else if (lower.startsWith("found unexpected end of stream")) {
            advice = "the document ends inside an unfinished value";
        } else if (context.contains("flow") || lower.contains("',' or ']'") || lower.contains("',' or '}'")) {
            advice = "a [list] or {mapping} written inline is not closed properly; check its commas and brackets";
        } else {
            advice = "malformed YAML";
        }
        String parser = context.isEmpty() ? problem : context + ": " + problem;
        return advice + " (YAML parser: " + parser + ")";
    }

    /** The parser's text without control characters (the end of a document reads as NUL to the scanner). */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ' ' || c == '\n') {
                out.append(c);
            }
        }
        return out.toString().trim();
    }
}
