package dev.palisade.core.internal.reader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The document slices of YAML text already in memory, as {@link YamlStreamSplitter} cuts a stream:
 * at {@code ---} and {@code ...} written at column 0, comments and directives before a {@code ---}
 * belonging to the document that follows, slices without content dropped.
 */
public final class DocumentSplitter {

    private DocumentSplitter() {
    }

    /** The documents of {@code text}, in order. */
    public static List<DocumentSlice> split(String text) {
        List<DocumentSlice> slices = new ArrayList<>();
        YamlStreamSplitter splitter = new YamlStreamSplitter(Long.MAX_VALUE, null, document -> {
            if (document.text() != null) {
                slices.add(new DocumentSlice(document.index(), (int) document.start(), (int) document.end(),
                        document.firstLine()));
            }
        });
        try {
            splitter.split(CharSource.of(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return slices;
    }
}
