package dev.palisade.kyverno.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kyverno's autogen of pod-controller rules. */
class AutogenTest {
    private static final String POLICY = """
            apiVersion: kyverno.io/v1
            kind: ClusterPolicy
            metadata:
              name: p
              %s
            spec:
              rules:
              - name: no-latest
                match:
                  any:
                  - resources:
                      kinds: [Pod]
                preconditions:
                  all:
                  - key: "{{ request.object.metadata.name }}"
                    operator: NotEquals
                    value: skip
                validate:
                  message: no latest
                  pattern:
                    spec:
                      containers:
                      - image: "!*:latest"
            """;

    private static KyvernoPolicy policy(String annotations) {
        Resource doc = ManifestReader.create().readString("policy.yaml", POLICY.formatted(annotations)).resources()
                .get(0);
        return KyvernoPolicy.compile(doc);
    }

    @Test
    void controllersGetTemplateRulesCronJobsGetJobTemplateRules() {
        KyvernoPolicy p = policy("annotations: {}");
        assertEquals(List.of("autogen-no-latest", "autogen-cronjob-no-latest"), p.autogenRuleNames());
        List<Rule> forDeployment = p.rulesFor("Deployment");
        assertEquals(List.of("no-latest", "autogen-no-latest"), forDeployment.stream().map(Rule::name).toList());
        JsonNode rule = forDeployment.get(1).node();
        assertEquals("apps/v1/Deployment", rule.path("match").path("any").get(0).path("resources").path("kinds")
                .get(0).asText());
        assertTrue(rule.path("validate").path("pattern").path("spec").path("template").path("spec").has("containers"));
        assertEquals("{{ request.object.spec.template.metadata.name }}",
                rule.path("preconditions").path("all").get(0).path("key").asText());
        JsonNode cron = p.rulesFor("CronJob").get(1).node();
        assertEquals("autogen-cronjob-no-latest", cron.path("name").asText());
        assertEquals("{{ request.object.spec.jobTemplate.spec.template.metadata.name }}",
                cron.path("preconditions").path("all").get(0).path("key").asText());
        assertTrue(cron.path("validate").path("pattern").path("spec").path("jobTemplate").path("spec")
                .path("template").path("spec").has("containers"));
        assertEquals(List.of("no-latest"), p.rulesFor("Pod").stream().map(Rule::name).toList());
    }

    @Test
    void theAnnotationNarrowsOrDisablesAutogen() {
        assertEquals(List.of(), policy("annotations: {pod-policies.kyverno.io/autogen-controllers: none}")
                .autogenRuleNames());
        KyvernoPolicy deploymentsOnly = policy("annotations: {pod-policies.kyverno.io/autogen-controllers: Deployment}");
        assertEquals(List.of("autogen-no-latest"), deploymentsOnly.autogenRuleNames());
        assertEquals(List.of("no-latest"), deploymentsOnly.rulesFor("StatefulSet").stream().map(Rule::name).toList());
    }
}
