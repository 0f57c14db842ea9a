package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.FieldPositions;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.ReaderLimits;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * Reads one file, stream or text into documents and into Kubernetes resources. Input is decoded and
 * split into documents while it is read ({@link InputDecoder}, {@link YamlStreamSplitter},
 * {@link JsonStreamSplitter}), so memory is bounded by the largest document, never by the input;
 * each document is parsed on its own, so a malformed document becomes an error at its file line and
 * column and the other documents are still read. Nothing a document holds ends a read with an
 * exception: every problem, including failures inside the YAML parser, is an error located in the
 * file. Immutable and thread-safe.
 */
public final class DocumentParser {
    /**
     * The system property that turns the fast path for Kubernetes YAML ({@link FastYamlParser}) off
     * when set to {@code false}; it is on otherwise.
     */
    public static final String FAST_PATH_PROPERTY = "palisade.yaml.fastPath";

    private final ReaderLimits limits;
    private final JsonStreamReader json;
    private final boolean fastPath;

    /** Receives the documents of one input, in order, and its errors. */
    interface DocumentHandler {
        void document(ParsedDocument document);

        void error(EvaluationError error);
    }

    /** Receives resources and errors. */
    public interface ResourceHandler {
        /** A Kubernetes object read. */
        void resource(Resource resource);

        /** Something that could not be read. */
        void error(EvaluationError error);
    }

    /** What one input held, for classifying its file: counts, and errors in documents with Go template markup. */
    public static final class Outcome {
        private int resources;
        private int errors;
        private int notObjects;
        private int firstNotObjectLine;
        private int templateErrors;
        private boolean lenient;

        /** Resources read. */
        public int resources() {
            return resources;
        }

        /** Errors reported. */
        public int errors() {
            return errors;
        }

        /** Documents that are not Kubernetes objects (no apiVersion and kind), skipped. */
        public int notObjects() {
            return notObjects;
        }

        /** The line of the first such document. */
        public int firstNotObjectLine() {
            return firstNotObjectLine;
        }

        /** Errors in documents that hold template markup (they are likely templates, not manifests). */
        public int templateErrors() {
            return templateErrors;
        }
    }

    /** Ends reading one input early (after a JSON syntax error: JSON has no separator to resume at). */
    private static final class StopInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopInput() {
            super(null, null, false, false);
        }
    }

    /** A parser with the fast path as the {@value #FAST_PATH_PROPERTY} system property says (on by default). */
    public DocumentParser(ReaderLimits limits) {
        this(limits, fastPathByDefault());
    }

    /**
     * A parser that reads YAML documents with the fast path first ({@code fastPath}), falling back to
     * SnakeYAML for each document it declines, or with SnakeYAML only.
     */
    public DocumentParser(ReaderLimits limits, boolean fastPath) {
        this.limits = limits;
        this.json = new JsonStreamReader(limits);
        this.fastPath = fastPath;
    }

    /** Whether the fast path is on unless a reader says otherwise: the {@value #FAST_PATH_PROPERTY} property. */
    public static boolean fastPathByDefault() {
        return !"false".equalsIgnoreCase(System.getProperty(FAST_PATH_PROPERTY, "true").trim());
    }

    /** Whether YAML documents are read with the fast path first. */
    public boolean fastPath() {
        return fastPath;
    }

    /**
     * Documents that need not be Kubernetes objects.
     *
     * @throws PalisadeException for the first malformed document, with its position
     */
    public List<YamlDocument> parseDocuments(String name, String content) {
        List<YamlDocument> documents = new ArrayList<>();
        readText(name, content, documentsHandler(documents), new Outcome());
        return documents;
    }

    /**
     * Documents of a stream that need not be Kubernetes objects; does not close the stream.
     *
     * @throws PalisadeException when the stream cannot be read or for the first malformed document
     */
    public List<YamlDocument> parseDocuments(String name, InputStream in) {
        List<YamlDocument> documents = new ArrayList<>();
        readInput(name, in, documentsHandler(documents), new Outcome());
        return documents;
    }

    private static DocumentHandler documentsHandler(List<YamlDocument> documents) {
        return new DocumentHandler() {
            @Override
            public void document(ParsedDocument document) {
                documents.add(new YamlDocument(document.root(), document.source(), document.positions()));
            }

            @Override
            public void error(EvaluationError error) {
                throw new PalisadeException(error.message(), error.location());
            }
        };
    }

    /**
     * Kubernetes resources of text already in memory, each error reported while the rest is still
     * read. Unless {@code strict}, documents without apiVersion and kind are counted, not errors.
     */
    public Outcome parseResources(String name, String content, boolean strict, ResourceHandler handler) {
        Outcome outcome = new Outcome();
        outcome.lenient = !strict;
        readText(name, content, resourcesHandler(strict, handler, outcome), outcome);
        return outcome;
    }

    /** Kubernetes resources of a stream, read as it arrives; does not close the stream. */
    public Outcome readResources(String name, InputStream in, boolean strict, ResourceHandler handler) {
        Outcome outcome = new Outcome();
        outcome.lenient = !strict;
        readInput(name, in, resourcesHandler(strict, handler, outcome), outcome);
        return outcome;
    }

    private DocumentHandler resourcesHandler(boolean strict, ResourceHandler handler, Outcome outcome) {
        return new DocumentHandler() {
            @Override
            public void document(ParsedDocument document) {
                emit(document.root(), "", document.source(), document, strict, handler, outcome);
            }

            @Override
            public void error(EvaluationError error) {
                outcome.errors++;
                handler.error(error);
            }
        };
    }

    private void readText(String name, String content, DocumentHandler handler, Outcome outcome) {
        String text = !content.isEmpty() && content.charAt(0) == '\uFEFF' ? content.substring(1) : content;
        if (text.length() > limits.maxFileBytes() || utf8Length(text, 0, text.length(), limits.maxFileBytes())
                > limits.maxFileBytes()) {
            handler.error(EvaluationError.of(new SourceLocation(name, 0, 1, 1),
                    LimitMessages.fileTooLarge(limits.maxFileBytes())));
            return;
        }
        try {
            split(name, CharSource.of(text), text, null, "UTF-8", handler, outcome);
        } catch (IOException e) {
            throw new IllegalStateException("reading text in memory cannot fail", e);
        }
    }

    private void readInput(String name, InputStream in, DocumentHandler handler, Outcome outcome) {
        try {
            InputDecoder decoder = InputDecoder.open(in, limits.maxFileBytes());
            split(name, decoder, null, decoder, decoder.encoding(), handler, outcome);
        } catch (InputDecoder.EncodingProblem e) {
            handler.error(EvaluationError.of(new SourceLocation(name, 0, e.line, e.column), e.getMessage()));
        } catch (InputDecoder.TooLarge e) {
            handler.error(EvaluationError.of(new SourceLocation(name, 0, 1, 1),
                    LimitMessages.fileTooLarge(limits.maxFileBytes())));
        } catch (IOException e) {
            handler.error(EvaluationError.of(SourceLocation.UNKNOWN, cannotRead(name, e)));
        }
    }

    /** {@code cannot read NAME: reason}, with the operating system's reason in words, not an exception name. */
    public static String cannotRead(String name, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason().toLowerCase(Locale.ROOT);
        } else if (e.getMessage() != null && !e.getMessage().isBlank()) {
            reason = e.getMessage().toLowerCase(Locale.ROOT);
        } else {
            reason = "input/output error";
        }
        return "cannot read " + name + ": " + reason;
    }

    /** Splits a source into documents; {@code whole} is the source's text when it is already in memory. */
    private void split(String name, CharSource source, String whole, InputDecoder decoder, String encoding,
            DocumentHandler handler, Outcome outcome) throws IOException {
        java.util.ArrayDeque<InputDecoder.Malformed> malformed = decoder == null ? null : decoder.malformed();
        String lowerName = name.toLowerCase(Locale.ROOT);
        if (whole != null && (lowerName.endsWith(".yaml") || lowerName.endsWith(".yml"))) {
            // YAML by its name and already in memory: nothing to sniff.
            yamlText(name, whole, encoding, handler, outcome);
            return;
        }
        Sniffed sniffed = Sniffed.of(source, whole == null ? 4096 : Math.max(1, Math.min(4096, whole.length())));
        try {
            if (isJson(name, sniffed)) {
                new JsonStreamSplitter(limits.maxDocumentBytes(), malformed,
                        document -> jsonDocument(name, document, encoding, handler, outcome)).split(sniffed.source());
            } else {
                if (whole != null) {
                    yamlText(name, whole, encoding, handler, outcome);
                } else {
                    new YamlStreamSplitter(limits.maxDocumentBytes(), malformed,
                            document -> yamlDocument(name, document, encoding, handler, outcome, fastPath))
                            .split(sniffed.source());
                }
            }
        } catch (StopInput stop) {
            // A JSON syntax error was reported; the rest of the input cannot be resynchronised.
        }
    }

    /**
     * A YAML stream already in memory. With the fast path on, each document is found and parsed in the
     * same pass over the text's characters, straight from one array holding them
     * ({@link FastYamlParser#parseNext}); a document the fast path declines, or one over the size
     * limit, is cut by a {@link YamlStreamSplitter} started at that document, which stops after it
     * — the same documents, indices and lines either way — and the fast path goes on after it.
     */
    private void yamlText(String name, String whole, String encoding, DocumentHandler handler, Outcome outcome)
            throws IOException {
        if (!fastPath) {
            new YamlStreamSplitter(limits.maxDocumentBytes(), null,
                    document -> yamlDocument(name, document, encoding, handler, outcome, false)).splitText(whole);
            return;
        }
        int length = whole.length();
        char[] chars = new char[length + 2];
        whole.getChars(0, length, chars, 0);
        int start = 0;
        int line = 1;
        int index = 0;
        while (start < length) {
            FastYamlParser.Next next = FastYamlParser.parseNext(chars, start, length, limits);
            if (next != null && next.end() > start && !tooLarge(whole, start, next.end())) {
                if (next.counted()) {
                    BuiltTree tree = next.tree();
                    if (tree.root().isPresent()) {
                        handler.document(document(name, index, line, tree, preorderPositions(name, index, line, tree)));
                    }
                    index++;
                }
                start = next.end();
                line += next.lines();
                continue;
            }
            // This document is the splitter's (and SnakeYAML's, when the fast path declined it).
            boolean tryFastPath = next != null;
            YamlStreamSplitter splitter = new YamlStreamSplitter(limits.maxDocumentBytes(), null,
                    document -> yamlDocument(name, document, encoding, handler, outcome, tryFastPath));
            if (!splitter.splitOne(whole, start, line, index)) {
                return;
            }
            start = splitter.nextStart();
            line = splitter.nextLine();
            index = splitter.nextIndex();
        }
    }

    /** Whether the text {@code [start, end)} is over the document-size limit (UTF-8 bytes). */
    private boolean tooLarge(String text, int start, int end) {
        return (long) (end - start) * 3 > limits.maxDocumentBytes()
                && utf8Length(text, start, end, limits.maxDocumentBytes()) > limits.maxDocumentBytes();
    }

    /** The first characters of an input, read ahead to tell JSON from YAML, and the source replaying them. */
    private record Sniffed(char[] head, int length, CharSource source) {
        static Sniffed of(CharSource source, int size) throws IOException {
            char[] head = new char[size];
            int length = 0;
            int n;
            while (length < head.length && (n = source.read(head, length, head.length - length)) >= 0) {
                length += n;
                if (nonBlanks(head, length) >= 2) {
                    break;
                }
            }
            int replayed = length;
            CharSource replay = new CharSource() {
                private int position;

                @Override
                public int read(char[] target, int offset, int count) throws IOException {
                    if (position < replayed) {
                        int k = Math.min(count, replayed - position);
                        System.arraycopy(head, position, target, offset, k);
                        position += k;
                        return k;
                    }
                    return source.read(target, offset, count);
                }
            };
            return new Sniffed(head, length, replay);
        }

        private static int nonBlanks(char[] head, int length) {
            int count = 0;
            for (int i = 0; i < length && count < 2; i++) {
                if (!isBlank(head[i])) {
                    count++;
                }
            }
            return count;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * JSON when the name says so, or when an input whose name does not say YAML (standard input,
     * {@code kubectl get -o json} output) starts with <code>{</code> and a quoted key; a YAML flow
     * mapping ({@code {apiVersion: v1}}) has unquoted keys and stays YAML.
     */
    private static boolean isJson(String name, Sniffed sniffed) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return true;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return false;
        }
        int i = 0;
        while (i < sniffed.length() && isBlank(sniffed.head()[i])) {
            i++;
        }
        if (i >= sniffed.length() || sniffed.head()[i] != '{') {
            return false;
        }
        i++;
        while (i < sniffed.length() && isBlank(sniffed.head()[i])) {
            i++;
        }
        return i < sniffed.length() && (sniffed.head()[i] == '"' || sniffed.head()[i] == '}');
    }

    /** An error for a document that has no text to parse: invalid bytes, or over the size limit. */
    private boolean unreadable(String name, DocumentText document, String encoding, DocumentHandler handler) {
        if (document.invalidBytes() != null) {
            DocumentText.InvalidBytes bad = document.invalidBytes();
            handler.error(EvaluationError.of(new SourceLocation(name, document.index(), bad.line(), bad.column()),
                    "bytes " + bad.bytes() + " are not valid " + encoding + "; save the file as " + encoding
                            + " (an editor's \"reopen with encoding\" shows which characters are affected)"));
            return true;
        }
        if (document.tooLarge()) {
            handler.error(EvaluationError.of(new SourceLocation(name, document.index(), document.firstLine(),
                    document.firstColumn()), LimitMessages.documentTooLarge(limits.maxDocumentBytes())));
            return true;
        }
        return false;
    }

    /**
     * One YAML document: the single place where a document's text becomes a tree, and where every
     * failure of the parser becomes an error located in the file.
     */
    private void yamlDocument(String name, DocumentText document, String encoding, DocumentHandler handler,
            Outcome outcome, boolean tryFastPath) {
        if (unreadable(name, document, encoding, handler)) {
            return;
        }
        String text = document.text();
        int firstLine = document.firstLine();
        if (tryFastPath) {
            BuiltTree fast = FastYamlParser.parse(text, limits, document.fastPathCharacters());
            if (fast != null) {
                if (fast.root().isPresent()) {
                    handler.document(document(name, document.index(), firstLine, fast,
                            yamlPositions(name, document, fast)));
                }
                return;
            }
        }
        EvaluationError error = null;
        CodePointStream stream = null;
        BuiltTree tree = null;
        try {
            stream = new CodePointStream(text);
            tree = new YamlTreeBuilder(limits).build(new ParserImpl(stream, parserOptions(text.length() + 1)));
        } catch (CodePointStream.NonPrintable e) {
            error = at(name, document, e.line, e.column, e.getMessage());
        } catch (ReadProblem problem) {
            error = at(name, document, problem.line(), problem.column(), problem.getMessage());
        } catch (YamlTreeBuilder.DuplicateKeyProblem duplicate) {
            Long first = YamlPositionIndexer.index(text, firstLine).get(duplicate.pointer);
            error = at(name, document, duplicate.line, duplicate.column,
                    duplicateKeyMessage(duplicate.key, first == null ? 0 : Positions.line(first)));
        } catch (MarkedYAMLException e) {
            boolean atEnd = e.getProblem() != null && (e.getProblem().contains("end of stream")
                    || e.getProblem().contains("<stream end>"));
            Mark mark = e.getProblemMark() != null && !(atEnd && e.getContextMark() != null)
                    ? e.getProblemMark() : e.getContextMark();
            error = at(name, document, mark == null ? 0 : mark.getLine(), mark == null ? 0 : mark.getColumn(),
                    ParserMessages.describe(e));
        } catch (YAMLException e) {
            Mark mark = stream == null ? null : stream.getMark();
            error = at(name, document, mark == null ? 0 : mark.getLine(), mark == null ? 0 : mark.getColumn(),
                    "malformed YAML (YAML parser: " + e.getMessage() + ")");
        } catch (RuntimeException | StackOverflowError e) {
            Mark mark = stream == null ? null : stream.getMark();
            error = at(name, document, mark == null ? 0 : mark.getLine(), mark == null ? 0 : mark.getColumn(),
                    "the YAML parser failed on this document near here (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "); check the syntax at this position, and report the input to Palisade");
        }
        if (error != null) {
            if (document.templateMarkup()) {
                outcome.templateErrors++;
            }
            handler.error(error);
        } else if (tree.root().isPresent()) {
            handler.document(document(name, document.index(), firstLine, tree, yamlPositions(name, document, tree)));
        }
    }

    /**
     * Field positions of a YAML document: from the marks recorded while parsing when there are
     * any (the text is then not kept), else by re-reading the document's own text on first use.
     */
    private static DocumentPositions yamlPositions(String name, DocumentText document, BuiltTree tree) {
        int firstLine = document.firstLine();
        if (tree.preorderMarks().isPresent()) {
            return preorderPositions(name, document.index(), firstLine, tree);
        }
        String text = document.text();
        return new DocumentPositions(name, document.index(), () -> YamlPositionIndexer.index(text, firstLine));
    }

    /** Field positions from the marks a tree was built with. */
    private static DocumentPositions preorderPositions(String name, int index, int firstLine, BuiltTree tree) {
        return new DocumentPositions(name, index, null,
                new PreorderPositions(tree.root().orElseThrow(), tree.preorderMarks().orElseThrow(), firstLine));
    }

    private void jsonDocument(String name, DocumentText document, String encoding, DocumentHandler handler,
            Outcome outcome) {
        if (unreadable(name, document, encoding, handler)) {
            throw new StopInput();
        }
        String text = document.text();
        if (outcome.lenient && document.index() == 0 && !startsLikeJsonObject(text)) {
            // Not even JSON text (a page, a template): it cannot be a Kubernetes object.
            outcome.notObjects++;
            outcome.firstNotObjectLine = document.firstLine();
            throw new StopInput();
        }
        int lineOffset = document.firstLine() - 1;
        boolean[] failed = new boolean[1];
        json.read(text, lineOffset, new JsonStreamReader.Handler() {
            @Override
            public void document(int index, BuiltTree tree) {
                if (tree.root().isPresent()) {
                    DocumentPositions positions = new DocumentPositions(name, document.index(),
                            () -> json.positions(text, 0, lineOffset));
                    handler.document(DocumentParser.document(name, document.index(), document.firstLine(), tree,
                            positions));
                }
            }

            @Override
            public void problem(int index, String message, int line, int column) {
                failed[0] = true;
                handler.error(EvaluationError.of(new SourceLocation(name, document.index(), line + lineOffset, column),
                        message));
            }
        });
        if (failed[0]) {
            throw new StopInput();
        }
    }

    private static boolean startsLikeJsonObject(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isBlank(c)) {
                return c == '{' || c == '[';
            }
        }
        return true;
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

    private static EvaluationError at(String name, DocumentText document, int line, int column, String message) {
        return EvaluationError.of(new SourceLocation(name, document.index(), document.firstLine() + line, column + 1),
                message);
    }

    /** The message for a key written twice in one mapping. */
    static String duplicateKeyMessage(String key, int firstLine) {
        return "duplicate key \"" + key + "\"" + (firstLine > 0 ? " (first on line " + firstLine + ")" : "")
                + "; Kubernetes rejects objects with a key written twice, remove one of them";
    }

    /**
     * Whether a top-level document is something other than a Kubernetes object: not a mapping, no
     * apiVersion and kind, or a Helm chart repository index ({@code apiVersion} and {@code entries}).
     */
    private static boolean notAnObject(JsonNode node) {
        return !node.isObject() || !node.has("apiVersion") && !node.has("kind")
                || !node.has("kind") && node.has("entries") && node.path("apiVersion").isTextual();
    }

    private static void emit(JsonNode node, String pointer, SourceLocation source, ParsedDocument document,
            boolean strict, ResourceHandler handler, Outcome outcome) {
        if (pointer.isEmpty() && !strict && notAnObject(node)) {
            if (outcome.notObjects++ == 0) {
                outcome.firstNotObjectLine = source.line();
            }
            return;
        }
        String what = pointer.isEmpty() ? "document" : "list item " + pointer;
        if (!node.isObject()) {
            outcome.errors++;
            handler.error(EvaluationError.of(source, what + " is not a mapping; a Kubernetes object is a mapping"
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
            outcome.errors++;
            handler.error(EvaluationError.of(source, what + problem + "; every Kubernetes object needs a string"
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
                emit(items.get(i), itemPointer, itemSource, document, strict, handler, outcome);
            }
            return;
        }
        FieldPositions positions = pointer.isEmpty() ? document.positions() : document.positions().under(pointer);
        outcome.resources++;
        handler.resource(Resource.of(node, source, positions));
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
