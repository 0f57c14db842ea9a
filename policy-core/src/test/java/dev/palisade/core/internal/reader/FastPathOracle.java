package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ReaderLimits;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * The differential oracle for the YAML fast path: reads one document's text with {@link FastYamlParser}
 * and with the SnakeYAML path ({@link CodePointStream}, {@link YamlTreeBuilder}) and says whether the
 * fast path declined it or produced exactly what SnakeYAML produces — the same tree (node classes, key
 * order, values), root position, {@code items} starts and pre-order positions. A document the fast
 * path reads and SnakeYAML rejects is a disagreement too.
 */
final class FastPathOracle {
    /** What the fast path did with a document. */
    enum Outcome { HANDLED, DECLINED }

    private FastPathOracle() {
    }

    /**
     * Compares both paths on one document.
     *
     * @throws AssertionError when they disagree, with the text and what differs
     */
    static Outcome compare(String text, ReaderLimits limits) {
        BuiltTree fast = FastYamlParser.parse(text, limits);
        if (fast == null) {
            return Outcome.DECLINED;
        }
        BuiltTree slow;
        try {
            CodePointStream stream = new CodePointStream(text);
            slow = new YamlTreeBuilder(limits).build(new ParserImpl(stream, DocumentParser.parserOptions(text.length() + 1)));
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("the fast path read a document SnakeYAML rejects (" + e + "):\n" + show(text));
        }
        if (fast.root().isPresent() != slow.root().isPresent()) {
            throw new AssertionError("root present: fast " + fast.root().isPresent() + ", SnakeYAML "
                    + slow.root().isPresent() + ":\n" + show(text));
        }
        if (slow.root().isEmpty()) {
            return Outcome.HANDLED;
        }
        String difference = difference(fast.root().get(), slow.root().get(), "");
        if (difference != null) {
            throw new AssertionError("trees differ at " + difference + "\nfast:      " + fast.root().get()
                    + "\nSnakeYAML: " + slow.root().get() + "\n" + show(text));
        }
        check(fast.rootLine() == slow.rootLine() && fast.rootColumn() == slow.rootColumn(), "root position "
                + fast.rootLine() + ":" + fast.rootColumn() + " vs " + slow.rootLine() + ":" + slow.rootColumn(), text);
        check(Arrays.equals(fast.itemLines(), slow.itemLines()) && Arrays.equals(fast.itemColumns(), slow.itemColumns()),
                "items starts " + Arrays.toString(fast.itemLines()) + Arrays.toString(fast.itemColumns()) + " vs "
                        + Arrays.toString(slow.itemLines()) + Arrays.toString(slow.itemColumns()), text);
        check(slow.preorderMarks().isPresent(), "SnakeYAML has no pre-order marks (aliases or merge keys)", text);
        long[] a = fast.preorderMarks().orElseThrow();
        long[] b = slow.preorderMarks().get();
        check(Arrays.equals(a, b), "pre-order positions " + marks(a) + " vs " + marks(b), text);
        return Outcome.HANDLED;
    }

    /** Whether the SnakeYAML path reads the document without an error. */
    static boolean snakeYamlReads(String text, ReaderLimits limits) {
        try {
            new YamlTreeBuilder(limits).build(new ParserImpl(new CodePointStream(text),
                    DocumentParser.parserOptions(text.length() + 1)));
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    private static void check(boolean condition, String what, String text) {
        if (!condition) {
            throw new AssertionError(what + ":\n" + show(text));
        }
    }

    private static String marks(long[] marks) {
        StringBuilder out = new StringBuilder("[");
        for (long mark : marks) {
            out.append(Positions.line(mark)).append(':').append(Positions.column(mark)).append(' ');
        }
        return out.append(']').toString();
    }

    private static String show(String text) {
        return "----\n" + text.replace("\t", "<TAB>").replace("\r", "<CR>") + "\n----";
    }

    /** Where two trees differ (node class, key order, value), or null when they are the same. */
    static String difference(JsonNode a, JsonNode b, String pointer) {
        if (a.getClass() != b.getClass()) {
            return pointer + ": " + a.getClass().getSimpleName() + " " + a + " vs " + b.getClass().getSimpleName()
                    + " " + b;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return pointer + ": " + a.size() + " keys vs " + b.size();
            }
            Iterator<Map.Entry<String, JsonNode>> x = a.fields();
            Iterator<Map.Entry<String, JsonNode>> y = b.fields();
            while (x.hasNext()) {
                Map.Entry<String, JsonNode> p = x.next();
                Map.Entry<String, JsonNode> q = y.next();
                if (!p.getKey().equals(q.getKey())) {
                    return pointer + ": key " + p.getKey() + " vs " + q.getKey();
                }
                String d = difference(p.getValue(), q.getValue(), pointer + "/" + p.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return pointer + ": " + a.size() + " elements vs " + b.size();
            }
            for (int i = 0; i < a.size(); i++) {
                String d = difference(a.get(i), b.get(i), pointer + "/" + i);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a.equals(b) ? null : pointer + ": " + a + " vs " + b;
    }
}
