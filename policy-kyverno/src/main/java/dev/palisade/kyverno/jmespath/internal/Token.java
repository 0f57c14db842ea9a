package dev.palisade.kyverno.jmespath.internal;

/** One token: its type, decoded text and 0-based position in the expression. */
record Token(Tok type, String value, int position) {
}
