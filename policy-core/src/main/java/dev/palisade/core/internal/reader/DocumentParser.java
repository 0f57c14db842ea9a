package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.FieldPositions;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.ReaderLimits;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads the text of one file or stream into documents (YAML streams split by
 * {@link DocumentSplitter}, each parsed on its own; JSON by {@link JsonStreamReader}) and into
 * Kubernetes resources ({@code apiVersion} and {@code kind} required, lists flattened). A malformed
 * document becomes an error at its file line and column; the other documents are still read.
 * Immutable and thread-safe.
 */
public final class DocumentParser {
    private final ReaderLimits limits;
    private final JsonStreamReader json;

    /** Receives the documents of one input, in order, and its errors. */
    interface DocumentHandler {
        void document(ParsedDocument document);

        void error(EvaluationError error);
    }

    public DocumentParser(ReaderLimits limits) {
        this.limits = limits;
        this.json = new JsonStreamReader(limits);
    }

    /**
     * Documents that need not be Kubernetes objects.
     *
     * @throws PalisadeException for the first malformed document, with its position
     */
    public List<YamlDocument> parseDocuments(String name, String content) {
        List<YamlDocument> documents = new ArrayList<>();
        parse(name, content, new DocumentHandler() {
            private boolean failed;

            @Override
            public void document(ParsedDocument document) {
                if (!failed) {
                    documents.add(new YamlDocument(document.root(), document.source(), document.positions()));
                }
            }

            @Override
            public void error(EvaluationError error) {
                if (!failed) {
                    failed = true;
                    throw new PalisadeException(error.message(), error.location());
                }
            }
        });
        return documents;
    }

    /** Kubernetes resources, each error reported while the rest is still read. */
    public void parseResources(String name, String content, Consumer<Resource> resources,
            Consumer<EvaluationError> errors) {
        parse(name, content, new DocumentHandler() {
            @Override
            public void document(ParsedDocument document) {
                emit(document.root(), "", document.source(), document, resources, errors);
            }

            @Override
            public void error(EvaluationError error) {
                errors.accept(error);
            }
        });
    }

    private void parse(String name, String content, DocumentHandler handler) {
        String text = !content.isEmpty() && content.charAt(0) == '\uFEFF' ? content.substring(1) : content;
        if (text.length() > limits.maxFileBytes() || utf8Length(text, 0, text.length(), limits.maxFileBytes())
                > limits.maxFileBytes()) {
            handler.error(EvaluationError.of(new SourceLocation(name, 0, 1, 1),
                    LimitMessages.fileTooLarge(limits.maxFileBytes())));
            return;
        }
        if (isJson(name, text)) {
            parseJson(name, text, handler);
        } else {
            for (DocumentSlice slice : DocumentSplitter.split(text)) {
                parseYaml(name, text, slice, handler);
            }
        }
    }

    /**
     * JSON when the name says so, or when an input whose name does not say YAML (standard input,
     * {@code kubectl get -o json} output) starts with <code>{</code> and a quoted key; a YAML flow
     * mapping ({@code {apiVersion: v1}}) has unquoted keys and stays YAML.
     */
    private static boolean isJson(String name, String text) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return true;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return false;
        }
        int brace = nextNonBlank(text, 0);
        if (brace < 0 || text.charAt(brace) != '{') {
            return false;
        }
        int key = nextNonBlank(text, brace + 1);
        return key >= 0 && (text.charAt(key) == '"' || text.charAt(key) == '}');
    }

    private static int nextNonBlank(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    private void parseYaml(String name, String text, DocumentSlice slice, DocumentHandler handler) {
        long size = utf8Length(text, slice.start(), slice.end(), limits.maxDocumentBytes());
        if (size > limits.maxDocumentBytes()) {
            handler.error(EvaluationError.of(new SourceLocation(name, slice.index(), slice.firstLine(), 1),
                    LimitMessages.documentTooLarge(limits.maxDocumentBytes())));
            return;
        }
        BuiltTree tree;
        try {
            ParserImpl parser = new ParserImpl(new StreamReader(text.substring(slice.start(), slice.end())),
                    parserOptions(slice.length() + 1));
            tree = new YamlTreeBuilder(limits).build(parser);
        } catch (ReadProblem problem) {
            handler.error(at(name, slice, problem.line(), problem.column(), problem.getMessage()));
            return;
        } catch (YamlTreeBuilder.DuplicateKeyProblem duplicate) {
            Long first = YamlPositionIndexer.index(text, slice).get(duplicate.pointer);
            handler.error(at(name, slice, duplicate.line, duplicate.column,
                    duplicateKeyMessage(duplicate.key, first == null ? 0 : Positions.line(first))));
            return;
        } catch (MarkedYAMLException e) {
            boolean atEnd = e.getProblem() != null && (e.getProblem().contains("end of stream")
                    || e.getProblem().contains("<stream end>"));
            Mark mark = e.getProblemMark() != null && !(atEnd && e.getContextMark() != null)
                    ? e.getProblemMark() : e.getContextMark();
            handler.error(at(name, slice, mark == null ? 0 : mark.getLine(), mark == null ? 0 : mark.getColumn(),
                    ParserMessages.describe(e)));
            return;
        } catch (ReaderException e) {
            handler.error(nonPrintable(name, text, slice, e));
            return;
        } catch (YAMLException e) {
            handler.error(at(name, slice, 0, 0, "malformed YAML (YAML parser: " + e.getMessage() + ")"));
            return;
        }
        if (tree.root().isEmpty()) {
            return;
        }
        BuiltTree built = tree;
        DocumentPositions positions = new DocumentPositions(name, slice.index(),
                () -> YamlPositionIndexer.index(text, slice), built.preorderMarks()
                        .map(marks -> new PreorderPositions(built.root().orElseThrow(), marks, slice.firstLine()))
                        .orElse(null));
        handler.document(document(name, slice.index(), slice.firstLine(), tree, positions));
    }

    private void parseJson(String name, String text, DocumentHandler handler) {
        json.read(text, new JsonStreamReader.Handler() {
            @Override
            public void document(int index, BuiltTree tree) {
                if (tree.root().isPresent()) {
                    DocumentPositions positions = new DocumentPositions(name, index, () -> json.positions(text, index));
                    handler.document(DocumentParser.document(name, index, 1, tree, positions));
                }
            }

            @Override
            public void problem(int index, String message, int line, int column) {
                handler.error(EvaluationError.of(new SourceLocation(name, index, line, column), message));
            }
        });
    }

    private static ParsedDocument document(String name, int index, int firstLine, BuiltTree tree,
            DocumentPositions positions) {
        int[] lines = tree.itemLines();
        int[] columns = tree.itemColumns();
        for (int i = 0; i < lines.length; i++) {
            lines[i] += firstLine;
            columns[i] += 1;
        }
        SourceLocation source = new SourceLocation(name, index, firstLine + tree.rootLine(), tree.rootColumn() + 1);
        return new ParsedDocument(tree.root().orElseThrow(), source, positions, lines, columns);
    }

    private static EvaluationError at(String name, DocumentSlice slice, int line, int column, String message) {
        return EvaluationError.of(new SourceLocation(name, slice.index(), slice.firstLine() + line, column + 1), message);
    }

    /** A character YAML does not allow, located by its code-point position within the slice. */
    private static EvaluationError nonPrintable(String name, String text, DocumentSlice slice, ReaderException e) {
        int offset = codePointOffset(text, slice.start(), e.getPosition());
        int line = slice.firstLine();
        int lineStart = slice.start();
        for (int i = slice.start(); i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        return EvaluationError.of(new SourceLocation(name, slice.index(), line, offset - lineStart + 1),
                String.format("character U+%04X is not allowed in YAML; remove it or write it as an escape"
                        + " (\\u%04X) inside a double-quoted string", e.getCodePoint(), e.getCodePoint()));
    }

    private static int codePointOffset(String text, int start, int codePoints) {
        try {
            return text.offsetByCodePoints(start, codePoints);
        } catch (IndexOutOfBoundsException e) {
            return start;
        }
    }

    /** The message for a key written twice in one mapping. */
    static String duplicateKeyMessage(String key, int firstLine) {
        return "duplicate key \"" + key + "\"" + (firstLine > 0 ? " (first on line " + firstLine + ")" : "")
                + "; Kubernetes rejects objects with a key written twice, remove one of them";
    }

    private static void emit(JsonNode node, String pointer, SourceLocation source, ParsedDocument document,
            Consumer<Resource> resources, Consumer<EvaluationError> errors) {
        String what = pointer.isEmpty() ? "document" : "list item " + pointer;
        if (!node.isObject()) {
            errors.accept(EvaluationError.of(source, what + " is not a mapping; a Kubernetes object is a mapping"
                    + " with apiVersion and kind"));
            return;
        }
        JsonNode apiVersion = node.get("apiVersion");
        JsonNode kind = node.get("kind");
        boolean hasApiVersion = apiVersion != null && apiVersion.isTextual() && !apiVersion.textValue().isEmpty();
        boolean hasKind = kind != null && kind.isTextual() && !kind.textValue().isEmpty();
        if (!hasApiVersion || !hasKind) {
            String problem;
            if (apiVersion == null && kind == null) {
                problem = " has no apiVersion and kind";
            } else if (!hasApiVersion) {
                problem = apiVersion == null ? " has no apiVersion" : " has apiVersion " + apiVersion + ", not a name";
            } else {
                problem = kind == null ? " has no kind" : " has kind " + kind + ", not a name";
            }
            errors.accept(EvaluationError.of(source, what + problem + "; every Kubernetes object needs a string"
                    + " apiVersion (such as apps/v1) and kind (such as Deployment); quote values such as \"on\""
                    + " that YAML reads as booleans or numbers"));
            return;
        }
        JsonNode items = node.get("items");
        if (kind.textValue().endsWith("List") && items != null && items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                String itemPointer = pointer + "/items/" + i;
                SourceLocation itemSource;
                if (pointer.isEmpty() && i < document.itemLines().length) {
                    itemSource = source.at(document.itemLines()[i], document.itemColumns()[i]);
                } else {
                    itemSource = document.positions().locate(itemPointer).orElse(source);
                }
                emit(items.get(i), itemPointer, itemSource, document, resources, errors);
            }
            return;
        }
        FieldPositions positions = pointer.isEmpty() ? document.positions() : document.positions().under(pointer);
        resources.accept(Resource.of(node, source, positions));
    }

    /** SnakeYAML options for one document of at most {@code codePoints} characters. */
    static LoaderOptions parserOptions(int codePoints) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(codePoints, 1));
        options.setNestingDepthLimit(Integer.MAX_VALUE);
        options.setProcessComments(false);
        return options;
    }

    /** UTF-8 length of {@code text[start, end)}, counting stops once it passes {@code stopAbove}. */
    static long utf8Length(String text, int start, int end, long stopAbove) {
        if ((long) (end - start) * 3 <= stopAbove) {
            return end - start;
        }
        long bytes = 0;
        for (int i = start; i < end && bytes <= stopAbove; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
