package dev.palisade.rules.gatekeeper.internal;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.policy.ValidationBlock;
import dev.palisade.lang.Declarations;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.Set;

/**
 * Compiles {@code K8sNativeValidation} sources as core's {@link ValidationBlock}, the one
 * implementation of ValidatingAdmissionPolicy semantics (Gatekeeper itself runs Kubernetes' VAP
 * validator): {@code variables.anyObject} and {@code variables.params} are Gatekeeper's, so a
 * template may not declare them.
 */
public final class LangCelCompiler implements CelTemplateCompiler {
    private static final ValidationBlock.Options OPTIONS = new ValidationBlock.Options(Declarations.admission(), false,
            Set.of(CelConstraintKind.ANY_OBJECT, CelConstraintKind.PARAMS));

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public ConstraintKind compile(String kind, Resource template, String sourcePointer) {
        try {
            return new CelConstraintKind(kind, ValidationBlock.read(template, sourcePointer, OPTIONS));
        } catch (PalisadeException e) {
            throw new PalisadeException(kind + ": " + e.getMessage(), e.location().orElse(template.source()), e);
        }
    }
}
