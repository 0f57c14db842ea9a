package dev.palisade.core.internal.reader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * Maps every JSON pointer of one YAML document to the file position where it is written: the key
 * for a mapping entry, the start of the element for a sequence element. Reads parser events only;
 * runs when a position is first asked for. The first occurrence of a pointer wins. Entries reached
 * through merge keys are not indexed (lookups fall back to the mapping that merges them).
 */
final class YamlPositionIndexer {

    private YamlPositionIndexer() {
    }

    /** Positions packed by {@link Positions#pack}, with file lines. */
    static Map<String, Long> index(String text, int firstLine) {
        Map<String, Long> table = new HashMap<>();
        List<Level> stack = new ArrayList<>();
        try {
            LoaderOptions options = DocumentParser.parserOptions(Integer.MAX_VALUE);
            Parser parser = new ParserImpl(new CodePointStream(text), options);
            walk(parser, stack, table, firstLine);
        } catch (RuntimeException e) {
            // Positions are best effort: a document that fails here was reported when it was read.
        }
        return table;
    }

    /** An open mapping or sequence: its pointer, and the pending key or next element index. */
    private static final class Level {
        final String pointer;
        final boolean mapping;
        String key;
        boolean skipValue;
        int nextIndex;
        final boolean skipped;

        Level(String pointer, boolean mapping, boolean skipped) {
            this.pointer = pointer;
            this.mapping = mapping;
            this.skipped = skipped;
        }
    }

    private static void walk(Parser parser, List<Level> stack, Map<String, Long> table, int firstLine) {
        while (true) {
            Event event = parser.getEvent();
            switch (event.getEventId()) {
                case StreamEnd:
                    return;
                case Scalar, Alias:
                    node(event, stack, table, firstLine, null);
                    break;
                case MappingStart, SequenceStart:
                    Level opened = node(event, stack, table, firstLine,
                            event.getEventId() == Event.ID.MappingStart);
                    stack.add(opened);
                    break;
                case MappingEnd, SequenceEnd:
                    stack.remove(stack.size() - 1);
                    break;
                default:
                    break;
            }
        }
    }

    /**
     * Records a node; for a collection start ({@code mapping} not null) returns its level.
     */
    private static Level node(Event event, List<Level> stack, Map<String, Long> table, int firstLine, Boolean mapping) {
        Level top = stack.isEmpty() ? null : stack.get(stack.size() - 1);
        String pointer;
        boolean skipped;
        Mark mark = event.getStartMark();
        if (top == null) {
            pointer = "";
            skipped = false;
        } else if (top.mapping && top.key == null && !top.skipValue) {
            if (event instanceof ScalarEvent scalar) {
                boolean plain = scalar.isPlain();
                if (ScalarResolver.isMergeKey(scalar.getValue(), plain, scalar.getTag())) {
                    top.skipValue = true;
                } else {
                    top.key = ScalarResolver.keyText(scalar.getValue(), plain, scalar.getTag());
                    if (!top.skipped) {
                        StringBuilder p = new StringBuilder(top.pointer).append('/');
                        Pointers.appendEscaped(p, top.key);
                        table.putIfAbsent(p.toString(), Positions.pack(firstLine + mark.getLine(), mark.getColumn() + 1));
                    }
                }
            } else {
                top.key = "";
            }
            return mapping == null ? null : new Level("", mapping, true);
        } else if (top.mapping) {
            skipped = top.skipped || top.skipValue;
            pointer = skipped ? "" : keyPointer(top);
            top.key = null;
            top.skipValue = false;
        } else {
            skipped = top.skipped;
            pointer = skipped ? "" : top.pointer + "/" + top.nextIndex;
            top.nextIndex++;
            if (!skipped) {
                table.putIfAbsent(pointer, Positions.pack(firstLine + mark.getLine(), mark.getColumn() + 1));
            }
        }
        return mapping == null ? null : new Level(pointer, mapping, skipped);
    }

    private static String keyPointer(Level level) {
        StringBuilder p = new StringBuilder(level.pointer).append('/');
        Pointers.appendEscaped(p, level.key);
        return p.toString();
    }
}
