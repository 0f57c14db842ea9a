package dev.palisade.lang.internal;

/**
 * A CEL runtime error travelling as a value through the evaluator: thrown without a stack trace,
 * absorbed by {@code &&}, {@code ||} and the all/exists macros as the specification says, and turned
 * into an {@code EvaluationException} with the position of the failing node at the top.
 */
public final class CelError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private int offset;

    public CelError(String message) {
        super(message, null, false, false);
        this.offset = -1;
    }

    CelError(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
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
