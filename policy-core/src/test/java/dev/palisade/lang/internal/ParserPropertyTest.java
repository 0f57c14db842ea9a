package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.lang.CompileException;
import dev.palisade.lang.UInt;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Parser properties: printing and re-parsing any AST gives the same AST; random text never crashes it. */
class ParserPropertyTest {

    @Property(tries = 500)
    void printThenParseIsIdentity(@ForAll("asts") Ast ast) {
        String printed = Unparser.print(ast);
        Ast reparsed = Parser.parse(printed, 250);
        assertEquals(printed, Unparser.print(reparsed));
        assertEquals(withoutOffsets(ast), withoutOffsets(reparsed));
    }

    @Property(tries = 1000)
    void randomInputEitherParsesOrFailsWithACompileException(@ForAll("noise") String input) {
        try {
            Parser.parse(input, 250);
        } catch (CompileException expected) {
            assertEquals(true, expected.offset() >= 0 && expected.offset() <= input.length());
        }
    }

    @Property(tries = 1000)
    void randomProgramsFailOnlyWithLanguageExceptions(@ForAll("asts") Ast ast) {
        String source = Unparser.print(ast);
        dev.palisade.lang.Program program;
        try {
            program = dev.palisade.lang.Expressions.compile(source,
                    dev.palisade.lang.Declarations.of("x", "y", "object", "variables"));
        } catch (CompileException e) {
            return;
        }
        java.util.Map<String, Object> bindings = java.util.Map.of("x", 3L, "y", "text", "object",
                java.util.Map.of("f", java.util.List.of(1L, 2L), "g", true), "variables", java.util.Map.of());
        try {
            program.evaluate(dev.palisade.lang.Bindings.of(bindings), dev.palisade.lang.CostMeter.kubernetes());
        } catch (dev.palisade.lang.EvaluationException e) {
            assertEquals(true, e.offset() >= 0 && e.offset() <= source.length(), "error position inside the source");
        }
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> tokens = Arbitraries.of("a", "b.c", "1", "2u", "3.5", "'s'", "b'x'", "(", ")", "[", "]", "{",
                "}", ",", ":", "?", ".?", "[?", "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "!", "in",
                ".all(x, ", ".map(", "has(", "\"", "'''", "\\", "`", "0x", "1e", "r'", " ", "\n", "null", "true");
        return Arbitraries.oneOf(tokens.list().ofMaxSize(30).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<Ast> asts() {
        return ast(4);
    }

    private Arbitrary<Ast> ast(int depth) {
        Arbitrary<Ast> leaf = Arbitraries.oneOf(
                Arbitraries.longs().map(l -> (Ast) new Ast.Const(0, l)),
                Arbitraries.longs().map(l -> (Ast) new Ast.Const(0, new UInt(l))),
                Arbitraries.doubles().filter(d -> !d.isNaN() && !d.isInfinite()).map(d -> (Ast) new Ast.Const(0, d)),
                Arbitraries.strings().ofMaxLength(8).map(s -> (Ast) new Ast.Const(0, s)),
                Arbitraries.of(true, false).map(b -> (Ast) new Ast.Const(0, b)),
                Arbitraries.of("x", "y", "object", "variables").map(n -> (Ast) new Ast.Ident(0, n)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Ast> sub = Arbitraries.lazy(() -> ast(depth - 1));
        Arbitrary<String> binop = Arbitraries.of("_+_", "_-_", "_*_", "_/_", "_%_", "_==_", "_!=_", "_<_", "_<=_",
                "_>_", "_>=_", "@in", "_&&_", "_||_");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(2, net.jqwik.api.Combinators.combine(binop, sub, sub)
                        .as((op, a, b) -> (Ast) new Ast.Call(0, null, op, List.of(a, b)))),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(sub, sub, sub)
                        .as((a, b, c) -> (Ast) new Ast.Call(0, null, "_?_:_", List.of(a, b, c)))),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(sub, Arbitraries.of("f", "g", "if", "a-b"),
                        Arbitraries.of(true, false))
                        .as((a, f, opt) -> (Ast) new Ast.Select(0, a, f, false, opt))),
                net.jqwik.api.Tuple.of(1, sub.map(a -> (Ast) new Ast.Call(0, null, "!_", List.of(a)))),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(sub, sub)
                        .as((a, b) -> (Ast) new Ast.Call(0, null, "_[_]", List.of(a, b)))),
                net.jqwik.api.Tuple.of(1, sub.list().ofMaxSize(3)
                        .map(l -> (Ast) new Ast.ListLit(0, l, l.stream().map(e -> false).toList()))),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(sub, sub)
                        .as((k, v) -> (Ast) new Ast.MapLit(0, List.of(new Ast.Entry(k, v, false))))),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(sub, sub)
                        .as((r, p) -> (Ast) new Ast.Comprehension(0, Ast.MacroKind.EXISTS, r, "e", "", List.of(p)))),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(sub, sub)
                        .as((t, a) -> (Ast) new Ast.Call(0, t, "startsWith", List.of(a)))));
    }

    /** The same tree with every offset set to 0 (the generator does not know real offsets). */
    static Ast withoutOffsets(Ast a) {
        if (a instanceof Ast.Const c) {
            Object v = c.value();
            return new Ast.Const(0, v instanceof Double d && d == 0 ? (Object) Math.abs(d) : v);
        } else if (a instanceof Ast.Ident id) {
            return new Ast.Ident(0, id.name());
        } else if (a instanceof Ast.Select s) {
            return new Ast.Select(0, withoutOffsets(s.operand()), s.field(), s.test(), s.optional());
        } else if (a instanceof Ast.Call c) {
            return new Ast.Call(0, c.target() == null ? null : withoutOffsets(c.target()), c.function(),
                    c.args().stream().map(ParserPropertyTest::withoutOffsets).toList());
        } else if (a instanceof Ast.ListLit l) {
            return new Ast.ListLit(0, l.elements().stream().map(ParserPropertyTest::withoutOffsets).toList(), l.optional());
        } else if (a instanceof Ast.MapLit m) {
            return new Ast.MapLit(0, m.entries().stream()
                    .map(e -> new Ast.Entry(withoutOffsets(e.key()), withoutOffsets(e.value()), e.optional())).toList());
        }
        Ast.Comprehension c = (Ast.Comprehension) a;
        return new Ast.Comprehension(0, c.kind(), withoutOffsets(c.range()), c.var1(), c.var2(),
                c.args().stream().map(ParserPropertyTest::withoutOffsets).toList());
    }
}
