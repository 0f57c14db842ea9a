package dev.palisade.rules.podsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Decision;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodSecurityStandardsTest {

    private static final String EMPTY_CONTEXT_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: app
                  image: nginx
                  securityContext: {}
            """;

    private static Result evaluate(Policy policy, Resource resource) {
        return PolicySet.of(List.of(policy)).evaluate(resource, EvaluationContext.defaults());
    }

    @Test
    void policiesCarryIdSeverityCategoryAndRemediation() {
        Policy restricted = PodSecurityStandards.policy(Level.RESTRICTED, "v1.25");
        assertEquals("pod-security/restricted:v1.25", restricted.metadata().id());
        assertEquals(Severity.MEDIUM, restricted.metadata().severity());
        assertEquals("Pod Security", restricted.metadata().category());
        assertTrue(restricted.metadata().remediation().contains("allowPrivilegeEscalation: false"));
        Policy baseline = PodSecurityStandards.policy(Level.BASELINE, "latest");
        assertEquals("pod-security/baseline:latest", baseline.metadata().id());
        assertEquals(Severity.HIGH, baseline.metadata().severity());
        assertTrue(baseline.match().matchesKind("batch", "CronJob"));
        assertTrue(baseline.match().matchesKind("", "Pod"));
        assertTrue(!baseline.match().matchesKind("", "ConfigMap"));
    }

    @Test
    void invalidVersionsFailWithTheExpectedSyntax() {
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> PodSecurityStandards.policy(Level.BASELINE, "1.25"));
        assertTrue(e.getMessage().contains("'1.25'") && e.getMessage().contains("v1.x"), e.getMessage());
    }

    @Test
    void oneFindingPerFailedCheckInCheckOrderWithPsaText() {
        Result result = evaluate(PodSecurityStandards.policy(Level.RESTRICTED, "latest"), Resources.one(EMPTY_CONTEXT_POD));
        assertEquals(Decision.DENY, result.decision());
        List<String> messages = result.violations().stream().map(Finding::message).toList();
        String prefix = "violates PodSecurity \"restricted:latest\": ";
        assertEquals(List.of(
                prefix + "allowPrivilegeEscalation != false (container \"app\" must set"
                        + " securityContext.allowPrivilegeEscalation=false)",
                prefix + "unrestricted capabilities (container \"app\" must set"
                        + " securityContext.capabilities.drop=[\"ALL\"])",
                prefix + "runAsNonRoot != true (pod or container \"app\" must set securityContext.runAsNonRoot=true)",
                prefix + "seccompProfile (pod or container \"app\" must set securityContext.seccompProfile.type to"
                        + " \"RuntimeDefault\" or \"Localhost\")"), messages);
        assertEquals(List.of("/spec/containers/0/securityContext/allowPrivilegeEscalation",
                "/spec/containers/0/securityContext/capabilities/drop",
                "/spec/containers/0/securityContext/runAsNonRoot",
                "/spec/containers/0/securityContext/seccompProfile/type"),
                result.violations().stream().map(Finding::path).toList());
        assertEquals(Optional.of("app"), result.violations().get(0).container());
    }

    @Test
    void futureVersionsEvaluateAsTheNewestButPrintTheirOwnText() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  securityContext:
                    sysctls: [{name: net.ipv4.tcp_notsent_lowat, value: "1"}, {name: kernel.msgmax, value: "1"}]
                  containers: [{name: app, image: nginx}]
                """;
        Resource resource = Resources.one(pod);
        for (String version : List.of("v1.99", "latest", "v1.37")) {
            Result result = evaluate(PodSecurityStandards.policy(Level.BASELINE, version), resource);
            assertEquals(List.of("violates PodSecurity \"baseline:" + version + "\": forbidden sysctls (kernel.msgmax)"),
                    result.violations().stream().map(Finding::message).toList(), version);
        }
        Result v136 = evaluate(PodSecurityStandards.policy(Level.BASELINE, "v1.36"), resource);
        assertEquals("violates PodSecurity \"baseline:v1.36\": forbidden sysctls (net.ipv4.tcp_notsent_lowat,"
                + " kernel.msgmax)", v136.violations().get(0).message());
    }

    @Test
    void deploymentFindingsPointIntoThePodTemplate() {
        Resource deployment = Resources.fixture("controllers/deployment-privileged.fail.yaml").get(0);
        Result result = evaluate(PodSecurityStandards.policy(Level.BASELINE, "latest"), deployment);
        assertEquals(1, result.violations().size());
        Finding finding = result.violations().get(0);
        assertEquals("violates PodSecurity \"baseline:latest\": privileged (container \"agent\" must not set"
                + " securityContext.privileged=true)", finding.message());
        assertEquals("/spec/template/spec/containers/1/securityContext/privileged", finding.path());
        assertEquals(Optional.of("agent"), finding.container());
        assertEquals(EnforcementAction.DENY, finding.action());
    }

    @Test
    void cronJobFindingsPointIntoTheJobTemplateIncludingTemplateAnnotations() {
        Resource cronJob = Resources.fixture("controllers/cronjob-unhardened.fail.yaml").get(0);
        Result result = evaluate(PodSecurityStandards.policy(Level.RESTRICTED, "v1.25"), cronJob);
        String prefix = "violates PodSecurity \"restricted:v1.25\": ";
        assertEquals(List.of(
                prefix + "forbidden AppArmor profile (annotation must not set AppArmor profile type to"
                        + " \"container.apparmor.security.beta.kubernetes.io/job=\"unconfined\"\")",
                prefix + "allowPrivilegeEscalation != false (container \"job\" must set"
                        + " securityContext.allowPrivilegeEscalation=false)",
                prefix + "unrestricted capabilities (container \"job\" must set"
                        + " securityContext.capabilities.drop=[\"ALL\"])",
                prefix + "runAsNonRoot != true (pod or container \"job\" must set securityContext.runAsNonRoot=true)",
                prefix + "runAsUser=0 (container \"job\" must not set runAsUser=0)",
                prefix + "seccompProfile (pod or container \"job\" must set securityContext.seccompProfile.type to"
                        + " \"RuntimeDefault\" or \"Localhost\")"),
                result.violations().stream().map(Finding::message).toList());
        String spec = "/spec/jobTemplate/spec/template/spec";
        assertEquals(List.of(
                "/spec/jobTemplate/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1job",
                spec + "/containers/0/securityContext/allowPrivilegeEscalation",
                spec + "/containers/0/securityContext/capabilities/drop",
                spec + "/containers/0/securityContext/runAsNonRoot",
                spec + "/containers/0/securityContext/runAsUser",
                spec + "/containers/0/securityContext/seccompProfile/type"),
                result.violations().stream().map(Finding::path).toList());
    }

    @Test
    void everyControllerKindIsCheckedAndOtherKindsAreNot() {
        List<Resource> resources = Resources.fixture("controllers/pod-template-and-controllers.yaml");
        PolicySet set = PolicySet.of(List.of(PodSecurityStandards.policy(Level.BASELINE, "v1.0")));
        for (Resource resource : resources) {
            Result result = set.evaluate(resource, EvaluationContext.defaults());
            if (resource.id().kind().equals("ConfigMap")) {
                assertTrue(result.violations().isEmpty());
            } else {
                assertEquals(1, result.violations().size(), resource.id().kind());
                assertEquals("violates PodSecurity \"baseline:v1.0\": host namespaces (hostNetwork=true)",
                        result.violations().get(0).message());
                assertTrue(result.violations().get(0).path().endsWith("spec/hostNetwork"),
                        result.violations().get(0).path());
            }
        }
    }

    @Test
    void ephemeralContainersAreChecked() {
        Resource pod = Resources.one("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [{name: app, image: nginx}]
                  ephemeralContainers:
                    - name: debug
                      image: busybox
                      securityContext: {capabilities: {add: [SYS_PTRACE]}}
                """);
        Result result = evaluate(PodSecurityStandards.policy(Level.BASELINE, "v1.0"), pod);
        assertEquals("violates PodSecurity \"baseline:v1.0\": non-default capabilities (container \"debug\" must not"
                + " include \"SYS_PTRACE\" in securityContext.capabilities.add)", result.violations().get(0).message());
        assertEquals("/spec/ephemeralContainers/0/securityContext/capabilities/add/0", result.violations().get(0).path());
        assertEquals(Optional.of("debug"), result.violations().get(0).container());
    }

    @Test
    void privilegedLevelAllowsEverything() {
        Result result = evaluate(PodSecurityStandards.policy(Level.PRIVILEGED, "latest"),
                Resources.fixture("controllers/deployment-privileged.fail.yaml").get(0));
        assertEquals(Decision.ALLOW, result.decision());
        assertTrue(result.violations().isEmpty());
    }

    @Test
    void builtinReferencesResolve() {
        assertEquals("pod-security/restricted:v1.25",
                PodSecurityStandards.builtin("builtin:pod-security/restricted:v1.25").orElseThrow().metadata().id());
        assertEquals("pod-security/baseline:latest",
                PodSecurityStandards.builtin("pod-security/baseline:latest").orElseThrow().metadata().id());
        assertTrue(PodSecurityStandards.builtin("builtin:k8s-required-labels").isEmpty());
        PalisadeException level = assertThrows(PalisadeException.class,
                () -> PodSecurityStandards.builtin("builtin:pod-security/strict:latest"));
        assertTrue(level.getMessage().contains("baseline or restricted"), level.getMessage());
        PalisadeException version = assertThrows(PalisadeException.class,
                () -> PodSecurityStandards.builtin("builtin:pod-security/baseline:1.25"));
        assertTrue(version.getMessage().contains("builtin:pod-security/baseline:1.25")
                && version.getMessage().contains("v1.x"), version.getMessage());
        PalisadeException missing = assertThrows(PalisadeException.class,
                () -> PodSecurityStandards.builtin("builtin:pod-security/baseline"));
        assertTrue(missing.getMessage().contains(":latest"), missing.getMessage());
    }

    @Test
    void evaluateGivesPsaAggregatedTexts() {
        PodSecurityResult result = PodSecurityStandards.evaluate(LevelVersion.parse("restricted:latest"),
                Resources.one(EMPTY_CONTEXT_POD)).orElseThrow();
        assertTrue(!result.allowed());
        assertEquals("allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true,"
                + " seccompProfile", result.forbiddenReason());
        assertEquals("pods \"web\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation"
                + " != false (container \"app\" must set securityContext.allowPrivilegeEscalation=false), unrestricted"
                + " capabilities (container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot"
                + " != true (pod or container \"app\" must set securityContext.runAsNonRoot=true), seccompProfile (pod"
                + " or container \"app\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or"
                + " \"Localhost\")", result.denialMessage("web"));
        assertTrue(result.warning().startsWith("would violate PodSecurity \"restricted:latest\": allowPrivilege"));
        assertTrue(PodSecurityStandards.evaluate(LevelVersion.parse("baseline:latest"),
                Resources.one(EMPTY_CONTEXT_POD)).orElseThrow().allowed());
        assertTrue(PodSecurityStandards.evaluate(LevelVersion.parse("baseline:latest"),
                Resources.one("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}")).isEmpty());
    }
}
