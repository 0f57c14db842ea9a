package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Glob;
import dev.palisade.core.ResourceId;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code K8sAllowedNamespaces}: objects may only live in namespaces matching one of the
 * {@code allowedNamespaces} globs (Gatekeeper wildcards: {@code x*}, {@code *x}, {@code *x*}). A
 * Namespace object is judged by its own name, as Gatekeeper's match does; other cluster-scoped
 * objects have no namespace and are not judged.
 */
public final class AllowedNamespacesKind implements ConstraintKind {
    /** The kind name. */
    public static final String KIND = "K8sAllowedNamespaces";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void evaluate(ConstraintInput input, FindingSink sink) {
        ResourceId id = input.resource().id();
        boolean isNamespace = id.group().isEmpty() && id.kind().equals("Namespace");
        String namespace = isNamespace ? id.name() : id.namespace();
        if (namespace.isEmpty()) {
            return;
        }
        List<String> allowed = new ArrayList<>();
        for (JsonNode pattern : input.parameters().path("allowedNamespaces")) {
            allowed.add(pattern.asText());
        }
        if (!Glob.matchesAny(allowed, namespace)) {
            sink.report("namespace " + namespace + " is not allowed for " + id.kind() + " " + id.name()
                    + "; allowed namespaces: " + allowed, isNamespace ? "/metadata/name" : "/metadata/namespace");
        }
    }
}
