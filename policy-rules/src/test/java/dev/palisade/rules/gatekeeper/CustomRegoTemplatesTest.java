package dev.palisade.rules.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Finding;
import dev.palisade.core.Inventory;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates written the way teams write their own (referential ones reading {@code data.inventory}
 * through a lib, Rego v1 with parameters checked by their schema, {@code external_data}), run from
 * their Rego through the glue, plus the errors a template author must be able to act on.
 */
class CustomRegoTemplatesTest {
    private static final Path TEMPLATES = Path.of("src/test/resources/gatekeeper/custom-rego");
    private static final ManifestReader READER = ManifestReader.create();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private List<Resource> read(Path file) {
        Manifests manifests = READER.read(List.of(file.toString()));
        assertTrue(manifests.errors().isEmpty(), manifests.errors().toString());
        return manifests.resources();
    }

    private static LoadedPolicies load(GatekeeperFormat format, Path... files) {
        List<String> refs = new ArrayList<>();
        for (Path file : files) {
            refs.add(file.toString());
        }
        return PolicyLoader.builder().format(format).build().load(refs);
    }

    private static List<String> messages(Result result) {
        return result.violations().stream().map(Finding::message).sorted().toList();
    }

    @Test
    void referentialTemplateWithALibReadsTheInventory() throws IOException {
        Path constraint = write("constraint.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: AcmeUniqueServicePort
                metadata:
                  name: unique-node-ports
                spec:
                  match:
                    kinds: [{apiGroups: [""], kinds: [Service]}]
                  parameters:
                    teamLabel: team
                    exemptNamespaces: [sandbox]
                """);
        LoadedPolicies loaded = load(new GatekeeperFormat(), TEMPLATES.resolve("unique-team-ports.yaml"), constraint);
        assertEquals(List.of(), loaded.errors());
        Policy policy = loaded.policies().get(0);
        assertTrue(policy.metadata().tags().contains("engine:Rego"), policy.metadata().tags().toString());
        assertEquals(InventoryNeeds.kinds("/Service"), policy.inventoryNeeds(), "from requires-sync-data");

        List<Resource> objects = read(write("services.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: blue-a, labels: {team: blue}}
                spec: {type: NodePort, ports: [{port: 80, nodePort: 30080}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: api, namespace: blue-b, labels: {team: blue}}
                spec: {type: NodePort, ports: [{port: 80, nodePort: 30080}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: shop, namespace: red, labels: {team: red}}
                spec: {type: NodePort, ports: [{port: 80, nodePort: 30080}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: try, namespace: sandbox, labels: {team: blue}}
                spec: {type: NodePort, ports: [{port: 80, nodePort: 30080}]}
                """));
        PolicySet set = PolicySet.of(loaded);
        EvaluationContext context = EvaluationContext.builder().inventory(Inventory.of(objects)).build();
        assertEquals(List.of("[unique-node-ports] nodePort 30080 is already used by service blue-b/api of team blue",
                "[unique-node-ports] nodePort 30080 is already used by service sandbox/try of team blue"),
                messages(set.evaluate(objects.get(0), context)));
        assertEquals(List.of(), messages(set.evaluate(objects.get(2), context)), "another team's port");
        assertEquals(List.of(), messages(set.evaluate(objects.get(3), context)), "exempt namespace");
        assertEquals(List.of(), messages(set.evaluate(objects.get(0), EvaluationContext.defaults())),
                "an empty inventory");
        Finding finding = set.evaluate(objects.get(0), context).violations().get(0);
        assertEquals(constraint.toString(), finding.policy().source().file(), "the constraint's file");
    }

    @Test
    void regoV1TemplateWithParametersLocatesContainers() throws IOException {
        Path constraint = write("constraint.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: AcmeApprovedImages
                metadata:
                  name: approved
                spec:
                  enforcementAction: warn
                  parameters:
                    registries: ["registry.acme.example/", "mirror.acme.example:5000/"]
                    allowDigestOnly: true
                """);
        LoadedPolicies loaded = load(new GatekeeperFormat(), TEMPLATES.resolve("approved-images-v1.yaml"), constraint);
        assertEquals(List.of(), loaded.errors());
        assertEquals(InventoryNeeds.NONE, loaded.policies().get(0).inventoryNeeds(), "never reads data.inventory");
        Resource deployment = read(write("deploy.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: shop, namespace: prod}
                spec:
                  template:
                    spec:
                      containers:
                      - name: app
                        image: registry.acme.example/shop@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                      - name: app-sidecar
                        image: docker.io/envoyproxy/envoy:v1.30
                """)).get(0);
        Result result = PolicySet.of(loaded).evaluate(deployment, EvaluationContext.defaults());
        assertEquals(List.of("[approved] container app-sidecar must pin its image by digest",
                "[approved] container app-sidecar uses image docker.io/envoyproxy/envoy:v1.30 from a registry that is"
                        + " not approved (registry.acme.example/, mirror.acme.example:5000/)"), messages(result));
        for (Finding finding : result.violations()) {
            String expected = finding.message().contains("uses image") ? "/spec/template/spec/containers/1/image"
                    : "/spec/template/spec/containers/1";
            assertEquals(expected, finding.path(), finding.message());
            assertEquals(expected.endsWith("/image") ? 11 : 10, finding.location().line(),
                    "line of the offending field in deploy.yaml");
        }

        Path bad = write("bad.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: AcmeApprovedImages
                metadata:
                  name: bad
                spec:
                  parameters:
                    registries: ["https://registry.acme.example"]
                """);
        LoadedPolicies rejected = load(new GatekeeperFormat(), TEMPLATES.resolve("approved-images-v1.yaml"), bad);
        assertEquals(1, rejected.errors().size(), rejected.errors().toString());
        assertTrue(rejected.errors().get(0).message().contains("spec.parameters.registries[0]"),
                rejected.errors().toString());
    }

    private static final String SIGNED_CONSTRAINT = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: AcmeSignedImages
            metadata:
              name: signed
            spec:
              parameters:
                provider: acme-verifier
            """;

    private Resource pod() throws IOException {
        return read(write("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: prod}
                spec:
                  containers:
                  - {name: a, image: registry.acme.example/a:1}
                  - {name: b, image: registry.acme.example/b:1}
                """)).get(0);
    }

    @Test
    void externalDataFailsClosedWithoutAProvider() throws IOException {
        LoadedPolicies loaded = load(new GatekeeperFormat(), TEMPLATES.resolve("signed-images-external.yaml"),
                write("c.yaml", SIGNED_CONSTRAINT));
        assertEquals(List.of(), loaded.errors());
        Result result = PolicySet.of(loaded).evaluate(pod(), EvaluationContext.defaults());
        assertFalse(result.allowed(), "no provider: never allowed");
        assertEquals(1, result.errors().size(), result.toString());
        EvaluationError error = result.errors().get(0);
        assertTrue(error.message().contains("external_data") && error.message().contains("acme-verifier"),
                error.message());
    }

    @Test
    void externalDataAsksTheHostsProvider() throws IOException {
        List<List<String>> asked = new ArrayList<>();
        GatekeeperFormat format = GatekeeperFormat.builder().externalData((provider, keys) -> {
            asked.add(List.of(provider, String.join(",", keys)));
            return ExternalDataProvider.Response.of(List.of(
                    ExternalDataProvider.Item.of("registry.acme.example/a:1", TextNode.valueOf("signed")),
                    ExternalDataProvider.Item.failed("registry.acme.example/b:1", "no signature found")));
        }).build();
        LoadedPolicies loaded = load(format, TEMPLATES.resolve("signed-images-external.yaml"),
                write("c.yaml", SIGNED_CONSTRAINT));
        Result result = PolicySet.of(loaded).evaluate(pod(), EvaluationContext.defaults());
        assertEquals(List.of(), result.errors());
        assertEquals(List.of("[signed] image registry.acme.example/b:1 is not signed: no signature found"),
                messages(result));
        assertEquals(List.of("acme-verifier", "registry.acme.example/a:1,registry.acme.example/b:1"), asked.get(0));

        GatekeeperFormat failing = GatekeeperFormat.builder().externalData((provider, keys) -> {
            throw new IOException("connection refused");
        }).build();
        Result unreachable = PolicySet.of(load(failing, TEMPLATES.resolve("signed-images-external.yaml"),
                write("c2.yaml", SIGNED_CONSTRAINT))).evaluate(pod(), EvaluationContext.defaults());
        assertEquals(List.of("[signed] image verification failed: connection refused"), messages(unreachable));
    }

    @Test
    void compileErrorsPointInsideTheTemplateYaml() {
        LoadedPolicies loaded = load(new GatekeeperFormat(), TEMPLATES.resolve("broken.yaml"));
        assertEquals(1, loaded.errors().size(), loaded.errors().toString());
        EvaluationError error = loaded.errors().get(0);
        assertTrue(error.message().contains("undefined_thing"), error.message());
        assertTrue(error.location().file().endsWith("broken.yaml"), error.location().toString());
        assertEquals(17, error.location().line(), "the line of undefined_thing in broken.yaml");
        assertEquals(11, error.location().column(), "the expression's column, counting the block's indentation (8)");
    }

    @Test
    void dataOtherThanInventoryAndLibsIsRejected() {
        LoadedPolicies loaded = load(new GatekeeperFormat(), TEMPLATES.resolve("reads-data.yaml"));
        assertEquals(1, loaded.errors().size(), loaded.errors().toString());
        EvaluationError error = loaded.errors().get(0);
        assertTrue(error.message().contains("data.secrets"), error.message());
        assertEquals(17, error.location().line(), "the line of the reference");
    }

    @Test
    void theRegoEngineNeedsRego() throws IOException {
        Path template = Path.of("src/main/resources/dev/palisade/rules/gatekeeper/templates");
        Path allowedNamespaces;
        try (var files = Files.list(template)) {
            allowedNamespaces = files.filter(p -> p.toString().contains("allowednamespaces")).findFirst().orElseThrow();
        }
        LoadedPolicies rego = load(GatekeeperFormat.withEngine(GatekeeperEngine.REGO), allowedNamespaces);
        assertEquals(1, rego.errors().size());
        assertTrue(rego.errors().get(0).message().contains("has no Rego"), rego.errors().toString());
        assertEquals(List.of(), load(new GatekeeperFormat(), allowedNamespaces).errors(), "auto: the native kind");
        LoadedPolicies cel = load(GatekeeperFormat.withEngine(GatekeeperEngine.CEL),
                TEMPLATES.resolve("approved-images-v1.yaml"));
        assertTrue(cel.errors().get(0).message().contains("no K8sNativeValidation"), cel.errors().toString());
    }

    @Test
    void theContextsCostBudgetBoundsRego() throws IOException {
        Path constraint = write("constraint.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: AcmeApprovedImages
                metadata:
                  name: approved
                spec:
                  parameters:
                    registries: ["registry.acme.example/"]
                """);
        PolicySet set = PolicySet.of(load(new GatekeeperFormat(), TEMPLATES.resolve("approved-images-v1.yaml"),
                constraint));
        Result result = set.evaluate(pod(), EvaluationContext.builder().policyCostBudget(5).build());
        assertFalse(result.allowed());
        assertTrue(result.errors().get(0).message().contains("eval_cost_exceeded"), result.errors().toString());
        assertTrue(set.evaluate(pod(), EvaluationContext.defaults()).allowed());
    }

    @Test
    void libraryTemplatesDeclareTheirInventoryNeeds() throws IOException {
        Path library = GatorLibraryConformanceTest.library();
        Path constraint = write("c.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: K8sUniqueIngressHost
                metadata: {name: unique}
                """);
        LoadedPolicies rego = load(GatekeeperFormat.withEngine(GatekeeperEngine.REGO),
                library.resolve("general/uniqueingresshost/template.yaml"), constraint);
        assertEquals(List.of(), rego.errors());
        assertEquals(InventoryNeeds.kinds("extensions/Ingress", "networking.k8s.io/Ingress"),
                rego.policies().get(0).inventoryNeeds(), "from metadata.gatekeeper.sh/requires-sync-data");
        Path allowedRepos = write("r.yaml", """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: K8sAllowedRepos
                metadata: {name: repos}
                spec: {parameters: {repos: ["a/"]}}
                """);
        LoadedPolicies plain = load(GatekeeperFormat.withEngine(GatekeeperEngine.REGO),
                library.resolve("general/allowedrepos/template.yaml"), allowedRepos);
        assertEquals(InventoryNeeds.NONE, plain.policies().get(0).inventoryNeeds(), "never reads data.inventory");
    }
}
