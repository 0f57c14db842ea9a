package dev.palisade.benchmarks.lang;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.Map;

/**
 * cel-java (Google's CEL for Java), set up the way a Kubernetes-style Java host would: the standard
 * environment and macros, the strings extension and optional values enabled, {@code object}
 * declared {@code dyn} (no schema-derived type is available outside Kubernetes), each expression
 * parsed, checked and planned once.
 */
final class CelJavaPeer {
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().enableOptionalSyntax(true).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("object", SimpleType.DYN)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.optional())
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.optional())
            .build();

    private final Program program;

    private CelJavaPeer(Program program) {
        this.program = program;
    }

    /** Compiles the cel-java text of the expression. */
    static CelJavaPeer compile(RuleExpression expression) {
        try {
            CelAbstractSyntaxTree ast = CEL.compile(expression.celJavaSource()).getAst();
            return new CelJavaPeer(CEL.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("cel-java rejects " + expression + ": " + e.getMessage(), e);
        }
    }

    /** Evaluates with {@code object} bound to already converted Java values. */
    Object evaluate(Map<String, ?> bindings) {
        try {
            return program.eval(bindings);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("cel-java failed: " + e.getMessage(), e);
        }
    }
}
