package dev.palisade.lang;

import dev.palisade.testing.Required;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Language-level check against the Gatekeeper library: every {@code K8sNativeValidation} expression
 * compiles, and evaluating the templates' validations on the suites' sample objects gives the
 * verdicts their gator suites assert (variables bound lazily, {@code anyObject} and {@code params}
 * as Gatekeeper defines them).
 */
class GatekeeperCelExpressionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void libraryExpressionsCompileAndSuiteVerdictsMatch() throws IOException {
        Path library = Required.shared("conformance/gatekeeper-library/library");
        List<Path> templates;
        try (Stream<Path> s = Files.walk(library)) {
            templates = s.filter(p -> p.getFileName().toString().equals("template.yaml")).sorted().toList();
        }
        int expressions = 0;
        int cases = 0;
        List<String> problems = new ArrayList<>();
        for (Path template : templates) {
            Map<String, Object> source = celSource(load(template).get(0));
            if (source == null) {
                continue;
            }
            Declarations decls = Declarations.admission();
            Map<String, Program> variables = new LinkedHashMap<>();
            List<Program> validations = new ArrayList<>();
            try {
                for (Map<String, Object> v : list(source.get("variables"))) {
                    variables.put((String) v.get("name"), Expressions.compile((String) v.get("expression"), decls));
                    expressions++;
                }
                for (Map<String, Object> v : list(source.get("validations"))) {
                    validations.add(Expressions.compile((String) v.get("expression"), decls));
                    expressions++;
                    if (v.get("messageExpression") instanceof String m) {
                        Expressions.compile(m, decls);
                        expressions++;
                    }
                }
            } catch (CompileException e) {
                problems.add(template + ": " + e.getMessage());
                continue;
            }
            Path dir = template.getParent();
            Map<String, Object> suite = load(dir.resolve("suite.yaml")).get(0);
            for (Map<String, Object> test : list(suite.get("tests"))) {
                JsonNode constraint = JSON.valueToTree(load(dir.resolve((String) test.get("constraint"))).get(0));
                JsonNode params = constraint.path("spec").has("parameters")
                        ? constraint.path("spec").path("parameters") : JSON.createObjectNode();
                for (Map<String, Object> c : list(test.get("cases"))) {
                    if (!(c.get("object") instanceof String objectFile)) {
                        continue;
                    }
                    JsonNode doc = JSON.valueToTree(load(dir.resolve(objectFile)).get(0));
                    boolean review = "AdmissionReview".equals(doc.path("kind").asText());
                    JsonNode object = review ? doc.path("request").path("object") : doc;
                    String operation = review ? doc.path("request").path("operation").asText("CREATE") : "CREATE";
                    int violations = violations(variables, validations, object, params, operation);
                    cases++;
                    for (Map<String, Object> a : list(c.get("assertions"))) {
                        Object expected = a.get("violations");
                        boolean ok = expected instanceof Integer n ? violations == n
                                : isYes(expected) == (violations > 0);
                        if (!ok) {
                            problems.add(dir.getFileName() + "/" + c.get("name") + ": expected violations " + expected
                                    + ", got " + violations);
                        }
                    }
                }
            }
        }
        System.out.printf("Gatekeeper CEL: %d expressions compiled, %d suite cases evaluated, %d problems%n",
                expressions, cases, problems.size());
        assertTrue(expressions > 150, "expected the library's CEL expressions, found " + expressions);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static boolean isYes(Object v) {
        return Boolean.TRUE.equals(v) || "yes".equals(v);
    }

    private static int violations(Map<String, Program> variables, List<Program> validations, JsonNode object,
            JsonNode params, String operation) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> request = Map.of("operation", operation);
        Bindings bindings = name -> switch (name) {
            case "object" -> object;
            case "oldObject", "namespaceObject" -> null;
            case "request" -> request;
            case "params" -> params;
            case "variables" -> vars;
            default -> null;
        };
        CostMeter meter = CostMeter.kubernetes();
        vars.put("anyObject", object);
        vars.put("params", params);
        variables.forEach((name, program) -> vars.put(name,
                Bindings.memoize((Supplier<Object>) () -> program.evaluate(bindings, meter))));
        int count = 0;
        for (Program p : validations) {
            Object result;
            try {
                result = p.evaluate(bindings, meter);
            } catch (EvaluationException e) {
                result = e;
            }
            if (!Boolean.TRUE.equals(result)) {
                count++;
            }
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> celSource(Map<String, Object> template) {
        Map<String, Object> spec = (Map<String, Object>) template.get("spec");
        for (Map<String, Object> target : list(spec.get("targets"))) {
            for (Map<String, Object> code : list(target.get("code"))) {
                if ("K8sNativeValidation".equals(code.get("engine"))) {
                    return (Map<String, Object>) code.get("source");
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : new Yaml().loadAll(Files.readString(file))) {
            if (d instanceof Map<?, ?> m) {
                docs.add((Map<String, Object>) m);
            }
        }
        return docs;
    }
}
