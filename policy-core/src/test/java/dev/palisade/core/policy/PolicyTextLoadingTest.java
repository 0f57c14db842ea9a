package dev.palisade.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies handed over as text load exactly as the same text in a file. */
class PolicyTextLoadingTest {
    private static final PolicyLoader LOADER = PolicyLoader.builder().format(new PalisadePolicyFormat()).build();

    private static final String REPLICAS = """
            apiVersion: palisade.dev/v1
            kind: Policy
            metadata:
              name: replica-limit
            spec:
              severity: medium
              match:
                kinds: [{apiGroups: [apps], kinds: [Deployment]}]
              validations:
                - expression: "object.spec.replicas <= 3"
                  message: "at most 3 replicas"
              enforcementAction: deny
            ---
            apiVersion: palisade.dev/v1
            kind: PolicyExemption
            metadata:
              name: batch-may-scale
            spec:
              policies: [replica-limit]
              match:
                namespaces: [batch]
              reason: batch jobs scale out
              owner: batch-team
              expires: "2999-01-01"
            """;

    private static final String DEPLOYMENTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec: {replicas: 5}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: crunch, namespace: batch}
            spec: {replicas: 9}
            """;

    private static List<String> outcome(LoadedPolicies loaded) {
        PolicySet set = PolicySet.of(loaded);
        return ManifestReader.create().readString("d.yaml", DEPLOYMENTS).resources().stream()
                .map((Resource r) -> set.evaluate(r, EvaluationContext.defaults()))
                .map((Result r) -> r.id().name() + " " + r.decision() + " " + r.violations().size() + "/"
                        + r.suppressed().size())
                .toList();
    }

    @Test
    void textLoadsAsTheSameFileWouldWithExemptions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("replicas.yaml");
        Files.writeString(file, REPLICAS);
        LoadedPolicies fromFile = LOADER.load(List.of(file.toString()));
        LoadedPolicies fromText = LOADER.load(List.of(), Map.of("policies/replicas.yaml", REPLICAS));

        assertEquals(List.of(), fromText.errors());
        assertEquals(1, fromText.exemptions().size());
        assertEquals(List.of("web DENY 1/0", "crunch ALLOW 0/1"), outcome(fromText));
        assertEquals(outcome(fromFile), outcome(fromText));
        assertEquals("policies/replicas.yaml", fromText.policies().get(0).metadata().source().file());
    }

    @Test
    void textsWithoutAnyPolicyFailClosedLikeAnEmptyDirectory() {
        LoadedPolicies loaded = LOADER.load(List.of(), Map.of("params.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: limits}\ndata: {max: \"3\"}\n"));
        assertEquals(1, loaded.errors().size(), loaded.errors().toString());
        assertTrue(loaded.errors().get(0).display().startsWith("params.yaml: no policy documents found: 1 document(s)"),
                loaded.errors().get(0).display());
        assertEquals(List.of(), LOADER.load(List.of(), Map.of("params.yaml", "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata: {name: limits}\n", "policy.yaml", REPLICAS)).errors(), "one policy among the texts suffices");
    }

    @Test
    void textErrorsNameTheTextAndLine() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("ok.yaml", REPLICAS);
        texts.put("broken.yaml", "apiVersion: palisade.dev/v1\nkind: Policy\nmetadata: {name: x}\nspec: [\n");
        texts.put("twice.yaml", REPLICAS.substring(0, REPLICAS.indexOf("---")));
        LoadedPolicies loaded = LOADER.load(List.of("builtin:nothing-like-this"), texts);

        List<String> errors = loaded.errors().stream().map(EvaluationError::display).toList();
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("unknown built-in policy 'nothing-like-this'"), errors.get(0));
        assertTrue(errors.get(1).startsWith("broken.yaml:"), errors.get(1));
        assertTrue(errors.get(2).contains("'replica-limit' is loaded twice: first from ok.yaml:1"), errors.get(2));
        assertTrue(PolicySet.of(loaded).errors().size() == 3);
    }
}
