package dev.palisade.kyverno.jmespath.internal;

/** Token types, with the binding powers of go-jmespath's Pratt parser (the reference grammar's). */
enum Tok {
    UNKNOWN(0), STAR(20), DOT(40), FILTER(21), FLATTEN(9), LPAREN(60), RPAREN(0), LBRACKET(55), RBRACKET(0),
    LBRACE(50), RBRACE(0), OR(2), PIPE(1), NUMBER(0), UNQUOTED_IDENTIFIER(0), QUOTED_IDENTIFIER(0), COMMA(0),
    COLON(0), LT(5), LTE(5), GT(5), GTE(5), EQ(5), NE(5), JSON_LITERAL(0), STRING_LITERAL(0), CURRENT(0),
    EXPREF(0), AND(3), NOT(45), EOF(0);

    final int bindingPower;

    Tok(int bindingPower) {
        this.bindingPower = bindingPower;
    }
}
