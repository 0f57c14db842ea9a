package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Palisade;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyFormat;
import dev.palisade.core.policy.PolicyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's class path provides every policy format and catalogue as a service. */
class DiscoveryTest {

    @Test
    void everyFormatAndCatalogueIsDiscovered() {
        PolicyLoader loader = Palisade.loader();
        List<String> names = loader.formats().stream().map(PolicyFormat::name).sorted().toList();
        assertEquals(5, names.size(), names.toString());
        assertTrue(names.contains("gatekeeper"), names.toString());
        assertTrue(names.contains("kyverno"), names.toString());
        List<String> builtins = loader.catalogue().names();
        assertTrue(builtins.contains("default"), builtins.toString());
        assertTrue(builtins.contains("images-pinned-by-digest"), builtins.toString());
    }

    @Test
    void loadsBuiltinsFromEveryCatalogue() {
        LoadedPolicies loaded = Palisade.policies("builtin:default", "builtin:images-pinned-by-digest");
        assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
        assertEquals(4, loaded.policies().size());
    }

    @Test
    void anUnreadDocumentOfAFormatsGroupIsAnError() {
        LoadedPolicies loaded = Palisade.loader().compile(List.of(dev.palisade.core.Resource.of(
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("apiVersion", "templates.gatekeeper.sh/v1").put("kind", "Mystery")
                        .set("metadata", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                                .put("name", "x")))));
        assertEquals(1, loaded.errors().size(), loaded.errors().toString());
        assertTrue(loaded.errors().get(0).message().contains("unknown policy document"));
    }
}
