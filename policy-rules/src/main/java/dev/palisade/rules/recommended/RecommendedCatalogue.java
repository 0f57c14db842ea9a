package dev.palisade.rules.recommended;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Policy;
import dev.palisade.rules.recommended.internal.Catalogue;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The recommended catalogue ({@code builtin:recommended}): Palisade's best-practice and security
 * checks over workloads, RBAC, service accounts and credentials, network, resources and reliability,
 * namespaces, API versions, ownership and control-plane flags, each with a recommended action
 * (deny for critical problems, warn for most, dry run for opinionated ones). Every check judges
 * effective settings (a pod-level securityContext applies to the containers that do not override it)
 * and reads the evaluation's inventory for references between objects; when the inventory lacks what
 * a referential check needs, it reports nothing. Individual checks are addressable as
 * {@code builtin:<id>}.
 */
public final class RecommendedCatalogue {

    /** The name of the set: {@code builtin:recommended}. */
    public static final String SET = "recommended";

    private RecommendedCatalogue() {
    }

    /** {@return every policy of the set, in catalogue order (shared, immutable instances)} */
    public static List<Policy> policies() {
        return Catalogue.policies();
    }

    /** {@return the ids of the set's checks, in catalogue order} */
    public static List<String> ids() {
        return Catalogue.policies().stream().map(p -> p.metadata().id()).toList();
    }

    /**
     * {@return one check of the set by id, with its default parameters}
     *
     * @param id the check's id
     */
    public static Optional<Policy> check(String id) {
        return Catalogue.byId(id);
    }

    /**
     * Ids of the checks that take BuiltinPolicy parameters.
     *
     * @return the ids, sorted
     */
    public static Set<String> configurable() {
        return Catalogue.CONFIGURABLE;
    }

    /**
     * Ids of the checks that exist only with parameters ({@code untrusted-registry}).
     *
     * @return the ids, sorted
     */
    public static Set<String> parameterisedOnly() {
        return Catalogue.PARAMETERISED_ONLY;
    }

    /**
     * A check configured with BuiltinPolicy parameters: {@code untrusted-registry}
     * ({@code registries}), {@code ownership-labels} ({@code required}, {@code anyOf}),
     * {@code removed-api-version} and {@code deprecated-api-version} ({@code targetVersion}).
     *
     * @param id the check's id
     * @param parameters the BuiltinPolicy's {@code parameters}
     * @return empty when the id takes no parameters
     */
    public static Optional<Policy> configure(String id, JsonNode parameters) {
        return Catalogue.configure(id, parameters);
    }
}
