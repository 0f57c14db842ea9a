package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.lang.CompileException;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compiles {@code K8sNativeValidation} sources with Palisade's rule language. */
public final class LangCelCompiler implements CelTemplateCompiler {
    private static final Declarations DECLARATIONS = Declarations.admission();

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public ConstraintKind compile(String kind, Resource template, String sourcePointer) {
        JsonNode source = template.object().at(sourcePointer);
        List<CelConstraintKind.Variable> variables = new ArrayList<>();
        JsonNode declared = source.path("variables");
        for (int i = 0; i < declared.size(); i++) {
            String at = sourcePointer + "/variables/" + i;
            String name = declared.get(i).path("name").asText("");
            if (name.isEmpty() || name.equals("anyObject") || name.equals("params")) {
                throw DocumentErrors.at(template, at + "/name", kind + ": variable name '" + name + "' is "
                        + (name.isEmpty() ? "missing" : "reserved by Gatekeeper (variables." + name + ")"));
            }
            variables.add(new CelConstraintKind.Variable(name, program(kind, template, at + "/expression")));
        }
        List<CelConstraintKind.Validation> validations = new ArrayList<>();
        JsonNode listed = source.path("validations");
        if (listed.isEmpty()) {
            throw DocumentErrors.at(template, sourcePointer, kind + ": the K8sNativeValidation source has no"
                    + " validations");
        }
        for (int i = 0; i < listed.size(); i++) {
            String at = sourcePointer + "/validations/" + i;
            JsonNode v = listed.get(i);
            Optional<Program> messageExpression = v.hasNonNull("messageExpression")
                    ? Optional.of(program(kind, template, at + "/messageExpression")) : Optional.empty();
            validations.add(new CelConstraintKind.Validation(program(kind, template, at + "/expression"),
                    v.path("message").asText(""), messageExpression));
        }
        List<CelConstraintKind.Condition> conditions = new ArrayList<>();
        JsonNode matchConditions = source.path("matchConditions");
        for (int i = 0; i < matchConditions.size(); i++) {
            String at = sourcePointer + "/matchConditions/" + i;
            conditions.add(new CelConstraintKind.Condition(matchConditions.get(i).path("name").asText("#" + i),
                    program(kind, template, at + "/expression")));
        }
        return new CelConstraintKind(kind, variables, validations, conditions);
    }

    private static Program program(String kind, Resource template, String pointer) {
        JsonNode text = template.object().at(pointer);
        if (!text.isTextual() || text.asText().isBlank()) {
            throw DocumentErrors.at(template, pointer, kind + ": " + DocumentErrors.fieldName(pointer)
                    + " must be a CEL expression");
        }
        try {
            return Expressions.compile(text.asText(), DECLARATIONS);
        } catch (CompileException e) {
            throw new PalisadeException(kind + ": " + DocumentErrors.fieldName(pointer) + ": " + e.getMessage(),
                    template.locate(pointer), e);
        }
    }
}
