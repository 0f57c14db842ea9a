package dev.palisade.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PolicyCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Several catalogues asked in order. */
public final class CompositeCatalogue implements PolicyCatalogue {
    private final List<PolicyCatalogue> catalogues;

    public CompositeCatalogue(List<PolicyCatalogue> catalogues) {
        this.catalogues = List.copyOf(catalogues);
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        catalogues.forEach(c -> names.addAll(c.names()));
        return names;
    }

    @Override
    public Optional<List<Policy>> resolve(String name) {
        for (PolicyCatalogue catalogue : catalogues) {
            Optional<List<Policy>> found = catalogue.resolve(name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Policy> configure(String name, JsonNode parameters) {
        for (PolicyCatalogue catalogue : catalogues) {
            Optional<Policy> found = catalogue.configure(name, parameters);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
