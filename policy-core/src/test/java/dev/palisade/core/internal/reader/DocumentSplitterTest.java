package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentSplitterTest {

    /** Each slice as {@code firstLine:text}. */
    private static List<String> split(String text) {
        return DocumentSplitter.split(text).stream()
                .map(s -> s.firstLine() + ":" + text.substring(s.start(), s.end())).toList();
    }

    @Test
    void splitsAtMarkersAtColumnZero() {
        assertEquals(List.of("1:a: 1\n", "2:---\nb: 2\n"), split("a: 1\n---\nb: 2\n"));
        assertEquals(List.of("1:a: 1\n", "2:--- # comment\nb: 2"), split("a: 1\n--- # comment\nb: 2"));
    }

    @Test
    void commentsAndDirectivesBeforeTheFirstMarkerBelongToTheDocument() {
        assertEquals(List.of("1:# header\n\n---\na: 1\n"), split("# header\n\n---\na: 1\n"));
        assertEquals(List.of("1:a: 1\n...\n", "3:%YAML 1.1\n---\nb: 2\n"), split("a: 1\n...\n%YAML 1.1\n---\nb: 2\n"));
    }

    @Test
    void indentedOrLongerDashesAreContent() {
        assertEquals(List.of("1:a: |\n  ---\n  ...\nb: ----\n"), split("a: |\n  ---\n  ...\nb: ----\n"));
        assertEquals(List.of("1:----\n"), split("----\n"));
        assertEquals(List.of("1:--- |\n  text\n"), split("--- |\n  text\n"));
    }

    @Test
    void explicitEmptyDocumentsKeepTheirIndexAndCommentOnlyTailsAreDropped() {
        List<DocumentSlice> slices = DocumentSplitter.split("---\n---\na: 1\n...\n# trailing\n");
        assertEquals(2, slices.size());
        assertEquals(0, slices.get(0).index());
        assertEquals(1, slices.get(1).index());
        assertEquals(2, slices.get(1).firstLine());
        assertEquals(List.of(), split("# only\n\n   # comments\n"));
        assertEquals(List.of(), split(""));
    }

    @Test
    void lineBreaksOfEveryKindAreCounted() {
        assertEquals(List.of("1:a: 1\r\n", "2:---\r\nb: 2\r\n"), split("a: 1\r\n---\r\nb: 2\r\n"));
        assertEquals(List.of("1:a: 1\r", "2:---\rb: 2"), split("a: 1\r---\rb: 2"));
        assertEquals(3, DocumentSplitter.split("a: 1\u2028x: 2\n---\n").get(1).firstLine());
    }
}
