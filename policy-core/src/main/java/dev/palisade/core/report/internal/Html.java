package dev.palisade.core.report.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Escaping for generated HTML and SVG: every character that could end a text node or an attribute
 * value is a character reference, characters HTML forbids are dropped, and links are checked so that
 * only {@code http}, {@code https} and relative references become {@code href}s.
 */
public final class Html {
    private Html() {
    }

    /** Text safe in element content and in double- or single-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.appendCodePoint(c);
                case '\r' -> out.append('\n');
                default -> {
                    if (allowed(c)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * The reference as an {@code href} value, when it is an absolute {@code http}/{@code https} URL or a
     * relative reference without a scheme or authority; empty for anything else ({@code javascript:},
     * {@code data:}, {@code //host}, malformed).
     */
    public static Optional<String> safeUrl(String reference) {
        String url = reference.strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`') {
                return Optional.empty();
            }
        }
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null) {
                return url.startsWith("//") ? Optional.empty() : Optional.of(url);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(url);
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether the reference is relative (no scheme): it names a file, not a web page. */
    public static boolean isRelative(String reference) {
        try {
            return new URI(reference.strip()).getScheme() == null && !reference.strip().startsWith("//");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean allowed(int c) {
        if (c < 0x20) {
            return false;
        }
        if (c >= 0x7f && c <= 0x9f) {
            return false;
        }
        if (c >= 0xD800 && c <= 0xDFFF) {
            return false;
        }
        return !(c >= 0xFDD0 && c <= 0xFDEF) && (c & 0xFFFE) != 0xFFFE;
    }
}
