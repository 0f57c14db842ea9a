package dev.palisade.rules.gatekeeper.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Field-path rendering of JSON pointers in template and constraint errors. */
class DocumentErrorsPropertyTest {

    @Property
    void pointersRenderAsDottedPathsWithIndexes(
            @ForAll @StringLength(min = 1, max = 8) @CharRange(from = 'a', to = 'z') String field,
            @ForAll @IntRange(max = 99) int index) {
        assertEquals("spec.match." + field + "[" + index + "]",
                DocumentErrors.fieldName("/spec/match/" + field + "/" + index));
    }

    @Property
    void escapedSlashesAndTildesInKeysAreRestored(
            @ForAll @StringLength(min = 1, max = 8) @CharRange(from = 'a', to = 'z') String left,
            @ForAll @StringLength(min = 1, max = 8) @CharRange(from = 'a', to = 'z') String right) {
        assertEquals("metadata.annotations." + left + "/" + right + "~",
                DocumentErrors.fieldName("/metadata/annotations/" + left + "~1" + right + "~0"));
    }
}
