package dev.palisade.core.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.ResourceId;
import java.util.List;

/**
 * One {@code resourceRules} entry of an admission policy: API groups, versions, resources
 * (plural names, {@code *}, {@code res/sub}, {@code *&#47;sub}), resource names, operations and
 * scope. Offline, a resource's plural name is derived from its kind ({@link ResourceNames}).
 */
public record ResourceRule(List<String> apiGroups, List<String> apiVersions, List<String> resources,
        List<String> resourceNames, List<String> operations, String scope) {

    /** Reads a rule; {@code where} names it in errors. */
    public static ResourceRule parse(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new PalisadeException(where + " must be a mapping");
        }
        String scope = node.path("scope").asText("*");
        if (!scope.equals("*") && !scope.equals("Cluster") && !scope.equals("Namespaced")) {
            throw new PalisadeException(where + ".scope must be Cluster, Namespaced or *, not '" + scope + "'");
        }
        List<String> operations = MatchParser.strings(node.path("operations"), where + ".operations");
        for (String operation : operations) {
            if (!List.of("*", "CREATE", "UPDATE", "DELETE", "CONNECT").contains(operation)) {
                throw new PalisadeException(where + ".operations: '" + operation
                        + "' is not one of CREATE, UPDATE, DELETE, CONNECT, *");
            }
        }
        return new ResourceRule(MatchParser.strings(node.path("apiGroups"), where + ".apiGroups"),
                MatchParser.strings(node.path("apiVersions"), where + ".apiVersions"),
                MatchParser.strings(node.path("resources"), where + ".resources"),
                MatchParser.strings(node.path("resourceNames"), where + ".resourceNames"), operations, scope);
    }

    /**
     * Whether the rule selects the object.
     *
     * @param exactVersions false for {@code matchPolicy: Equivalent}, where other versions of the
     *     group count as the same resource
     */
    public boolean matches(ResourceId id, String operation, String subResource, boolean exactVersions) {
        if (!any(apiGroups, id.group())) {
            return false;
        }
        if (exactVersions && !any(apiVersions, id.version())) {
            return false;
        }
        if (!operations.isEmpty() && !any(operations, operation)) {
            return false;
        }
        if (!resourceNames.isEmpty() && !resourceNames.contains(id.name())) {
            return false;
        }
        boolean namespaced = id.isNamespaced() && !(id.group().isEmpty() && id.kind().equals("Namespace"));
        if (scope.equals("Cluster") && namespaced || scope.equals("Namespaced") && !namespaced) {
            return false;
        }
        String plural = ResourceNames.plural(id.kind());
        for (String resource : resources) {
            int slash = resource.indexOf('/');
            String main = slash < 0 ? resource : resource.substring(0, slash);
            String sub = slash < 0 ? "" : resource.substring(slash + 1);
            boolean mainMatches = main.equals("*") || main.equals(plural);
            boolean subMatches = slash < 0 ? subResource.isEmpty() : !subResource.isEmpty()
                    && (sub.equals("*") || sub.equals(subResource));
            if (mainMatches && subMatches) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(List<String> allowed, String value) {
        return allowed.contains("*") || allowed.contains(value);
    }
}
