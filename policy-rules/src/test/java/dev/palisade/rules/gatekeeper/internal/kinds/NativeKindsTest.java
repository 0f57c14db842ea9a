package dev.palisade.rules.gatekeeper.internal.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Inventory;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import dev.palisade.rules.gatekeeper.internal.kinds.KindRun.Reported;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact messages, pointers and the Rego corner cases of individual native kinds. */
class NativeKindsTest {

    @Test
    void registryIsImmutableAndKeyedByKind() {
        Map<String, ConstraintKind> all = NativeConstraintKinds.all();
        assertEquals(49, all.size());
        all.forEach((key, kind) -> assertEquals(key, kind.kind()));
        assertThrows(UnsupportedOperationException.class, () -> all.remove("K8sAllowedRepos"));
        assertTrue(NativeConstraintKinds.find("K8sNoSuchKind").isEmpty());
    }

    @Test
    void containerLimitsReportEachProblemOnceWithItsField() {
        List<Reported> reported = KindRun.run("K8sContainerLimits", "container-over-memory-limit.fail.yaml",
                "{cpu: 200m, memory: 1Gi}");
        assertEquals(List.of(
                new Reported("container <app> memory limit <2Gi> is higher than the maximum allowed of <1Gi>",
                        "/spec/containers/0/resources/limits/memory"),
                new Reported("container <sidecar> has no resource limits", "/spec/containers/1/resources"),
                new Reported("container <init> cpu limit <1e3> could not be parsed",
                        "/spec/initContainers/0/resources/limits/cpu")),
                reported);
    }

    @Test
    void containerLimitsSkipCpuWhenTheMaximumIsMinusOneOrAbsent() {
        for (String parameters : List.of("{cpu: '-1', memory: 4Gi}", "{memory: 4Gi}")) {
            List<Reported> reported = KindRun.run("K8sContainerLimits", "container-over-memory-limit.fail.yaml",
                    parameters);
            assertEquals(List.of(new Reported("container <sidecar> has no resource limits",
                    "/spec/containers/1/resources")), reported, parameters);
        }
    }

    @Test
    void exemptImagesUseTheTrailingStarAsPrefix() {
        List<Reported> reported = KindRun.run("K8sContainerLimits", "container-over-memory-limit.fail.yaml",
                "{cpu: 200m, memory: 1Gi, exemptImages: ['registry.example/side*', 'registry.example/app:1.0']}");
        assertEquals(List.of("container <init> cpu limit <1e3> could not be parsed"), messages(reported));
    }

    @Test
    void allowedReposPrintTheRepoListAsRegoDoes() {
        List<Reported> reported = KindRun.run("K8sAllowedRepos", "images-from-mixed-repos.fail.yaml",
                "{repos: ['registry.example/', \"quay.io/\"]}");
        assertEquals(List.of(
                new Reported("container <bad> has an invalid image repo <docker.io/library/nginx>, allowed repos are"
                        + " [\"registry.example/\", \"quay.io/\"]", "/spec/containers/1/image"),
                new Reported("ephemeralContainer <debug> has an invalid image repo <busybox>, allowed repos are"
                        + " [\"registry.example/\", \"quay.io/\"]", "/spec/ephemeralContainers/0/image")),
                reported);
    }

    @Test
    void disallowedTagsReportMissingTagsPerContainer() {
        List<Reported> reported = KindRun.run("K8sDisallowedTags", "images-from-mixed-repos.fail.yaml",
                "{tags: [latest]}");
        assertEquals(List.of("container <bad> didn't specify an image tag <docker.io/library/nginx>",
                "container <debug> didn't specify an image tag <busybox>"), messages(reported));
    }

    @Test
    void requiredLabelsPrintMissingKeysAsARegoSetAndCheckRegexesWithRe2() {
        List<Reported> reported = KindRun.run("K8sRequiredLabels", "labels-missing-and-invalid.fail.yaml",
                "{labels: [{key: owner, allowedRegex: '^[a-z.]+@example[.]com$'}, {key: team}, {key: cost-center}]}");
        assertEquals(List.of(
                new Reported("you must provide labels: {\"cost-center\", \"team\"}", "/metadata/labels"),
                new Reported("Label <owner: Not An Email> does not satisfy allowed regex: ^[a-z.]+@example[.]com$",
                        "/metadata/labels/owner")),
                reported);
    }

    @Test
    void aCustomMessageMakesBothRequiredLabelViolationsOne() {
        List<Reported> reported = KindRun.run("K8sRequiredLabels", "labels-missing-and-invalid.fail.yaml",
                "{message: 'label the namespace properly', labels: [{key: owner, allowedRegex: '^x$'}, {key: team}]}");
        assertEquals(List.of("label the namespace properly"), messages(reported));
    }

    @Test
    void uniqueIngressHostIgnoresTheObjectItselfInTheInventory() {
        List<Resource> inventory = new ArrayList<>();
        KindRun.documents("ingress-inventory.yaml").forEach(d -> inventory.add(Resource.of(d)));
        List<Reported> reported = KindRun.run("K8sUniqueIngressHost", "ingress-sharing-host.fail.yaml", "{}",
                Inventory.of(inventory));
        assertEquals(List.of(new Reported("ingress host conflicts with an existing ingress <api.example.com>",
                "/spec/rules/1/host")), reported);
    }

    @Test
    void serviceAccountChangesNeedAnAllowedUserOrGroup() {
        String review = "deployment-service-account-changed.admission-review.yaml";
        assertEquals(List.of(new Reported("user does not have permission to modify serviceAccountName",
                "/spec/template/spec/serviceAccountName")),
                KindRun.run("NoUpdateServiceAccount", review, "{allowedUsers: [bob]}"));
        assertEquals(List.of(), KindRun.run("NoUpdateServiceAccount", review, "{allowedGroups: [developers]}"));
        assertEquals(List.of(), KindRun.run("NoUpdateServiceAccount", review, "{allowedUsers: [alice]}"));
    }

    @Test
    void seccompFollowsTheRegosPrecedenceOfFieldsAndAnnotations() {
        List<Reported> reported = KindRun.run("K8sPSPSeccomp", "pod-with-seccomp-annotations.fail.yaml",
                "{allowedProfiles: [runtime/default]}");
        assertEquals(List.of(
                new Reported("Seccomp profile 'unconfined' is not allowed for container 'first'. Found at: annotation"
                        + " seccomp.security.alpha.kubernetes.io/pod. Allowed profiles: {\"runtime/default\"}",
                        "/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod"),
                new Reported("Seccomp profile 'localhost/custom.json' is not allowed for container 'second'. Found at:"
                        + " annotation container.seccomp.security.alpha.kubernetes.io/second. Allowed profiles:"
                        + " {\"runtime/default\"}",
                        "/metadata/annotations/container.seccomp.security.alpha.kubernetes.io~1second")),
                reported);
    }

    @Test
    void kindsAreSafeToShareAcrossThreads() throws InterruptedException {
        List<Reported> expected = KindRun.run("K8sRequiredLabels", "labels-missing-and-invalid.fail.yaml",
                "{labels: [{key: owner, allowedRegex: '^[a-z]+$'}, {key: team}]}");
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    List<Reported> got = KindRun.run("K8sRequiredLabels", "labels-missing-and-invalid.fail.yaml",
                            "{labels: [{key: owner, allowedRegex: '^[a-z]+$'}, {key: team}]}");
                    if (!got.equals(expected)) {
                        failures.add(new AssertionError(got.toString()));
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(2, expected.size());
    }

    private static List<String> messages(List<Reported> reported) {
        return reported.stream().map(Reported::message).toList();
    }
}
