package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PodSpecViewTest {
    private static final String POD_SPEC = """
            securityContext:
              runAsUser: 1000
            initContainers:
            - name: init
              image: busybox
            containers:
            - name: app
              image: nginx
              securityContext:
                runAsUser: 0
            - name: side
              image: envoy
            ephemeralContainers:
            - name: debug
              image: busybox
            """;

    private static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        return text.lines().map(l -> pad + l).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
    }

    private static Resource wrap(String apiVersion, String kind, String prefix, int depth) {
        return TestResources.yaml("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: x}\n" + prefix
                + indent(POD_SPEC, depth));
    }

    @ParameterizedTest
    @CsvSource({
        "v1, Pod, /spec",
        "apps/v1, Deployment, /spec/template/spec",
        "apps/v1, StatefulSet, /spec/template/spec",
        "apps/v1, DaemonSet, /spec/template/spec",
        "apps/v1, ReplicaSet, /spec/template/spec",
        "batch/v1, Job, /spec/template/spec",
        "v1, ReplicationController, /spec/template/spec",
        "batch/v1, CronJob, /spec/jobTemplate/spec/template/spec",
        "v1, PodTemplate, /template/spec",
        "argoproj.io/v1alpha1, Rollout, /spec/template/spec",
        "apps.kruise.io/v1alpha1, CloneSet, /spec/template/spec",
        "apps.kruise.io/v1beta1, StatefulSet, /spec/template/spec",
        "serving.knative.dev/v1, Service, /spec/template/spec",
        "serving.knative.dev/v1, Revision, /spec",
        "keda.sh/v1alpha1, ScaledJob, /spec/jobTargetRef/template/spec"
    })
    void everyControllerExposesItsPodSpecWithPaths(String apiVersion, String kind, String specPath) {
        String[] parts = specPath.substring(1).split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            prefix.append("  ".repeat(i)).append(parts[i]).append(":\n");
        }
        Resource resource = wrap(apiVersion, kind, prefix.toString(), parts.length * 2);
        PodSpecView view = PodSpecView.of(resource).orElseThrow();
        assertEquals(specPath, view.specPath());
        List<ContainerView> containers = view.containers();
        assertEquals(List.of("init", "app", "side", "debug"), containers.stream().map(ContainerView::name).toList());
        assertEquals(List.of(ContainerType.INIT, ContainerType.REGULAR, ContainerType.REGULAR, ContainerType.EPHEMERAL),
                containers.stream().map(ContainerView::type).toList());
        assertEquals(specPath + "/containers/1", containers.get(2).path());
        assertEquals(specPath + "/ephemeralContainers/0", containers.get(3).path());
        assertEquals("envoy", resource.object().at(containers.get(2).pathOf("image")).asText());
        assertTrue(PodSpecView.hasPodSpec(resource.id().group(), kind));
    }

    @Test
    void securityContextInheritsFromThePod() {
        Resource pod = wrap("v1", "Pod", "spec:\n", 2);
        List<ContainerView> containers = PodSpecView.of(pod).orElseThrow().containers();
        ContainerView app = containers.get(1);
        ContainerView side = containers.get(2);
        ContainerView.EffectiveField own = app.effectiveSecurityField("runAsUser").orElseThrow();
        assertEquals(0, own.value().asInt());
        assertFalse(own.inheritedFromPod());
        assertEquals("/spec/containers/0/securityContext/runAsUser", own.path());
        ContainerView.EffectiveField inherited = side.effectiveSecurityField("runAsUser").orElseThrow();
        assertEquals(1000, inherited.value().asInt());
        assertTrue(inherited.inheritedFromPod());
        assertEquals("/spec/securityContext/runAsUser", inherited.path());
        assertTrue(side.effectiveSecurityField("privileged").isEmpty(), "privileged is not inherited");
    }

    @Test
    void usersRegisterTheirOwnPodTemplateKinds() {
        Resource custom = wrap("workloads.test.example/v1", "Runner", "spec:\n  pod:\n    spec:\n", 6);
        assertTrue(PodSpecView.of(custom).isEmpty());
        PodSpecView.register("workloads.test.example/Runner=/spec/pod/spec");
        PodSpecView view = PodSpecView.of(custom).orElseThrow();
        assertEquals("/spec/pod/spec", view.specPath());
        assertEquals("/spec/pod/metadata", view.metadataPath());
        assertEquals(4, view.containers().size());
        assertTrue(PodSpecView.podKinds().stream().anyMatch(k -> k.matches("workloads.test.example", "Runner")));
        assertTrue(PodSpecView.registered().contains("workloads.test.example/Runner=/spec/pod/spec"));
        assertTrue(PodSpecView.registered().contains("argoproj.io/Rollout=/spec/template/spec"));
        org.junit.jupiter.api.Assertions.assertThrows(PalisadeException.class,
                () -> PodSpecView.register("workloads.test.example/Runner=/spec/pod"));
        org.junit.jupiter.api.Assertions.assertThrows(PalisadeException.class,
                () -> PodSpecView.register("no-pointer-here"));
    }

    @Test
    void aVolumeWithoutSourceIsDefaultedToEmptyDir() {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertTrue(PodSpecView.defaultsToEmptyDir(json.createObjectNode().put("name", "data")));
        assertTrue(PodSpecView.defaultsToEmptyDir(json.createObjectNode().put("name", "data").putNull("hostPath")));
        com.fasterxml.jackson.databind.node.ObjectNode hostPath = json.createObjectNode().put("name", "data");
        hostPath.putObject("hostPath").put("path", "/var");
        assertFalse(PodSpecView.defaultsToEmptyDir(hostPath));
        assertFalse(PodSpecView.defaultsToEmptyDir(json.createArrayNode()));
    }

    @Test
    void otherKindsHaveNoPodSpec() {
        assertTrue(PodSpecView.of(TestResources.yaml("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n")).isEmpty());
        assertTrue(PodSpecView.of(TestResources.yaml("apiVersion: example.com/v1\nkind: Deployment\nmetadata:"
                + " {name: s}\nspec: {template: {spec: {containers: []}}}\n")).isEmpty(), "group matters");
        assertTrue(PodSpecView.of(TestResources.yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: s}\n"))
                .isEmpty(), "no spec, no view");
    }

    @Test
    void containerAtFindsTheOwnerOfAPath() {
        PodSpecView view = PodSpecView.of(wrap("v1", "Pod", "spec:\n", 2)).orElseThrow();
        assertEquals("side", view.containerAt("/spec/containers/1/securityContext").orElseThrow().name());
        assertEquals("app", view.containerAt("/spec/containers/0").orElseThrow().name());
        assertTrue(view.containerAt("/spec/containers/10").isEmpty());
        assertTrue(view.containerAt("/spec/hostNetwork").isEmpty());
    }
}
