package dev.palisade.kyverno;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.policy.PolicyFormat;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.kyverno.internal.KyvernoCelPalisadePolicy;
import dev.palisade.kyverno.internal.KyvernoPalisadePolicy;
import dev.palisade.kyverno.internal.cel.CelException;
import dev.palisade.kyverno.internal.cel.CelPolicy;
import dev.palisade.kyverno.internal.engine.KyvernoPolicy;
import dev.palisade.kyverno.internal.engine.PolicyExceptions;
import dev.palisade.kyverno.jmespath.JmesPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads Kyverno policies: {@code kyverno.io} {@code ClusterPolicy} and {@code Policy} ({@code v1},
 * {@code v2beta1}) become one Palisade policy each (id: the policy's name, {@code namespace/name}
 * for a Policy), and {@code PolicyException}s ({@code v2}, {@code v2beta1}, {@code v2alpha1}) exempt
 * their rules. Each resource runs through the policy's mutations and then its validations, as in
 * Kyverno; failing rules are findings with Kyverno's messages at the offending field. Kyverno's CEL
 * policy kinds ({@code policies.kyverno.io} v1alpha1/v1beta1/v1: ValidatingPolicy, MutatingPolicy,
 * GeneratingPolicy and their namespaced forms, with CEL PolicyExceptions) run on Palisade's rule
 * language with Kyverno's CEL libraries; DeletingPolicy and ImageValidatingPolicy are read and
 * reported as not applicable offline (a warning on each resource they match). Stateless and
 * thread-safe.
 */
public final class KyvernoFormat implements PolicyFormat {
    /** The API group of Kyverno's classic policies and exceptions. */
    public static final String GROUP = "kyverno.io";
    /** The API group of Kyverno's CEL policy kinds. */
    public static final String CEL_GROUP = "policies.kyverno.io";
    private static final Set<String> POLICY_VERSIONS = Set.of("v1", "v2beta1");
    private static final Set<String> EXCEPTION_VERSIONS = Set.of("v2", "v2beta1", "v2alpha1");

    @Override
    public String name() {
        return "kyverno";
    }

    @Override
    public Set<String> apiGroups() {
        return Set.of(GROUP, CEL_GROUP);
    }

    @Override
    public boolean reads(ResourceId id) {
        return id.group().equals(GROUP) && (isPolicy(id) || isException(id)) || id.group().equals(CEL_GROUP);
    }

    /** Whether the identity is a ClusterPolicy or Policy this format compiles. */
    static boolean isPolicy(ResourceId id) {
        return id.group().equals(GROUP) && POLICY_VERSIONS.contains(id.version())
                && (id.kind().equals("ClusterPolicy") || id.kind().equals("Policy"));
    }

    /** Whether the identity is a PolicyException. */
    static boolean isException(ResourceId id) {
        return id.group().equals(GROUP) && EXCEPTION_VERSIONS.contains(id.version())
                && id.kind().equals("PolicyException");
    }

    @Override
    public List<Policy> compile(List<Resource> documents, PolicyLoadContext context) {
        List<Resource> exceptionDocs = new ArrayList<>();
        List<CelException> celExceptions = new ArrayList<>();
        for (Resource document : documents) {
            if (isException(document.id())) {
                exceptionDocs.add(document);
            } else if (CelException.isException(document)) {
                try {
                    celExceptions.add(CelException.read(document));
                } catch (PalisadeException e) {
                    context.error(e.location().orElse(document.source()), e.getMessage());
                }
            }
        }
        PolicyExceptions exceptions;
        try {
            exceptions = PolicyExceptions.read(exceptionDocs);
        } catch (PalisadeException e) {
            context.error(e.location().orElse(exceptionDocs.get(0).source()), e.getMessage());
            exceptions = PolicyExceptions.NONE;
        }
        JmesPath jmesPath = JmesPath.kyverno();
        List<Policy> policies = new ArrayList<>();
        for (Resource document : documents) {
            ResourceId id = document.id();
            if (isException(id) || CelException.isException(document)) {
                continue;
            }
            if (id.group().equals(CEL_GROUP)) {
                if (!CelPolicy.isPolicy(id.group(), id.version(), id.kind())) {
                    context.error(document.source(), id.apiVersion() + " " + id.kind() + " '" + id.name()
                            + "' is not a Kyverno CEL policy kind Palisade reads (ValidatingPolicy, MutatingPolicy,"
                            + " GeneratingPolicy, DeletingPolicy, ImageValidatingPolicy, their Namespaced forms, or"
                            + " PolicyException; versions v1alpha1, v1beta1, v1)");
                    continue;
                }
                try {
                    policies.add(new KyvernoCelPalisadePolicy(CelPolicy.compile(document), celExceptions));
                } catch (PalisadeException e) {
                    context.error(e.location().orElse(document.source()), e.getMessage());
                }
                continue;
            }
            if (!isPolicy(id)) {
                context.error(document.source(), id.apiVersion() + " " + id.kind()
                        + " is not a Kyverno ClusterPolicy, Policy or PolicyException that Palisade reads");
                continue;
            }
            try {
                policies.add(new KyvernoPalisadePolicy(KyvernoPolicy.compile(document), exceptions, jmesPath));
            } catch (PalisadeException e) {
                context.error(e.location().orElse(document.source()), e.getMessage());
            }
        }
        return policies;
    }
}
