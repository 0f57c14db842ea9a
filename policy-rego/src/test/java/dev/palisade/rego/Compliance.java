package dev.palisade.rego;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.Value;
import dev.palisade.rego.internal.value.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs OPA's compliance cases ({@code ../shared/conformance/opa-compliance/v1}) the way OPA's test
 * runner does: modules {@code test-N.rego} (Rego v1), data, input or input_term, the query, and
 * either the expected result set or the expected error (code and message text, strict builtin
 * errors when the case asks for them).
 */
final class Compliance {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Compliance() {
    }

    /** One case: its file, note, and the raw JSON. */
    record Case(String file, String note, JsonNode json) {
        String id() {
            return file + " | " + note;
        }
    }

    /** The outcome of running a case. */
    record Outcome(boolean passed, String detail) {
    }

    /** The corpus folder, or {@code null} when absent. */
    static Path corpus() {
        String shared = System.getProperty("palisade.shared", "");
        if (shared.isEmpty()) {
            Path guess = Path.of("..", "..", "shared");
            shared = Files.isDirectory(guess) ? guess.toString() : "";
        }
        if (shared.isEmpty()) {
            return null;
        }
        Path p = Path.of(shared, "conformance", "opa-compliance", "v1");
        return Files.isDirectory(p) ? p : null;
    }

    static List<Case> cases(Path dir) {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(f.toFile());
                for (JsonNode c : root.get("cases")) {
                    out.add(new Case(f.getFileName().toString(), c.get("note").asText(), c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Outcome run(Case c) {
        return run(c, java.util.function.UnaryOperator.identity());
    }

    /** Runs a case with each module's text replaced by {@code modules.apply(text)}. */
    static Outcome run(Case c, java.util.function.UnaryOperator<String> modules) {
        JsonNode j = c.json();
        boolean wantsError = j.has("want_error") || j.has("want_error_code");
        RegoCompiler compiler = Rego.compiler();
        int i = 0;
        for (JsonNode m : j.path("modules")) {
            compiler.module(RegoSource.of("test-" + i++ + ".rego", modules.apply(m.asText())));
        }
        EvaluationOptions.Builder opts = EvaluationOptions.builder()
                .strictBuiltinErrors(j.path("strict_error").asBoolean(false))
                .randomSeed(1);
        if (j.has("data") && !j.get("data").isNull()) {
            opts.data(j.get("data"));
        }
        if (j.has("input_term")) {
            opts.inputRego(j.get("input_term").asText());
        } else if (j.has("input")) {
            opts.input(j.get("input"));
        }
        QueryResult result;
        try {
            RegoProgram program = compiler.compile();
            result = program.prepare(j.get("query").asText()).evaluate(opts.build());
        } catch (RegoException e) {
            if (!wantsError) {
                return new Outcome(false, "unexpected error: " + e.errors());
            }
            return checkError(j, e);
        }
        if (wantsError) {
            return new Outcome(false, "expected error " + j.path("want_error_code").asText("") + " "
                    + j.path("want_error").asText("") + " but got " + result.bindings());
        }
        return checkResult(j, result);
    }

    /**
     * Runs an excluded case (one that uses a built-in family Palisade does not support) and says
     * whether Palisade refused it with an error, as it must: an unsupported built-in may never
     * evaluate to a result. The detail is the first error, or what was evaluated instead.
     */
    static Outcome refuses(Case c) {
        JsonNode j = c.json();
        RegoCompiler compiler = Rego.compiler();
        int i = 0;
        for (JsonNode m : j.path("modules")) {
            compiler.module(RegoSource.of("test-" + i++ + ".rego", m.asText()));
        }
        EvaluationOptions.Builder opts = EvaluationOptions.builder().strictBuiltinErrors(true).randomSeed(1);
        if (j.has("data") && !j.get("data").isNull()) {
            opts.data(j.get("data"));
        }
        if (j.has("input_term")) {
            opts.inputRego(j.get("input_term").asText());
        } else if (j.has("input")) {
            opts.input(j.get("input"));
        }
        try {
            QueryResult result = compiler.compile().prepare(j.get("query").asText()).evaluate(opts.build());
            return new Outcome(false, "evaluated to " + result.bindings() + " instead of refusing the case");
        } catch (RegoException e) {
            RegoError err = e.errors().get(0);
            return new Outcome(true, err.code() + ": " + err.message());
        }
    }

    private static Outcome checkError(JsonNode j, RegoException e) {
        RegoError err = e.errors().get(0);
        String code = j.path("want_error_code").asText("");
        if (!code.isEmpty() && !code.equals(err.code())) {
            return new Outcome(false, "wrong error code: want " + code + ", got " + e.errors());
        }
        String want = j.path("want_error").asText("");
        if (!want.isEmpty()) {
            // OPA prints evaluation errors as file:line: code: message
            String opa = (err.line() > 0 ? err.file() + ":" + err.line() + ": " : "") + err.code() + ": " + err.message();
            if (!opa.contains(want) && !err.message().contains(want)) {
                return new Outcome(false, "wrong error message: want \"" + want + "\", got \"" + opa + "\"");
            }
        }
        return new Outcome(true, "");
    }

    private static Outcome checkResult(JsonNode j, QueryResult result) {
        boolean sort = j.path("sort_bindings").asBoolean(false);
        Set<Value> want = new HashSet<>();
        for (JsonNode b : j.path("want_result")) {
            want.add(binding(b, sort));
        }
        Set<Value> got = new HashSet<>();
        for (Map<String, JsonNode> b : result.bindings()) {
            got.add(binding(JSON.valueToTree(b), sort));
        }
        if (want.equals(got)) {
            return new Outcome(true, "");
        }
        return new Outcome(false, "want " + j.path("want_result") + " got " + result.bindings());
    }

    private static Value binding(JsonNode b, boolean sort) {
        ObjectBuilder ob = new ObjectBuilder();
        Iterator<Map.Entry<String, JsonNode>> it = b.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Value v = Values.materialize(Values.fromJson(e.getValue()));
            if (sort && v instanceof ArrayValue a) {
                Value[] vs = a.toArray();
                Arrays.sort(vs);
                v = ArrayValue.of(vs);
            }
            ob.put(e.getKey(), v);
        }
        return ob.build();
    }

    static SetValue unused() {
        return SetValue.EMPTY;
    }
}
