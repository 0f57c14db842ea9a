package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.YamlDocument;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;
import dev.palisade.lang.Values;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code palisade eval}: evaluates rule-language expressions and prints the values as JSON. */
final class EvalCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "evaluate a rule-language (CEL) expression, or a batch of them";
    }

    @Override
    public String usage() {
        return """
                usage: palisade eval EXPR [--object MANIFEST] [--params FILE] [--bindings FILE.json|FILE.yaml]
                       palisade eval --batch FILE.jsonl

                Compiles and evaluates an expression. --object binds a manifest (one YAML or JSON document,
                such as a Pod or a Deployment) as `object`, as policies see it; --params binds a document as
                `params`; every top-level key of the bindings file is a variable.
                Prints the value as JSON (int64 as numbers, bytes as base64, timestamps in RFC 3339, durations
                like "1.5s"), or the error with a caret under its position.
                --batch reads one {"expr": ..., "bindings": {...}} per line and writes one {"value": ...} or
                {"error": ...} per line, in order.

                exit status: 0 evaluated, 2 when an expression does not compile or fails (in --batch mode: when
                any line does), or on usage errors.""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) throws IOException {
        Arguments args = Arguments.parse(rawArgs, Set.of("bindings", "batch", "object", "params"), Set.of());
        if (args.last("batch").isPresent()) {
            if (!args.positional().isEmpty()) {
                throw new UsageException("--batch takes its expressions from the file; give no EXPR");
            }
            return batch(Path.of(args.last("batch").get()), out);
        }
        if (args.positional().size() != 1) {
            throw new UsageException("give exactly one expression (quote it for the shell)");
        }
        Map<String, Object> bindings = new LinkedHashMap<>();
        if (args.last("bindings").isPresent()) {
            bindings.putAll(readBindings(Path.of(args.last("bindings").get())));
        }
        if (args.last("object").isPresent()) {
            bindings.put("object", single(Path.of(args.last("object").get()), "--object"));
        }
        if (args.last("params").isPresent()) {
            bindings.put("params", single(Path.of(args.last("params").get()), "--params"));
        }
        try {
            Object value = evaluate(args.positional().get(0), bindings);
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Values.toJson(value)));
            return 0;
        } catch (PalisadeException e) {
            err.println(e.getMessage());
            return Main.EXIT_ERROR;
        }
    }

    private static Object evaluate(String expression, Map<String, Object> bindings) {
        Declarations declarations = Declarations.of(bindings.keySet().toArray(String[]::new));
        Program program = Expressions.compile(expression, declarations);
        return program.evaluate(bindings);
    }

    /** The one document of a file. */
    private static JsonNode single(Path file, String option) {
        List<YamlDocument> documents = ManifestReader.create().readDocuments(file);
        if (documents.size() != 1) {
            throw new UsageException(option + " takes a file with one document; " + file + " holds "
                    + documents.size());
        }
        return documents.get(0).content();
    }

    private static Map<String, Object> readBindings(Path file) {
        List<YamlDocument> documents = ManifestReader.create().readDocuments(file);
        if (documents.size() != 1 || !documents.get(0).content().isObject()) {
            throw new PalisadeException("the bindings file must hold one mapping of variable names to values",
                    documents.isEmpty() ? null : documents.get(0).source());
        }
        return fields(documents.get(0).content());
    }

    private static Map<String, Object> fields(JsonNode object) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> bindings.put(e.getKey(), e.getValue()));
        return bindings;
    }

    private static int batch(Path file, PrintStream out) throws IOException {
        boolean failed = false;
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            ObjectNode answer = JSON.createObjectNode();
            try {
                JsonNode request = JSON.readTree(line);
                if (!request.path("expr").isTextual()) {
                    throw new PalisadeException("line " + (i + 1) + ": needs a string field \"expr\"");
                }
                JsonNode bindings = request.path("bindings");
                if (!bindings.isMissingNode() && !bindings.isObject()) {
                    throw new PalisadeException("line " + (i + 1) + ": \"bindings\" must be an object");
                }
                Map<String, Object> values = bindings.isObject() ? fields(bindings) : Map.of();
                answer.set("value", Values.toJson(evaluate(request.path("expr").asText(), values)));
            } catch (PalisadeException e) {
                answer.put("error", e.getMessage());
                failed = true;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                answer.put("error", "line " + (i + 1) + ": not JSON: " + e.getOriginalMessage());
                failed = true;
            }
            out.println(JSON.writeValueAsString(answer));
        }
        out.flush();
        return failed ? Main.EXIT_ERROR : 0;
    }
}
