package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintKind;

/**
 * Turns a template's {@code K8sNativeValidation} source ({@code variables}, {@code validations},
 * {@code matchConditions}, {@code failurePolicy}) into a constraint kind run by the rule language.
 */
public interface CelTemplateCompiler {

    /** The compiler used when K8sNativeValidation is disabled. */
    CelTemplateCompiler UNAVAILABLE = new CelTemplateCompiler() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public ConstraintKind compile(String kind, Resource template, String sourcePointer) {
            throw new PalisadeException("K8sNativeValidation is disabled; cannot run the CEL code of " + kind,
                    template.locate(sourcePointer));
        }
    };

    /** Whether CEL code can be compiled at all. */
    boolean available();

    /**
     * Compiles the CEL source found at the JSON pointer of the template.
     *
     * @throws PalisadeException with the location of the failing expression
     */
    ConstraintKind compile(String kind, Resource template, String sourcePointer);

    /** The CEL source node at the pointer. */
    static JsonNode source(Resource template, String sourcePointer) {
        return template.object().at(sourcePointer);
    }
}
