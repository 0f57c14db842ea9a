package dev.palisade.rules.gatekeeper.internal;

import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import java.util.List;
import java.util.Optional;

/**
 * The spelling of plain scalars as written in a YAML file, for values whose meaning depends on it:
 * a YAML 1.1 reader turns {@code on}, {@code off}, {@code y} and {@code n} into booleans, while
 * gator (YAML 1.2) keeps them as strings and rejects them.
 */
final class ScalarSpellings {
    static final ScalarSpellings NONE = new ScalarSpellings(null, List.of());

    private final YamlDocument document;
    private final List<String> lines;

    ScalarSpellings(YamlDocument document, List<String> lines) {
        this.document = document;
        this.lines = lines;
    }

    /**
     * The text written after {@code key:} for the mapping entry at the pointer (whose last segment
     * is the key), up to a comma, closing brace or comment; empty when it cannot be found.
     */
    Optional<String> valueOf(String pointer) {
        if (document == null) {
            return Optional.empty();
        }
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        SourceLocation at = document.locate(pointer);
        if (!at.isKnown() || at.line() > lines.size()) {
            return Optional.empty();
        }
        String line = lines.get(at.line() - 1);
        int keyStart = line.indexOf(key, Math.max(0, at.column() - 1));
        if (keyStart < 0) {
            return Optional.empty();
        }
        int colon = line.indexOf(':', keyStart + key.length());
        if (colon < 0 || !line.substring(keyStart + key.length(), colon).isBlank()) {
            return Optional.empty();
        }
        String rest = line.substring(colon + 1);
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == ',' || c == '}' || c == '#' && (i == 0 || rest.charAt(i - 1) == ' ')) {
                end = i;
                break;
            }
        }
        String value = rest.substring(0, end).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
