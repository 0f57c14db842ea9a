package dev.palisade.core.policy.internal;

import dev.palisade.lang.Program;
import java.util.Optional;

/**
 * One validation: a boolean expression, the message when it is false (static, or computed by a
 * message expression that falls back to the static one), where to point, and optionally the list
 * whose elements it is applied to one by one.
 *
 * @param path JSON pointer to report at (relative to the element for {@code forEach})
 */
public record CompiledValidation(Program expression, String message, Optional<Program> messageExpression,
        String reason, String path, Optional<ForEach> forEach) {
}
