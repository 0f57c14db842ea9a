package dev.palisade.sigstore.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * An in-toto statement whose signature verified for at least one authority.
 *
 * @param source which attestation: {@code attestation[i]} (legacy {@code .att} layer) or {@code bundle[i]}
 * @param predicateType the statement's {@code predicateType}
 * @param statement the whole statement (callers must not modify it)
 * @param authorities the names of the authorities that accepted its signature, in policy order
 */
public record VerifiedStatement(String source, String predicateType, JsonNode statement, List<String> authorities) {

    /**
     * Checks that every part is present and copies the authorities.
     *
     * @param source which attestation: {@code attestation[i]} (legacy {@code .att} layer) or {@code bundle[i]}
     * @param predicateType the statement's {@code predicateType}
     * @param statement the whole statement (callers must not modify it)
     * @param authorities the names of the authorities that accepted its signature, in policy order
     */
    public VerifiedStatement {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(predicateType, "predicateType");
        Objects.requireNonNull(statement, "statement");
        authorities = List.copyOf(authorities);
    }

    /** {@return the statement's {@code predicate} (a missing node when it has none)} */
    public JsonNode predicate() {
        return statement.path("predicate");
    }
}
