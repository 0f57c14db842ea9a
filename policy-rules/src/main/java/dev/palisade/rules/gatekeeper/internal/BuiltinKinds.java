package dev.palisade.rules.gatekeeper.internal;

import dev.palisade.rules.gatekeeper.ConstraintKind;
import dev.palisade.rules.gatekeeper.internal.kinds.NativeConstraintKinds;
import java.util.LinkedHashMap;
import java.util.Map;

/** The constraint kinds Palisade implements natively, and its CEL compiler. */
public final class BuiltinKinds {
    private static final Map<String, ConstraintKind> ALL = build();
    private static final CelTemplateCompiler CEL = new LangCelCompiler();

    private BuiltinKinds() {
    }

    /** Native kinds by kind name: the seed's own and the Gatekeeper library's. */
    public static Map<String, ConstraintKind> all() {
        return ALL;
    }

    /** The compiler of templates' K8sNativeValidation code. */
    public static CelTemplateCompiler cel() {
        return CEL;
    }

    private static Map<String, ConstraintKind> build() {
        Map<String, ConstraintKind> kinds = new LinkedHashMap<>(NativeConstraintKinds.all());
        for (ConstraintKind kind : new ConstraintKind[] {new AllowedNamespacesKind(), new RequiredSignaturesKind()}) {
            kinds.put(kind.kind(), kind);
        }
        return Map.copyOf(kinds);
    }
}
