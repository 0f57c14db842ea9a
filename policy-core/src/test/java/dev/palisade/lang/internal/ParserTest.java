package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.lang.Bytes;
import dev.palisade.lang.CompileException;
import dev.palisade.lang.UInt;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lexer and parser: literals, precedence, macros, errors with positions, nesting limits. */
class ParserTest {

    private static Ast parse(String s) {
        return Parser.parse(s, 250);
    }

    @Test
    void literals() {
        assertEquals(new Ast.Const(0, -9223372036854775808L), parse("-9223372036854775808"));
        assertEquals(new Ast.Const(0, new UInt(-1L)), parse("18446744073709551615u"));
        assertEquals(new Ast.Const(0, 255L), parse("0xFF"));
        assertEquals(new Ast.Const(0, 0.5), parse(".5"));
        assertEquals(new Ast.Const(0, 1e-3), parse("1e-3"));
        assertEquals(new Ast.Const(0, "a\nb\u00e9"), parse("'a\\nb\\u00e9'"));
        assertEquals(new Ast.Const(0, "a\\nb"), parse("r'a\\nb'"));
        assertEquals(new Ast.Const(0, "x\ny"), parse("'''x\ny'''"));
        assertEquals(new Ast.Const(0, Bytes.wrap(new byte[] {(byte) 0xff, 0})), parse("b'\\xff\\000'"));
    }

    @Test
    void precedenceAndAssociativity() {
        assertEquals("((1 + (2 * 3)) - 4)", Unparser.print(parse("1 + 2 * 3 - 4")));
        assertEquals("((a && b) || ((!c) && (d in e)))", Unparser.print(parse("a && b || !c && d in e")));
        assertEquals("(a ? b : (c ? d : e))", Unparser.print(parse("a ? b : c ? d : e")));
        assertEquals("(-x.y[0].z(1))", Unparser.print(parse("-x.y[0].z(1)")));
    }

    @Test
    void macrosExpand() {
        Ast all = parse("xs.all(x, x > 0)");
        assertInstanceOf(Ast.Comprehension.class, all);
        assertEquals(Ast.MacroKind.ALL, ((Ast.Comprehension) all).kind());
        Ast has = parse("has(a.b)");
        assertTrue(((Ast.Select) has).test());
        Ast two = parse("m.transformMap(k, v, v > 1, v * 2)");
        assertEquals("v", ((Ast.Comprehension) two).var2());
        assertEquals(2, ((Ast.Comprehension) two).args().size());
        Ast notAMacro = parse("xs.all(1)");
        assertInstanceOf(Ast.Call.class, notAMacro);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            1 +             | 3  | unexpected end of expression
            (1              | 2  | expected ')' but found end of expression
            a.b.            | 4  | expected a field name after '.' but found end of expression
            'abc            | 0  | unterminated string literal
            1 $ 2           | 2  | unexpected character '$'
            has(a)          | 0  | has() takes one field selection, as in has(object.spec.field)
            xs.all(x.y, true) | 8 | all() needs a simple variable name as iteration variable
            if              | 0  | reserved word 'if' cannot be used as an identifier
            9223372036854775808 | 0 | integer literal out of range: 9223372036854775808
            'a\\q'          | 2  | invalid escape sequence \\q
            """)
    void syntaxErrorsNameTheirPosition(String source, int offset, String reason) {
        CompileException e = assertThrows(CompileException.class, () -> parse(source));
        assertEquals(reason, e.reason());
        assertEquals(offset, e.offset());
        assertEquals(offset + 1, e.column());
        assertTrue(e.getMessage().endsWith(" ".repeat(offset) + "^"), e.getMessage());
    }

    @Test
    void deepNestingIsRejectedWithAClearErrorNotAStackOverflow() {
        for (String deep : List.of("(".repeat(5000) + "1" + ")".repeat(5000), "[".repeat(5000) + "]".repeat(5000),
                "1" + " + 1".repeat(5000), "!".repeat(5000) + "true", "a" + ".b".repeat(5000),
                "a" + "[0]".repeat(5000))) {
            CompileException e = assertThrows(CompileException.class, () -> parse(deep));
            assertTrue(e.reason().contains("nesting exceeds the limit of 250"), e.reason());
        }
        assertInstanceOf(Ast.class, parse("(".repeat(200) + "1" + ")".repeat(200)));
    }

    @Test
    void commentsAndWhitespaceAreIgnored() {
        assertEquals(Unparser.print(parse("1 + 2")), Unparser.print(parse("1 // one\n +\t2 // two")));
    }
}
