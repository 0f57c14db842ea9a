package dev.palisade.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
    private final PolicyLoader loader = PolicyLoader.builder().catalogue(new BuiltinCatalogue()).build();

    @Test
    void builtinPolicyDocumentsConfigureParametersAndEnforcement(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("policies.yaml");
        Files.writeString(file, """
                apiVersion: palisade.dev/v1
                kind: BuiltinPolicy
                metadata: {name: required-labels}
                spec:
                  parameters: {labels: [owner]}
                  enforcementAction: {default: warn, admission: deny}
                  severity: high
                ---
                apiVersion: palisade.dev/v1
                kind: PolicyExemption
                metadata: {name: legacy}
                spec: {policies: [required-labels], reason: migrated next quarter}
                """);
        LoadedPolicies loaded = loader.load(List.of("builtin:default", file.toString()));
        assertEquals(List.of(), loaded.errors());
        assertEquals(4, loaded.policies().size());
        var labels = loaded.policies().get(3);
        assertEquals("required-labels", labels.metadata().id());
        assertEquals("high", labels.metadata().severity().label());
        assertEquals(Optional.of(EnforcementAction.DENY), labels.enforcement().at(EnforcementPoint.ADMISSION));
        assertEquals(Optional.of(EnforcementAction.WARN), labels.enforcement().at(EnforcementPoint.CI));
        assertEquals(1, loaded.exemptions().size());
    }

    @Test
    void builtinPolicyDocumentsConfigureAChecksOfTheRecommendedSetInPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("target.yaml");
        Files.writeString(file, """
                apiVersion: palisade.dev/v1
                kind: BuiltinPolicy
                metadata: {name: removed-api-version}
                spec:
                  parameters: {targetVersion: v1.21}
                ---
                apiVersion: palisade.dev/v1
                kind: BuiltinPolicy
                metadata: {name: untrusted-registry}
                spec:
                  parameters: {registries: [registry.example.com]}
                """);
        LoadedPolicies loaded = loader.load(List.of("builtin:recommended", file.toString()));
        assertEquals(List.of(), loaded.errors());
        List<String> ids = loaded.policies().stream().map(p -> p.metadata().id()).toList();
        List<String> recommended = dev.palisade.rules.recommended.RecommendedCatalogue.ids();
        assertEquals(recommended.size() + 1, ids.size());
        assertEquals(recommended, ids.subList(0, recommended.size()));
        assertEquals("untrusted-registry", ids.get(ids.size() - 1));
        var removed = loaded.policies().get(recommended.indexOf("removed-api-version"));
        assertTrue(removed != dev.palisade.rules.recommended.RecommendedCatalogue.check("removed-api-version")
                .orElseThrow(), "the configured check replaces the set's");
    }

    @Test
    void errorsNameTheFileAndWhatToDo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                apiVersion: palisade.dev/v1
                kind: BuiltinPolicy
                metadata: {name: required-labels}
                spec:
                  parameters: {labels: []}
                ---
                apiVersion: palisade.dev/v1
                kind: Polcy
                metadata: {name: typo}
                """);
        LoadedPolicies loaded = loader.load(List.of(file.toString(), "builtin:nope", dir.resolve("missing").toString()));
        assertEquals(4, loaded.errors().size(), loaded.errors().toString());
        assertTrue(loaded.errors().get(0).message().contains("--policy builtin:nope: unknown built-in policy 'nope'; the built-ins are: default"));
        assertTrue(loaded.errors().get(1).message().contains("no such policy file"));
        assertTrue(loaded.errors().get(2).message().contains("needs parameters.labels"), loaded.errors().toString());
        assertEquals(file.toString(), loaded.errors().get(2).location().file());
        assertTrue(loaded.errors().get(3).message().contains("unknown policy document palisade.dev/v1 Polcy"));
        assertTrue(loaded.policies().isEmpty());
    }
}
