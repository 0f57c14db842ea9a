package dev.palisade.kyverno.internal;

import java.util.Optional;

/**
 * A Kyverno anchor on a pattern key: {@code (key)} conditional, {@code <(key)} global,
 * {@code X(key)} negation, {@code +(key)} add-if-absent, {@code =(key)} equality,
 * {@code ^(key)} existence.
 *
 * @param type the modifier
 * @param key the key inside the parentheses
 */
public record Anchor(Type type, String key) {

    /** The anchor modifiers. */
    public enum Type {
        /** {@code (key)}: the rest of the pattern applies only when this part matches. */
        CONDITION(""),
        /** {@code <(key)}: the whole rule applies only when this part matches. */
        GLOBAL("<"),
        /** {@code X(key)}: the key must be absent. */
        NEGATION("X"),
        /** {@code +(key)}: mutation adds the key only when it is absent. */
        ADD_IF_NOT_PRESENT("+"),
        /** {@code =(key)}: when the key is present its value must match. */
        EQUALITY("="),
        /** {@code ^(key)}: at least one element of the list must match. */
        EXISTENCE("^");

        private final String modifier;

        Type(String modifier) {
            this.modifier = modifier;
        }

        /** The modifier as written before the parenthesis. */
        public String modifier() {
            return modifier;
        }
    }

    /** Parses a map key; empty when it is not an anchor. */
    public static Optional<Anchor> parse(String text) {
        String s = text.strip();
        if (s.length() < 3 || s.charAt(s.length() - 1) != ')') {
            return Optional.empty();
        }
        Type type;
        int open;
        char first = s.charAt(0);
        switch (first) {
            case '(' -> {
                type = Type.CONDITION;
                open = 0;
            }
            case '<' -> {
                type = Type.GLOBAL;
                open = 1;
            }
            case 'X' -> {
                type = Type.NEGATION;
                open = 1;
            }
            case '+' -> {
                type = Type.ADD_IF_NOT_PRESENT;
                open = 1;
            }
            case '=' -> {
                type = Type.EQUALITY;
                open = 1;
            }
            case '^' -> {
                type = Type.EXISTENCE;
                open = 1;
            }
            default -> {
                return Optional.empty();
            }
        }
        if (open >= s.length() || s.charAt(open) != '(') {
            return Optional.empty();
        }
        String key = s.substring(open + 1, s.length() - 1);
        if (key.isEmpty() || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Anchor(type, key));
    }

    /** Whether the key carries an anchor of this type. */
    public static boolean is(String text, Type type) {
        Optional<Anchor> anchor = parse(text);
        return anchor.isPresent() && anchor.get().type() == type;
    }

    /** The anchor as written: modifier, parenthesis, key. */
    @Override
    public String toString() {
        return type.modifier() + "(" + key + ")";
    }

    /** The key with the anchor modifier {@code type} (for keys expanded from wildcards). */
    public static String write(Type type, String key) {
        return type.modifier() + "(" + key + ")";
    }
}
