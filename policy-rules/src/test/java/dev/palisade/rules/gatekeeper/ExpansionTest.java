package dev.palisade.rules.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gatekeeper's ExpansionTemplates: constraints on Pods judge the pod templates of workloads, with
 * {@code [Implied by <template>]} messages and paths into the workload; the example set covers every
 * kind of {@link PodSpecView}'s registry; gator suites' {@code expansion} field.
 */
class ExpansionTest {
    private static final Path EXPANSIONS = Path.of("../examples/policies/gatekeeper-expansions/expansion-templates.yaml");
    private static final Path APPROVED = Path.of("src/test/resources/gatekeeper/custom-rego/approved-images-v1.yaml");
    private static final Map<String, String> VERSIONS = Map.of("", "v1", "apps", "v1", "extensions", "v1beta1",
            "batch", "v1", "argoproj.io", "v1alpha1", "apps.kruise.io", "v1alpha1", "serving.knative.dev", "v1",
            "keda.sh", "v1alpha1");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path podConstraint(String extra) throws IOException {
        return write("constraint.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: AcmeApprovedImages
                metadata:
                  name: approved
                spec:
                  match:
                    kinds: [{apiGroups: [""], kinds: [Pod]}]
                """ + extra + """
                  parameters:
                    registries: ["registry.acme.example/"]
                """);
    }

    private static PolicySet load(GatekeeperFormat format, Path... files) {
        List<String> refs = new ArrayList<>();
        for (Path file : files) {
            refs.add(file.toString());
        }
        LoadedPolicies loaded = PolicyLoader.builder().format(format).build().load(refs);
        assertEquals(List.of(), loaded.errors());
        return PolicySet.of(loaded);
    }

    /** An object of the kind with one container at the registered pod spec pointer. */
    private static Resource workload(String group, String kind, String specPointer) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode object = f.objectNode();
        object.put("apiVersion", group.isEmpty() ? VERSIONS.get(group) : group + "/" + VERSIONS.get(group));
        object.put("kind", kind);
        object.putObject("metadata").put("name", "shop").put("namespace", "prod");
        ObjectNode node = object;
        String[] parts = specPointer.substring(1).split("/");
        for (String part : parts) {
            node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
        }
        node.putArray("containers").addObject().put("name", "app").put("image", "docker.io/library/nginx:1.27");
        return Resource.of(object);
    }

    @Test
    void theExampleSetCoversEveryPodTemplateKind() throws IOException {
        PolicySet set = load(new GatekeeperFormat(), EXPANSIONS, APPROVED, podConstraint(""));
        int judged = 0;
        for (String line : PodSpecView.registered()) {
            String groupKind = line.substring(0, line.indexOf('='));
            String pointer = line.substring(line.indexOf('=') + 1);
            String group = groupKind.substring(0, groupKind.indexOf('/'));
            String kind = groupKind.substring(groupKind.indexOf('/') + 1);
            Result result = set.evaluate(workload(group, kind, pointer), EvaluationContext.defaults());
            List<Finding> findings = result.violations();
            if (pointer.equals("/spec")) {
                // a Pod is judged as itself; a Knative Revision's pod spec is its whole spec, which no
                // templateSource can describe
                assertEquals(kind.equals("Pod") ? 1 : 0, findings.size(), line + ": " + findings);
                continue;
            }
            judged++;
            assertEquals(1, findings.size(), line + ": " + result);
            Finding finding = findings.get(0);
            assertTrue(finding.message().startsWith("[approved] [Implied by expand-"), finding.message());
            assertTrue(finding.message().endsWith("container app uses image docker.io/library/nginx:1.27 from a"
                    + " registry that is not approved (registry.acme.example/)"), finding.message());
            assertEquals(pointer + "/containers/0/image", finding.path(), line);
        }
        assertEquals(PodSpecView.registered().size() - 2, judged);
    }

    @Test
    void cronJobsExpandThroughTheirJob() throws IOException {
        PolicySet set = load(new GatekeeperFormat(), EXPANSIONS, APPROVED, podConstraint(""));
        Finding finding = set.evaluate(workload("batch", "CronJob", "/spec/jobTemplate/spec/template/spec"),
                EvaluationContext.defaults()).violations().get(0);
        assertTrue(finding.message().startsWith("[approved] [Implied by expand-workloads] container app"),
                finding.message());
        assertEquals("/spec/jobTemplate/spec/template/spec/containers/0/image", finding.path());
    }

    @Test
    void matchSourceSelectsOriginalOrGenerated() throws IOException {
        Resource deployment = workload("apps", "Deployment", "/spec/template/spec");
        Resource pod = workload("", "Pod", "/spec");
        PolicySet original = load(new GatekeeperFormat(), EXPANSIONS, APPROVED, podConstraint("    source: Original\n"));
        assertEquals(0, original.evaluate(deployment, EvaluationContext.defaults()).violations().size());
        assertEquals(1, original.evaluate(pod, EvaluationContext.defaults()).violations().size());
        PolicySet generated = load(new GatekeeperFormat(), EXPANSIONS, APPROVED,
                podConstraint("    source: Generated\n"));
        assertEquals(1, generated.evaluate(deployment, EvaluationContext.defaults()).violations().size());
        assertEquals(0, generated.evaluate(pod, EvaluationContext.defaults()).violations().size());
        PolicySet none = load(new GatekeeperFormat(), APPROVED, podConstraint(""));
        assertEquals(0, none.evaluate(deployment, EvaluationContext.defaults()).violations().size(),
                "without expansion templates a Pod constraint does not see Deployments");
    }

    @Test
    void theTemplatesActionOverridesTheConstraints() throws IOException {
        Path expansion = write("expansion.yaml", """
                apiVersion: expansion.gatekeeper.sh/v1beta1
                kind: ExpansionTemplate
                metadata:
                  name: soft-deployments
                spec:
                  applyTo:
                    - {groups: ["apps"], kinds: ["Deployment"], versions: ["v1"]}
                  templateSource: spec.template
                  enforcementAction: warn
                  generatedGVK: {group: "", version: v1, kind: Pod}
                """);
        PolicySet set = load(new GatekeeperFormat(), expansion, APPROVED, podConstraint(""));
        Finding finding = set.evaluate(workload("apps", "Deployment", "/spec/template/spec"),
                EvaluationContext.defaults()).violations().get(0);
        assertEquals(EnforcementAction.WARN, finding.action());
        assertTrue(finding.message().contains("[Implied by soft-deployments]"), finding.message());
    }

    @Test
    void badExpansionTemplatesAreLoadErrors() throws IOException {
        Path expansion = write("expansion.yaml", """
                apiVersion: expansion.gatekeeper.sh/v1beta1
                kind: ExpansionTemplate
                metadata:
                  name: loops
                spec:
                  applyTo:
                    - {groups: [""], kinds: ["Pod"], versions: ["v1"]}
                  templateSource: spec
                  generatedGVK: {group: "", version: v1, kind: Pod}
                """);
        LoadedPolicies loaded = PolicyLoader.builder().format(new GatekeeperFormat()).build()
                .load(List.of(expansion.toString()));
        assertEquals(1, loaded.errors().size());
        assertTrue(loaded.errors().get(0).message().contains("generates Pod but also applies to it"),
                loaded.errors().toString());
        assertEquals(7, loaded.errors().get(0).location().line());
    }

    @Test
    void gatorSuitesRunTheirExpansion() throws IOException {
        write("expansion.yaml", Files.readString(EXPANSIONS));
        write("template.yaml", Files.readString(APPROVED));
        podConstraint("");
        write("bad.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: shop, namespace: prod}
                spec:
                  template:
                    spec:
                      containers: [{name: app, image: docker.io/library/nginx:1.27}]
                """);
        write("good.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: shop, namespace: prod}
                spec:
                  template:
                    spec:
                      containers: [{name: app, image: registry.acme.example/shop:1}]
                """);
        Path suite = write("suite.yaml", """
                kind: Suite
                apiVersion: test.gatekeeper.sh/v1alpha1
                tests:
                - name: approved-images
                  template: template.yaml
                  constraint: constraint.yaml
                  expansion: expansion.yaml
                  cases:
                  - name: rollout
                    object: bad.yaml
                    assertions:
                    - violations: 1
                      message: "Implied by expand-argo-rollouts"
                  - name: deployment
                    object: good.yaml
                    assertions:
                    - violations: no
                """);
        StringWriter out = new StringWriter();
        int status = GatorSuiteRunner.create().verify(List.of(suite), new PrintWriter(out));
        assertEquals(0, status, out.toString());
        assertTrue(out.toString().endsWith("2 passed, 0 failed\n") || out.toString().contains("2 passed, 0 failed"),
                out.toString());
    }

    @Test
    void libraryPodKindsJudgeArgoRolloutsWithEveryEngine() throws IOException {
        Path library = GatorLibraryConformanceTest.library();
        Path privileged = library.resolve("pod-security-policy/privileged-containers/template.yaml");
        Path constraint = write("privileged.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: K8sPSPPrivilegedContainer
                metadata:
                  name: no-privileged
                spec:
                  match:
                    kinds: [{apiGroups: [""], kinds: [Pod]}]
                """);
        ObjectNode rollout = (ObjectNode) workload("argoproj.io", "Rollout", "/spec/template/spec").object();
        ((ObjectNode) rollout.at("/spec/template/spec/containers/0")).putObject("securityContext")
                .put("privileged", true);
        for (GatekeeperEngine engine : List.of(GatekeeperEngine.AUTO, GatekeeperEngine.NATIVE, GatekeeperEngine.REGO)) {
            PolicySet set = load(GatekeeperFormat.withEngine(engine), EXPANSIONS, privileged, constraint);
            List<Finding> findings = set.evaluate(Resource.of(rollout), EvaluationContext.defaults()).violations();
            assertEquals(1, findings.size(), engine + ": " + findings);
            assertTrue(findings.get(0).message().startsWith("[no-privileged] [Implied by expand-argo-rollouts] "
                    + "Privileged container is not allowed: app"), engine + ": " + findings.get(0).message());
            assertTrue(findings.get(0).path().startsWith("/spec/template"), engine + ": " + findings.get(0).path());
        }
    }
}
