package dev.palisade.core.policy;

import dev.palisade.core.Policy;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import java.util.List;
import java.util.Set;

/**
 * Reads one family of policy documents (Palisade policies, ValidatingAdmissionPolicies and their
 * bindings, Gatekeeper templates and constraints, image policies) into compiled policies.
 * Implementations are stateless.
 */
public interface PolicyFormat {

    /** {@return a short name for messages, such as {@code gatekeeper}} */
    String name();

    /**
     * {@return the API groups of the documents this format reads} A document of one of these groups that no
     * format reads is a load error ("unknown policy document"), not a silently ignored companion.
     */
    Set<String> apiGroups();

    /**
     * {@return whether this format reads documents with this identity: its policies and their companions
     * (bindings, constraints, parameter objects)}
     *
     * @param id a document's identity
     */
    boolean reads(ResourceId id);

    /**
     * Compiles the documents this format reads. A document that fails is reported to the context
     * with its location and does not stop the others.
     *
     * @param documents the documents
     * @param context receives errors
     * @return the policies compiled
     */
    List<Policy> compile(List<Resource> documents, PolicyLoadContext context);
}
