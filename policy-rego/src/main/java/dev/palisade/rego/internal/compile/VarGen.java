package dev.palisade.rego.internal.compile;

import dev.palisade.rego.internal.ast.Ast.Loc;
import dev.palisade.rego.internal.ast.Ast.Var;
import java.util.Set;

/** Generates {@code __localN__} variables that do not clash with names in the sources. */
final class VarGen {
    private final Set<String> exclude;
    private final String prefix;
    private int next;

    VarGen(Set<String> exclude, String prefix) {
        this.exclude = exclude;
        this.prefix = prefix;
    }

    String name() {
        while (true) {
            String n = prefix + next++ + "__";
            if (!exclude.contains(n)) {
                return n;
            }
        }
    }

    Var var(Loc loc) {
        return new Var(name(), loc);
    }
}
