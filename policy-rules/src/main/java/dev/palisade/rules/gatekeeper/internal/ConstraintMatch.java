package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Match;
import dev.palisade.core.policy.MatchParser;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import java.util.List;

/**
 * Reads a constraint's {@code spec.match} with core's {@link MatchParser}, then applies what the
 * Gatekeeper constraint CRD adds: one {@code name} rather than Palisade's {@code names} list, and
 * namespace patterns matching {@code ^\*?[-:a-z0-9]*\*?$}.
 */
public final class ConstraintMatch {
    private static final String POINTER = "/spec/match";

    private ConstraintMatch() {
    }

    /**
     * Reads the match at {@code /spec/match} of the constraint.
     *
     * @throws PalisadeException naming the field and its location when the match is malformed
     */
    public static Match read(Resource constraint) {
        JsonNode node = constraint.object().path("spec").path("match");
        if (node.has("names")) {
            throw DocumentErrors.at(constraint, POINTER + "/names", "spec.match.names is not a Gatekeeper match"
                    + " field; a constraint selects one name (or glob) with spec.match.name");
        }
        Match match = MatchParser.parse(node, "spec.match", pointer -> constraint.locate(POINTER + pointer));
        checkWildcards(constraint, match.namespaces(), "namespaces");
        checkWildcards(constraint, match.excludedNamespaces(), "excludedNamespaces");
        return match;
    }

    private static void checkWildcards(Resource constraint, List<String> patterns, String field) {
        for (int i = 0; i < patterns.size(); i++) {
            if (!isWildcard(patterns.get(i))) {
                throw DocumentErrors.at(constraint, POINTER + "/" + field + "/" + i, "spec.match." + field + "[" + i
                        + "] '" + patterns.get(i) + "' is not a Gatekeeper wildcard: use lower-case letters, digits,"
                        + " '-' and ':', with an optional '*' at the start and/or the end");
            }
        }
    }

    /** Whether the namespace pattern is one the constraint CRD accepts ({@code ^\*?[-:a-z0-9]*\*?$}). */
    static boolean isWildcard(String pattern) {
        int start = pattern.startsWith("*") ? 1 : 0;
        int end = pattern.length() > start && pattern.endsWith("*") ? pattern.length() - 1 : pattern.length();
        for (int i = start; i < end; i++) {
            char c = pattern.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == ':')) {
                return false;
            }
        }
        return true;
    }
}
