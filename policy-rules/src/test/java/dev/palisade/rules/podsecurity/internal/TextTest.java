package dev.palisade.rules.podsecurity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void goQuoteEscapesAsStrconvQuote() {
        assertEquals("\"plain\"", Text.goQuote("plain"));
        assertEquals("\"\"", Text.goQuote(""));
        assertEquals("\"a\\\"b\\\\c\"", Text.goQuote("a\"b\\c"));
        assertEquals("\"\\a\\b\\f\\n\\r\\t\\v\"", Text.goQuote("\u0007\b\f\n\r\t\u000b"));
        assertEquals("\"\\x00\\x7f\"", Text.goQuote("\u0000\u007f"));
        assertEquals("\"héllo ✓\"", Text.goQuote("héllo ✓"));
        assertEquals("\"\\u00a0\\u200b\"", Text.goQuote("\u00a0\u200b"));
        assertEquals("\"😀\"", Text.goQuote("😀"));
    }

    @Test
    void quotingDoesNotEscapeItemsAndPluralisesByCount() {
        assertEquals("\"a\", \"b\"c\"", Text.quoteAll(List.of("a", "b\"c")));
        assertEquals("container \"a\"", Text.containers(List.of("a")));
        assertEquals("containers \"a\", \"a\"", Text.containers(List.of("a", "a")));
        assertEquals("types", Text.plural("type", "types", 0));
    }

    @Test
    void pointerSegmentsEscapeSlashAndTilde() {
        assertEquals("a~1b~0c", Text.pointerSegment("a/b~c"));
    }
}
