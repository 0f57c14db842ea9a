package dev.palisade.lang.internal;

/**
 * A CEL runtime error travelling as a value through the evaluator: thrown without a stack trace,
 * absorbed by {@code &&}, {@code ||} and the all/exists macros as the specification says, and turned
 * into an {@code EvaluationException} with the position of the failing node at the top.
 */
public final class CelError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private int offset;

    /** Messages are cut to this many characters, so that a huge input never ends up in a message whole. */
    static final int MAX_MESSAGE = 1024;

    public CelError(String message) {
        super(bounded(message), null, false, false);
        this.offset = -1;
    }

    CelError(String message, int offset) {
        super(bounded(message), null, false, false);
        this.offset = offset;
    }

    private static String bounded(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message
                : message.substring(0, MAX_MESSAGE) + "… (" + (message.length() - MAX_MESSAGE) + " more characters)";
    }

    int offset() {
        return offset;
    }

    CelError at(int off) {
        if (offset < 0) {
            offset = off;
        }
        return this;
    }

    static CelError noSuchOverload(String function, Object... args) {
        StringBuilder sb = new StringBuilder("no such overload: ").append(function).append('(');
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Rt.typeName(args[i]));
        }
        return new CelError(sb.append(')').toString());
    }
}
