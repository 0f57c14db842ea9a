package dev.palisade.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Decision;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFormatsTest {
    private static final PolicyLoader LOADER = PolicyLoader.builder().format(new PalisadePolicyFormat())
            .format(new AdmissionPolicyFormat()).build();

    private static LoadedPolicies load(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return LOADER.load(List.of(file.toString()));
    }

    private static Report check(LoadedPolicies policies, String manifests) {
        List<Resource> resources = ManifestReader.create().readString("manifests.yaml", manifests).resources();
        return PolicySet.of(policies.policies()).audit(resources, EvaluationContext.defaults());
    }

    private static List<Finding> violations(Report report) {
        List<Finding> all = new ArrayList<>();
        for (Result result : report.results()) {
            all.addAll(result.violations());
        }
        return all;
    }

    private static final String REGISTRY_POLICY = """
            apiVersion: palisade.dev/v1
            kind: Policy
            metadata:
              name: trusted-registries
            spec:
              title: Images come from trusted registries
              severity: high
              category: Supply chain
              remediation: Push the image to one of the trusted registries.
              match:
                kinds: [{apiGroups: ["", apps], kinds: [Pod, Deployment]}]
              params:
                registries: [registry.example.com/, ghcr.io/example/]
              variables:
                - name: trusted
                  expression: "params.registries"
              validations:
                - forEach: containers
                  expression: "variables.trusted.exists(r, element.image.startsWith(r))"
                  messageExpression: "'container ' + element.name + ' uses untrusted image ' + element.image"
                  path: image
              enforcementAction: {default: warn, admission: deny}
            """;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 5
              template:
                spec:
                  initContainers:
                    - name: init
                      image: registry.example.com/tools/init:1.0
                  containers:
                    - name: app
                      image: docker.io/library/nginx:1.27
                    - name: sidecar
                      image: ghcr.io/example/sidecar:2.0
            """;

    @Test
    void forEachReportsEachOffendingContainerAtItsPath(@TempDir Path dir) throws IOException {
        LoadedPolicies loaded = load(dir, REGISTRY_POLICY);
        assertEquals(List.of(), loaded.errors());
        List<Finding> findings = violations(check(loaded, DEPLOYMENT));
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("container app uses untrusted image docker.io/library/nginx:1.27", finding.message());
        assertEquals("/spec/template/spec/containers/0/image", finding.path());
        assertEquals(EnforcementAction.WARN, finding.action());
        assertEquals("high", finding.severity().label());
        assertEquals(13, finding.location().line(), "the line of the offending image field");
        assertEquals(11, finding.location().column());
    }

    @Test
    void compileErrorsPointAtTheExpressionInTheFile(@TempDir Path dir) throws IOException {
        LoadedPolicies loaded = load(dir, REGISTRY_POLICY.replace("element.image.startsWith(r))",
                "element.image.startsWith(r)"));
        assertEquals(1, loaded.errors().size());
        EvaluationError error = loaded.errors().get(0);
        assertTrue(error.message().startsWith("spec.validations[0].expression"), error.message());
        assertEquals(19, error.location().line(), error.display());
        assertTrue(error.message().contains("^"), "caret excerpt");
        assertTrue(loaded.policies().isEmpty());
    }

    @Test
    void unknownFieldsAndAuthorizerAreLoadErrors(@TempDir Path dir) throws IOException {
        LoadedPolicies typo = load(dir, REGISTRY_POLICY.replace("  severity: high", "  severty: high"));
        assertTrue(typo.errors().get(0).message().contains("spec.severty is not a Policy field"));
        LoadedPolicies authorizer = load(dir, REGISTRY_POLICY.replace("variables.trusted.exists(r, element.image"
                + ".startsWith(r))", "authorizer.group('').resource('pods').check('get').allowed()"));
        assertTrue(authorizer.errors().get(0).message().contains("authorizer variable is not available offline"),
                authorizer.errors().toString());
    }

    @Test
    void aReferenceWithoutPolicyDocumentsIsAnErrorNotAnEmptySet(@TempDir Path dir) throws IOException {
        // a Kyverno ClusterPolicy when no format on the class path reads kyverno.io: never "no policies, all allowed"
        LoadedPolicies kyverno = load(dir, """
                apiVersion: kyverno.io/v1
                kind: ClusterPolicy
                metadata: {name: require-labels}
                spec: {rules: []}
                """);
        assertTrue(kyverno.policies().isEmpty());
        assertEquals(1, kyverno.errors().size(), kyverno.errors().toString());
        String message = kyverno.errors().get(0).display();
        assertTrue(message.contains("no policy documents found") && message.contains("kyverno.io/v1 ClusterPolicy")
                && message.contains("policy.yaml:1:1"), message);
        Report report = PolicySet.of(kyverno).audit(
                ManifestReader.create().readString("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"),
                EvaluationContext.defaults());
        assertEquals(Decision.ERROR, report.decision());
        assertTrue(!report.allowed());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        LoadedPolicies none = LOADER.load(List.of(empty.toString()));
        assertTrue(none.errors().get(0).display().contains("no policy documents found"), none.errors().toString());

        // a policy beside other documents (params, ConfigMaps) loads without an error
        LoadedPolicies mixed = load(dir, REGISTRY_POLICY + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        assertEquals(List.of(), mixed.errors());
        assertEquals(1, mixed.policies().size());
    }

    private static final String REPLICA_LIMIT = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: replica-limit.example.com
            spec:
              failurePolicy: Fail
              paramKind:
                apiVersion: rules.example.com/v1
                kind: ReplicaLimit
              matchConstraints:
                resourceRules:
                  - apiGroups: [apps]
                    apiVersions: [v1]
                    operations: [CREATE, UPDATE]
                    resources: [deployments]
              validations:
                - expression: "object.spec.replicas <= params.maxReplicas"
                  reason: Invalid
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata:
              name: replica-limit-test.example.com
            spec:
              policyName: replica-limit.example.com
              validationActions: [Deny]
              paramRef:
                name: replica-limit-test.example.com
                namespace: default
                parameterNotFoundAction: Deny
              matchResources:
                namespaceSelector:
                  matchLabels:
                    environment: test
            ---
            apiVersion: rules.example.com/v1
            kind: ReplicaLimit
            metadata:
              name: replica-limit-test.example.com
              namespace: default
            maxReplicas: 3
            """;

    @Test
    void admissionPolicyWithBindingAndParamsDeniesTooManyReplicas(@TempDir Path dir) throws IOException {
        LoadedPolicies loaded = load(dir, REPLICA_LIMIT);
        assertEquals(List.of(), loaded.errors());
        assertEquals("replica-limit.example.com/replica-limit-test.example.com",
                loaded.policies().get(0).metadata().id());
        Report report = check(loaded, """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {environment: test}}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: prod, labels: {environment: prod}}
                ---
                """ + DEPLOYMENT + "---\n" + DEPLOYMENT.replace("namespace: shop", "namespace: prod")
                + "---\n" + DEPLOYMENT.replace("replicas: 5", "replicas: 2").replace("name: web", "name: small"));
        assertEquals(List.of(), report.allErrors());
        List<Finding> findings = violations(report);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("failed expression: object.spec.replicas <= params.maxReplicas", findings.get(0).message());
        assertEquals("web", findings.get(0).resource().name());
        assertEquals("shop", findings.get(0).resource().namespace());
        assertEquals(Decision.DENY, report.decision());
    }

    @Test
    void missingParamsFollowParameterNotFoundAction(@TempDir Path dir) throws IOException {
        String withoutParams = REPLICA_LIMIT.substring(0, REPLICA_LIMIT.lastIndexOf("---"));
        String manifests = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {environment: test}}\n"
                + "---\n" + DEPLOYMENT;
        Report denied = check(load(dir, withoutParams), manifests);
        assertEquals(1, denied.allErrors().size());
        assertTrue(denied.allErrors().get(0).message().contains("no parameter object found"));
        assertEquals(Decision.DENY, denied.decision(), "failurePolicy Fail: fail closed");
        Report allowed = check(load(dir, withoutParams.replace("parameterNotFoundAction: Deny",
                "parameterNotFoundAction: Allow")), manifests);
        assertEquals(Decision.ALLOW, allowed.decision());
        assertEquals(List.of(), allowed.allErrors());
    }

    @Test
    void bindingsAreRequiredAndValidated(@TempDir Path dir) throws IOException {
        String policyOnly = REPLICA_LIMIT.substring(0, REPLICA_LIMIT.indexOf("---"));
        LoadedPolicies unbound = load(dir, policyOnly);
        assertTrue(unbound.errors().get(0).message().contains("has no ValidatingAdmissionPolicyBinding"));
        LoadedPolicies both = load(dir, REPLICA_LIMIT.replace("validationActions: [Deny]",
                "validationActions: [Deny, Warn]"));
        assertTrue(both.errors().get(0).message().contains("cannot hold both Deny and Warn"), both.errors().toString());
        LoadedPolicies audit = load(dir, REPLICA_LIMIT.replace("validationActions: [Deny]", "validationActions: [Audit]"));
        assertEquals(EnforcementAction.DRYRUN, audit.policies().get(0).enforcement()
                .at(dev.palisade.core.EnforcementPoint.ADMISSION).orElseThrow());
    }
}
