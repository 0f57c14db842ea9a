package dev.palisade.rego.internal.ast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The formatter and the parser agree: formatting a parsed module and parsing the result gives the
 * same syntax tree (compared through its formatted text), for OPA's compliance modules, the
 * Gatekeeper library's templates (v0, printed as v1) and random terms.
 */
class FormatterTest {

    private static String roundTrip(String src, boolean v1) {
        String once = Formatter.format(Parser.parseModule("a.rego", src, 1, 0, v1));
        String twice;
        try {
            twice = Formatter.format(Parser.parseModule("b.rego", once, 1, 0, true));
        } catch (ParseException e) {
            throw new AssertionError("formatted module does not parse: " + e.getMessage() + "\n" + once, e);
        }
        assertEquals(once, twice, "formatting is not stable for:\n" + src);
        return once;
    }

    static List<String> complianceModules() throws IOException {
        Path dir = Path.of("..", "..", "shared", "conformance", "opa-compliance", "v1");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode c : json.readTree(f.toFile()).get("cases")) {
                    for (JsonNode m : c.path("modules")) {
                        out.add(m.asText());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void complianceModulesRoundTrip() throws IOException {
        List<String> modules = complianceModules();
        int checked = 0;
        for (String m : modules) {
            try {
                Parser.parseModule("a.rego", m, 1, 0, true);
            } catch (ParseException e) {
                continue; // cases that expect parse errors
            }
            roundTrip(m, true);
            checked++;
        }
        if (!modules.isEmpty()) {
            assertTrue(checked > 2000, "only " + checked + " modules checked");
        }
    }

    @Test
    void v0ModulesPrintAsV1() {
        String v0 = """
                package lib.x
                import data.lib.helpers.is_update as upd
                import future.keywords.in
                import future.keywords.every
                default allow = false
                allow { input.a == 1; not upd(input) }
                violation[{"msg": msg, "details": {}}] {
                  c := input.review.object.spec.containers[_]
                  msg := sprintf("%v", [c.name])
                }
                f(x) = y { y := x + 1 } else = 0 { true }
                f("const") = 2
                obj[k] = v { v := input.m[k] }
                s[x] { some x; input.xs[x] }
                r = [x | x := input.ys[_]; x > -1.5e3]
                t = {k: v | some k, v in input.m}
                u = {"a\\nb", `raw\\{`, set(), {}}
                w { every x in input.xs { x != "in" } }
                v { input["in"]["contains"] with input as {"in": {"contains": true}} }
                """;
        String once = roundTrip(v0, false);
        assertTrue(once.contains("violation contains {\"msg\": msg, \"details\": {}} if {"), once);
        assertTrue(once.contains("f(x) = y if {"), once);
        assertTrue(once.contains("else = 0 if {"), once);
        assertTrue(once.contains("obj[k] = v if {"), once);
        assertTrue(once.contains("default allow = false"), once);
    }

    // ---------------------------------------------------------------- random terms

    @Provide
    Arbitrary<String> terms() {
        return term(3);
    }

    private Arbitrary<String> term(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.integers().between(-1000, 1000).map(String::valueOf),
                Arbitraries.of("1.5", "-0.25", "1e3", "3.0E-2", "12345678901234567890123", "0"),
                Arbitraries.strings().withCharRange(' ', '~').withChars("\u00e9\u4e2d\n\t\"\\").ofMaxLength(6)
                        .map(FormatterTest::quote),
                Arbitraries.of("null", "true", "false", "x", "y", "_", "input", "input.a", "input[\"b c\"]",
                        "data.lib.f", "input.in", "set()", "{}", "[]"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> sub = term(depth - 1);
        return Arbitraries.oneOf(
                leaf,
                sub.list().ofMaxSize(3).map(l -> "[" + String.join(", ", l) + "]"),
                sub.list().ofMinSize(1).ofMaxSize(3).map(l -> "{" + String.join(", ", l) + "}"),
                Combinators.combine(sub, sub).as((k, v) -> "{" + k + ": " + v + "}"),
                Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/", "%", "&", "|", "==", "!=", "<", "<=", ">", ">="), sub)
                        .as((a, op, b) -> "(" + a + " " + op + " " + b + ")"),
                Combinators.combine(Arbitraries.of("count", "concat", "object.get", "f"), sub.list().ofMaxSize(3))
                        .as((f, args) -> f + "(" + String.join(", ", args) + ")"),
                Combinators.combine(sub, sub).as((h, b) -> "[" + h + " | x := " + b + "]"),
                Combinators.combine(sub, sub).as((h, b) -> "{" + h + " | some x in " + b + "}"),
                Combinators.combine(sub, sub).as((k, b) -> "{x: " + k + " | x := " + b + "}"),
                Combinators.combine(sub, Arbitraries.of("a", "b", "in")).as((t, k) -> "input.m[" + t + "]." + k),
                sub.map(t -> "$\"v={" + t + "} \\{lit}\""));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        dev.palisade.rego.internal.value.Json.string(sb, s, false);
        return sb.toString();
    }

    @Property(tries = 400)
    void randomTermsRoundTrip(@ForAll("terms") String t) {
        String src = "package p\n\nr := " + t + " if {\n\tsome x\n\tnot x == " + t + "\n\ty := " + t
                + " with input.a as " + t + "\n}\n";
        Ast.Module m;
        try {
            m = Parser.parseModule("a.rego", src, 1, 0, true);
        } catch (ParseException e) {
            m = null; // generated text the grammar rejects; jqwik fails the property if that is most of them
        }
        Assume.that(m != null);
        String once = Formatter.format(m);
        String twice = Formatter.format(Parser.parseModule("b.rego", once, 1, 0, true));
        assertEquals(once, twice, src);
    }
}
