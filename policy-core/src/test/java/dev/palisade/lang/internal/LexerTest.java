package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.palisade.lang.CompileException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens: kinds, values, offsets, longest-match punctuation and literal errors. */
class LexerTest {
    private static List<Lexer.Token> tokens(String s) {
        Lexer lexer = new Lexer(s);
        List<Lexer.Token> out = new ArrayList<>();
        for (Lexer.Token t = lexer.next(); t.kind() != Lexer.Kind.EOF; t = lexer.next()) {
            out.add(t);
        }
        return out;
    }

    @Test
    void splitsIntoTokensWithOffsets() {
        List<Lexer.Token> t = tokens("a.?b[?0] <= 2u && !c");
        assertEquals(List.of("a", ".?", "b", "[?", "0", "]", "<=", "2u", "&&", "!", "c"),
                t.stream().map(Lexer.Token::text).toList());
        assertEquals(List.of(0, 1, 3, 4, 6, 7, 9, 12, 15, 18, 19), t.stream().map(Lexer.Token::offset).toList());
        assertEquals(Lexer.Kind.UINT, t.get(7).kind());
        assertEquals(BigInteger.ZERO, t.get(4).value());
    }

    @Test
    void numbersStringsAndBytes() {
        assertEquals(1.5e10, tokens("1.5e10").get(0).value());
        assertEquals(Lexer.Kind.INT, tokens("1e").get(0).kind(), "an exponent needs digits");
        assertEquals("\u00ff", tokens("'\\xff'").get(0).value());
        assertEquals(2, ((dev.palisade.lang.Bytes) tokens("b'\\u00ff'".replace("\\u00ff", "ÿ")).get(0).value()).size());
        assertEquals("content-type", tokens("`content-type`").get(0).text());
        assertEquals(Lexer.Kind.QUOTED_IDENT, tokens("`content-type`").get(0).kind());
    }

    @Test
    void literalErrors() {
        assertThrows(CompileException.class, () -> tokens("18446744073709551616u"));
        assertThrows(CompileException.class, () -> tokens("'\\ud800'"));
        assertThrows(CompileException.class, () -> tokens("b'\\u0041'"));
        assertThrows(CompileException.class, () -> tokens("'a\nb'"));
        assertThrows(CompileException.class, () -> tokens("0x"));
    }
}
