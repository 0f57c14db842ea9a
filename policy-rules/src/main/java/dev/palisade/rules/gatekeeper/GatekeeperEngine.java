package dev.palisade.rules.gatekeeper;

import dev.palisade.core.PalisadeException;
import java.util.Locale;

/**
 * Which code of a ConstraintTemplate judges objects: the template's CEL ({@code K8sNativeValidation}),
 * its Rego, or Palisade's native Java implementation of the kind.
 */
public enum GatekeeperEngine {
    /**
     * The default: the template's CEL code when it has some (as Gatekeeper prefers it), else
     * Palisade's native implementation of the kind when there is one, else the template's Rego.
     */
    AUTO,
    /** The template's {@code K8sNativeValidation} code only; a template without it is a load error. */
    CEL,
    /** Palisade's native implementation of the kind only; a kind without one is a load error. */
    NATIVE,
    /** The template's Rego only (ignoring CEL code and native kinds); a template without Rego is a load error. */
    REGO;

    /**
     * {@return the engine named {@code auto}, {@code cel}, {@code native} or {@code rego} (any case)}
     *
     * @param text the engine's name, as given to {@code --engine}
     * @throws PalisadeException naming the accepted values for any other text
     */
    public static GatekeeperEngine parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "cel" -> CEL;
            case "native" -> NATIVE;
            case "rego" -> REGO;
            default -> throw new PalisadeException("engine '" + text + "' is not one of rego, cel, native, auto");
        };
    }

    /** {@return the engine's name as the command line writes it ({@code rego}, {@code cel}, ...)} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
