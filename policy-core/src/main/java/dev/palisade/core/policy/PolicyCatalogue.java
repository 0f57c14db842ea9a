package dev.palisade.core.policy;

import dev.palisade.core.Policy;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Built-in policies by name, for {@code builtin:<name>} references and {@code BuiltinPolicy}
 * documents. policy-rules provides the catalogue; other modules may add to it.
 */
public interface PolicyCatalogue {

    /** {@return every name {@link #resolve} knows, for help and error messages} */
    List<String> names();

    /**
     * {@return the policies a {@code builtin:<name>} reference stands for; empty when the name is unknown}
     *
     * @param name the name after {@code builtin:}
     */
    Optional<List<Policy>> resolve(String name);

    /**
     * {@return a parameterised built-in policy, as a {@code BuiltinPolicy} document configures it; empty when
     * the name is unknown}
     *
     * @param name the built-in policy's name
     * @param parameters its parameters
     * @throws dev.palisade.core.PalisadeException when the parameters are invalid (naming the parameter)
     */
    Optional<Policy> configure(String name, JsonNode parameters);

    /**
     * {@return the catalogues together; the first that knows a name answers for it}
     *
     * @param catalogues the catalogues, in order
     */
    static PolicyCatalogue of(List<PolicyCatalogue> catalogues) {
        return new dev.palisade.core.internal.CompositeCatalogue(catalogues);
    }

    /** A catalogue that knows nothing. */
    PolicyCatalogue EMPTY = new PolicyCatalogue() {
        @Override
        public List<String> names() {
            return List.of();
        }

        @Override
        public Optional<List<Policy>> resolve(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Policy> configure(String name, JsonNode parameters) {
            return Optional.empty();
        }
    };
}
