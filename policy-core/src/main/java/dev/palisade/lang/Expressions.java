package dev.palisade.lang;

import dev.palisade.lang.internal.Compiler;

/** Entry point of the rule language: compiles CEL expressions into {@link Program}s. */
public final class Expressions {
    private Expressions() {
    }

    /**
     * Compiles an expression.
     *
     * @param source the expression's text
     * @param declarations the variables, libraries and functions it may use
     * @return the program, immutable and thread-safe
     * @throws CompileException with line:column and a caret excerpt when the expression is invalid
     */
    public static Program compile(String source, Declarations declarations) {
        return Compiler.compile(source, declarations);
    }

    /**
     * {@return every function overload an expression compiled with these declarations may call, in declaration order}
     *
     * @param declarations the declarations
     */
    public static java.util.List<FunctionInfo> functions(Declarations declarations) {
        return Compiler.functions(declarations);
    }
}
