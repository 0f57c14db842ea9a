package dev.palisade.rules.podsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.Decision;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionPolicyTest {

    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: team
              labels:
            %s
            ---
            """;
    private static final String ROOT_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: team}
            spec:
              securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
              containers:
                - name: app
                  image: nginx
                  securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
            """;
    private static final String PRIVILEGED_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: team}
            spec:
              containers:
                - name: app
                  image: nginx
                  securityContext: {privileged: true}
            """;
    private static final String RESTRICTED_ONLY_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: team}
            spec:
              containers: [{name: app, image: nginx}]
            """;

    private static Report audit(PsaOptions options, String labels, String objects) {
        String yaml = (labels == null ? "" : NAMESPACE.formatted(labels)) + objects;
        List<Resource> resources = Resources.parse(yaml);
        return PolicySet.of(List.of(PodSecurityStandards.admissionPolicy(options)))
                .audit(resources, EvaluationContext.defaults());
    }

    private static Result last(Report report) {
        return report.results().get(report.results().size() - 1);
    }

    private static List<String> describe(Result result) {
        List<String> lines = new ArrayList<>();
        for (Finding f : result.violations()) {
            lines.add(f.action().label() + " " + f.message());
        }
        return lines;
    }

    @Test
    void enforceDeniesPodsAuditRecordsAndWarningsAreOmittedWhenDenied() {
        Result result = last(audit(PsaOptions.defaults(), """
                    pod-security.kubernetes.io/enforce: baseline
                    pod-security.kubernetes.io/enforce-version: v1.30
                    pod-security.kubernetes.io/audit: restricted
                    pod-security.kubernetes.io/warn: restricted
                """, PRIVILEGED_POD));
        assertEquals(Decision.DENY, result.decision());
        List<String> lines = describe(result);
        assertEquals("deny violates PodSecurity \"baseline:v1.30\": privileged (container \"app\" must not set"
                + " securityContext.privileged=true)", lines.get(0));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("dryrun would violate PodSecurity"
                + " \"restricted:latest\": ")), lines.toString());
        assertEquals(6, lines.size(), lines.toString());
        assertEquals("/spec/containers/0/securityContext/privileged", result.violations().get(0).path());
        assertEquals("baseline:v1.30", result.auditAnnotations().get("pod-security-admission/enforce-policy"));
        assertTrue(result.auditAnnotations().get("pod-security-admission/audit-violations")
                .startsWith("would violate PodSecurity \"restricted:latest\": privileged (container \"app\" must not set"
                        + " securityContext.privileged=true), allowPrivilegeEscalation != false ("));
    }

    @Test
    void warnModeWarnsWhenEnforceAllows() {
        Result result = last(audit(PsaOptions.defaults(), """
                    pod-security.kubernetes.io/enforce: baseline
                    pod-security.kubernetes.io/warn: restricted
                    pod-security.kubernetes.io/warn-version: v1.7
                """, RESTRICTED_ONLY_POD));
        assertEquals(Decision.WARN, result.decision());
        assertEquals(List.of("warn would violate PodSecurity \"restricted:v1.7\": runAsNonRoot != true (pod or"
                + " container \"app\" must set securityContext.runAsNonRoot=true)"), describe(result));
    }

    @Test
    void controllersGetWarnAndAuditButNeverEnforce() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: team}
                spec:
                  template:
                    spec:
                      containers:
                        - {name: app, image: nginx, securityContext: {privileged: true}}
                """;
        Result result = last(audit(PsaOptions.defaults(), """
                    pod-security.kubernetes.io/enforce: baseline
                """, deployment));
        assertEquals(Decision.WARN, result.decision(), "warn inherits enforce; enforce is not applied");
        assertEquals(List.of("warn would violate PodSecurity \"baseline:latest\": privileged (container \"app\" must"
                + " not set securityContext.privileged=true)"), describe(result));
        assertEquals("/spec/template/spec/containers/0/securityContext/privileged", result.violations().get(0).path());
        assertFalse(result.auditAnnotations().containsKey("pod-security-admission/enforce-policy"));
    }

    @Test
    void controllersAreSkippedWhenOnlyEnforceIsSetAndWarnIsExplicitlyPrivileged() {
        String job = """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j, namespace: team}
                spec:
                  template:
                    spec:
                      hostPID: true
                      containers: [{name: app, image: nginx}]
                """;
        Result result = last(audit(PsaOptions.defaults(), """
                    pod-security.kubernetes.io/enforce: restricted
                    pod-security.kubernetes.io/warn: privileged
                """, job));
        assertTrue(result.violations().isEmpty(), describe(result).toString());
    }

    @Test
    void invalidEnforceLabelFailsClosedAtRestrictedLatestAndSaysWhy() {
        Result result = last(audit(PsaOptions.defaults(), """
                    pod-security.kubernetes.io/enforce: strict
                    pod-security.kubernetes.io/warn: privileged
                """, RESTRICTED_ONLY_POD));
        assertEquals(Decision.DENY, result.decision());
        assertTrue(describe(result).stream().allMatch(l -> l.startsWith("deny violates PodSecurity"
                + " \"restricted:latest\": ")), describe(result).toString());
        assertEquals("Failed to parse policy: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value:"
                + " \"strict\": must be one of privileged, baseline, restricted",
                result.auditAnnotations().get("pod-security-admission/error"));
    }

    @Test
    void unlabelledAndUnknownNamespacesTakeTheDefaults() {
        Result unlabelled = last(audit(PsaOptions.defaults(), "    other: x", PRIVILEGED_POD));
        assertTrue(unlabelled.violations().isEmpty());
        assertEquals("privileged:latest", unlabelled.auditAnnotations().get("pod-security-admission/enforce-policy"));
        PsaOptions baseline = PsaOptions.defaults().withEnforce(LevelVersion.parse("baseline:v1.25"));
        Result unknown = last(audit(baseline, null, PRIVILEGED_POD));
        assertEquals(Decision.DENY, unknown.decision());
        assertTrue(unknown.violations().get(0).message().startsWith("violates PodSecurity \"baseline:v1.25\": privileged"));
    }

    @Test
    void requireNamespaceFailsClosedForPodsWhoseNamespaceIsUnknown() {
        Result result = last(audit(PsaOptions.defaults().withRequireNamespace(true), null, ROOT_POD));
        assertEquals(Decision.DENY, result.decision());
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).message().contains("failed to lookup namespace \"team\""),
                result.errors().get(0).message());
    }

    @Test
    void exemptNamespacesRuntimeClassesAndUsersAreNotChecked() {
        String labels = "    pod-security.kubernetes.io/enforce: baseline";
        Result namespace = last(audit(PsaOptions.defaults().withExemptNamespaces(Set.of("team")), labels,
                PRIVILEGED_POD));
        assertTrue(namespace.violations().isEmpty());
        assertEquals("namespace", namespace.auditAnnotations().get("pod-security-admission/exempt"));

        String gvisorPod = PRIVILEGED_POD.replace("spec:\n", "spec:\n  runtimeClassName: gvisor\n");
        Result runtimeClass = last(audit(PsaOptions.defaults().withExemptRuntimeClasses(Set.of("gvisor")), labels,
                gvisorPod));
        assertTrue(runtimeClass.violations().isEmpty());
        assertEquals("runtimeClass", runtimeClass.auditAnnotations().get("pod-security-admission/exempt"));
        Result otherClass = last(audit(PsaOptions.defaults().withExemptRuntimeClasses(Set.of("kata")), labels,
                gvisorPod));
        assertEquals(Decision.DENY, otherClass.decision());

        List<Resource> resources = Resources.parse(NAMESPACE.formatted(labels) + PRIVILEGED_POD);
        PolicySet set = PolicySet.of(List.of(PodSecurityStandards.admissionPolicy(
                PsaOptions.defaults().withExemptUsernames(Set.of("system:serviceaccount:kube-system:replicaset")))));
        EvaluationContext context = EvaluationContext.builder()
                .inventory(dev.palisade.core.Inventory.of(resources)).build();
        Resource exemptUser = resources.get(1).withRequest(request("system:serviceaccount:kube-system:replicaset"));
        assertTrue(set.evaluate(exemptUser, context).violations().isEmpty());
        Resource otherUser = resources.get(1).withRequest(request("alice"));
        assertEquals(Decision.DENY, set.evaluate(otherUser, context).decision());
    }

    @Test
    void fullyPrivilegedNamespacesShortCircuit() {
        Result result = last(audit(PsaOptions.defaults(), """
                    pod-security.kubernetes.io/enforce: privileged
                    pod-security.kubernetes.io/audit: privileged
                """, PRIVILEGED_POD));
        assertTrue(result.violations().isEmpty());
        assertEquals(Map.of("pod-security-admission/enforce-policy", "privileged:latest"), result.auditAnnotations());
    }

    @Test
    void policyHasItsIdAndDefaultsArePrivileged() {
        assertEquals("pod-security-admission",
                PodSecurityStandards.admissionPolicy(PsaOptions.defaults()).metadata().id());
        assertEquals(LevelVersion.PRIVILEGED_LATEST, PsaOptions.defaults().enforce());
        assertEquals(EnforcementAction.DENY, PodSecurityStandards.admissionPolicy(PsaOptions.defaults())
                .enforcement().at(dev.palisade.core.EnforcementPoint.ADMISSION).orElseThrow());
    }

    @Test
    void namespacesWithInvalidLabelsAreDeniedNamingTheLabel() {
        Report report = audit(PsaOptions.defaults(), """
                    pod-security.kubernetes.io/enforce: strict
                    pod-security.kubernetes.io/audit-version: "1.25"
                """, ROOT_POD);
        Result namespace = report.results().get(0);
        assertEquals(Decision.DENY, namespace.decision());
        assertEquals(List.of("deny metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\": must be"
                + " one of privileged, baseline, restricted", "deny metadata.labels[pod-security.kubernetes.io/audit-version]:"
                + " Invalid value: \"1.25\": must be \"latest\" or \"v1.x\""), describe(namespace));
        assertEquals("/metadata/labels/pod-security.kubernetes.io~1enforce", namespace.violations().get(0).path());
    }

    @Test
    void namespaceUpdatesKeepingTheSameLabelErrorsAreAllowed() {
        List<Resource> resources = Resources.parse(NAMESPACE.formatted("    pod-security.kubernetes.io/enforce: strict")
                + ROOT_POD);
        Resource namespace = resources.get(0);
        PolicySet set = PolicySet.of(List.of(PodSecurityStandards.admissionPolicy(PsaOptions.defaults())));
        Resource unchanged = namespace.withRequest(new AdmissionRequest("u", "UPDATE", MissingNode.getInstance(),
                Optional.of(namespace.object()), false, MissingNode.getInstance()));
        assertTrue(set.evaluate(unchanged, EvaluationContext.defaults()).violations().isEmpty());
        Resource fromValid = namespace.withRequest(new AdmissionRequest("u", "UPDATE", MissingNode.getInstance(),
                Optional.of(Resources.one("{apiVersion: v1, kind: Namespace, metadata: {name: team}}").object()),
                false, MissingNode.getInstance()));
        assertEquals(Decision.DENY, set.evaluate(fromValid, EvaluationContext.defaults()).decision());
    }

    @Test
    void labellingAnExemptNamespaceWarnsThatThePolicyIsIgnored() {
        Report report = audit(PsaOptions.defaults().withExemptNamespaces(Set.of("team")), """
                    pod-security.kubernetes.io/enforce: restricted
                    pod-security.kubernetes.io/audit: privileged
                    pod-security.kubernetes.io/warn-version: v1.30
                """, ROOT_POD);
        assertEquals(List.of("warn namespace \"team\" is exempt from Pod Security, and the policy"
                + " (enforce=restricted:latest, warn=restricted:v1.30) will be ignored"), describe(report.results().get(0)));
    }

    @Test
    void podUpdatesAreEvaluatedOnlyWhenSignificantAndIgnoredSubresourcesAreSkipped() {
        List<Resource> resources = Resources.parse(NAMESPACE.formatted("    pod-security.kubernetes.io/enforce: baseline")
                + PRIVILEGED_POD);
        Resource pod = resources.get(1);
        PolicySet set = PolicySet.of(List.of(PodSecurityStandards.admissionPolicy(PsaOptions.defaults())));
        EvaluationContext context = EvaluationContext.builder().inventory(dev.palisade.core.Inventory.of(resources))
                .build();
        Resource labelOnlyUpdate = pod.withRequest(update(pod.object(), ""));
        assertTrue(set.evaluate(labelOnlyUpdate, context).violations().isEmpty());
        Resource imageChange = pod.withRequest(update(Resources.one(PRIVILEGED_POD.replace("image: nginx",
                "image: nginx:1.0")).object(), ""));
        assertEquals(Decision.DENY, set.evaluate(imageChange, context).decision());
        Resource debugAdded = pod.withRequest(update(Resources.one(PRIVILEGED_POD).object(), "ephemeralcontainers"));
        assertTrue(set.evaluate(debugAdded, context).violations().isEmpty(), "no ephemeral container was added");
        Resource withDebugger = Resources.one(PRIVILEGED_POD + "  ephemeralContainers: [{name: dbg, image: busybox}]\n")
                .withRequest(update(pod.object(), "ephemeralcontainers"));
        assertEquals(Decision.DENY, set.evaluate(withDebugger, context).decision());
        Resource status = pod.withRequest(new AdmissionRequest("u", "CREATE", MissingNode.getInstance(), Optional.empty(),
                false, new ObjectMapper().createObjectNode().put("subResource", "status")));
        assertTrue(set.evaluate(status, context).violations().isEmpty());
        Resource delete = pod.withRequest(AdmissionRequest.of("DELETE"));
        assertTrue(set.evaluate(delete, context).violations().isEmpty());
        assertEquals(Decision.DENY, set.evaluate(pod.withRequest(AdmissionRequest.of("CREATE")), context).decision());
    }

    private static AdmissionRequest update(com.fasterxml.jackson.databind.JsonNode old, String subResource) {
        return new AdmissionRequest("u", "UPDATE", MissingNode.getInstance(), Optional.of(old), false,
                new ObjectMapper().createObjectNode().put("subResource", subResource));
    }

    private static AdmissionRequest request(String username) {
        ObjectMapper mapper = new ObjectMapper();
        return new AdmissionRequest("uid", "CREATE", mapper.createObjectNode().put("username", username),
                Optional.empty(), false, MissingNode.getInstance());
    }
}
