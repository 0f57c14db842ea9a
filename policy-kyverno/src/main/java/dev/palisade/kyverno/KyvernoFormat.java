package dev.palisade.kyverno;

import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.policy.PolicyFormat;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.kyverno.internal.KyvernoPalisadePolicy;
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
 * policy kinds ({@code policies.kyverno.io}: ValidatingPolicy, MutatingPolicy, GeneratingPolicy,
 * DeletingPolicy, ImageValidatingPolicy and their namespaced forms) are recognised and rejected as
 * not yet supported. Stateless and thread-safe.
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
        for (Resource document : documents) {
            if (isException(document.id())) {
                exceptionDocs.add(document);
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
            if (isException(id)) {
                continue;
            }
            if (id.group().equals(CEL_GROUP)) {
                context.error(document.source(), id.apiVersion() + " " + id.kind() + " '" + id.name()
                        + "': Kyverno's CEL policy kinds (policies.kyverno.io) are not yet supported by Palisade;"
                        + " use a kyverno.io ClusterPolicy, or a palisade.dev/v1 Policy with the same CEL");
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
