package dev.palisade.core.policy.internal;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.lang.CompileException;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;

/**
 * Compiles the expressions of one policy document, turning compile errors into errors at the
 * expression's place in the file, with the compiler's caret excerpt.
 */
public final class ExpressionSource {
    private final Resource document;
    private final Declarations declarations;

    public ExpressionSource(Resource document, Declarations declarations) {
        this.document = document;
        this.declarations = declarations;
    }

    public Resource document() {
        return document;
    }

    /**
     * Compiles the expression found at the JSON pointer of the document.
     *
     * @param field how the field is named in messages ({@code spec.validations[0].expression})
     */
    public Program compile(String pointer, String field) {
        String text = document.object().at(pointer).asText("");
        if (text.isBlank()) {
            throw new PalisadeException(field + " is empty; write a CEL expression", document.locate(pointer));
        }
        try {
            return Expressions.compile(text, declarations);
        } catch (CompileException e) {
            String reason = e.getMessage();
            if (text.contains("authorizer")) {
                reason = "the authorizer variable is not available offline (Palisade evaluates without an API"
                        + " server); " + reason;
            }
            throw new PalisadeException(field + ": " + reason, document.locate(pointer), e);
        }
    }
}
