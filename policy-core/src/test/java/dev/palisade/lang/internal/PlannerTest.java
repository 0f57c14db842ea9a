package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.palisade.lang.CompileException;
import dev.palisade.lang.Declarations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker/planner: name resolution, function checks, constant folding, slot allocation. */
class PlannerTest {
    private static Node plan(String src, Declarations d) {
        return new Planner(src, d, Compiler.table(d.libraries()), false).plan(Parser.parse(src, 250));
    }

    private static Object eval(String src, Declarations d, Map<String, Object> bindings) {
        return Compiler.compile(src, d).evaluate(bindings);
    }

    @Test
    void constantSubExpressionsAreFolded() {
        Node n = plan("[1, 2, 3].map(x, x * 2)[2] + size('abc') * 2", Declarations.of());
        assertInstanceOf(Nodes.Const.class, n.getClass() == Nodes.Const.class ? n : null, "not folded: " + n);
        assertEquals(List.of(2L, 4L, 6L).get(2) + 6L, ((Nodes.Const) n).value);
        Node partly = plan("x + (1 + 2)", Declarations.of("x"));
        BinaryNode add = assertInstanceOf(BinaryNode.class, partly);
        assertInstanceOf(Nodes.Var.class, getField(add, "left"));
        assertEquals(3L, ((Nodes.Const) getField(add, "right")).value);
    }

    private static Object getField(Object o, String name) {
        try {
            java.lang.reflect.Field f = o.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dottedNamesResolveToTheLongestDeclaredPrefix() {
        Declarations d = Declarations.of("a", "a.b");
        Map<String, Object> bindings = Map.of("a", Map.of("b", Map.of("c", "from a")), "a.b", Map.of("c", "from a.b"));
        assertEquals("from a.b", eval("a.b.c", d, bindings));
        assertEquals("from a", eval(".a.b.c", Declarations.of("a"), bindings));
    }

    @Test
    void comprehensionVariablesShadowAndAreScoped() {
        Declarations d = Declarations.of("x");
        assertEquals(List.of(List.of(11L, 12L), List.of(21L, 22L)),
                eval("[10, 20].map(x, [1, 2].map(y, x + y))", d, Map.of("x", 1000)));
        assertEquals(true, eval("[1].all(x, x == 1) && x == 1000", d, Map.of("x", 1000)));
        CompileException e = assertThrows(CompileException.class, () -> plan("[1].map(y, y) + [y]", d));
        assertEquals("undeclared reference to 'y'", e.reason());
        assertEquals(17, e.offset());
    }

    @Test
    void unknownFunctionsAndArityAreReportedAtTheCall() {
        Declarations d = Declarations.of("s");
        CompileException unknown = assertThrows(CompileException.class, () -> plan("s.shout()", d));
        assertEquals("undeclared reference to function 'shout'", unknown.reason());
        assertEquals(2, unknown.offset());
        CompileException arity = assertThrows(CompileException.class, () -> plan("s.startsWith('a', 'b')", d));
        assertEquals("no overload of function 'startsWith' takes 3 arguments (receiver included); check the call's arguments",
                arity.reason());
    }

    @Test
    void deferredNamesFailOnlyWhenEvaluated() {
        Declarations d = Declarations.builder().deferUnknownNames().build();
        assertEquals(true, eval("undefinedFn(1) || true", d, Map.of()));
        assertEquals(5L, eval("late + 1", d, Map.of("late", 4)));
    }
}
