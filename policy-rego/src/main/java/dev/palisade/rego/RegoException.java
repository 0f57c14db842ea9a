package dev.palisade.rego;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.SourceLocation;
import java.util.List;

/**
 * Base of the Rego errors: compile errors and evaluation errors. Carries the errors with OPA's
 * codes; {@link #describe()} names file, line and column of the first.
 */
public class RegoException extends PalisadeException {
    private static final long serialVersionUID = 1L;
    private final transient List<RegoError> errors;

    RegoException(List<RegoError> errors) {
        super(summary(errors), location(errors));
        this.errors = List.copyOf(errors);
    }

    RegoException(List<RegoError> errors, Throwable cause) {
        super(summary(errors), location(errors), cause);
        this.errors = List.copyOf(errors);
    }

    private static String summary(List<RegoError> errors) {
        if (errors.isEmpty()) {
            return "rego error";
        }
        RegoError e = errors.get(0);
        String s = e.code() + ": " + e.message();
        if (errors.size() > 1) {
            s += " (and " + (errors.size() - 1) + " more error" + (errors.size() > 2 ? "s" : "") + ")";
        }
        return s;
    }

    private static SourceLocation location(List<RegoError> errors) {
        if (errors.isEmpty() || errors.get(0).line() <= 0) {
            return null;
        }
        RegoError e = errors.get(0);
        return new SourceLocation(e.file(), 0, e.line(), e.column());
    }

    /** {@return every error, first one first} */
    public List<RegoError> errors() {
        return errors;
    }

    /** {@return the code of the first error (OPA's error codes)} */
    public String code() {
        return errors.isEmpty() ? "rego_error" : errors.get(0).code();
    }
}
