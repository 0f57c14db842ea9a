package dev.palisade.rules.gatekeeper.internal.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.Inventory;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.internal.kinds.KindRun.Reported;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviours the native kinds keep from the Rego even where they surprise. */
class RegoCornerCasesTest {

    @Test
    void hpaRangeMessageKeepsTheTemplatesMissingArgument() {
        List<Reported> reported = KindRun.run("K8sHorizontalPodAutoscaler", "hpa-outside-ranges.fail.yaml",
                "{ranges: [{min_replicas: 2, max_replicas: 10}], minimumReplicaSpread: 2}");
        assertEquals(List.of("The HorizontalPodAutoscaler <web> minReplicas 1 or maxReplicas 20 is not allowed:"
                + " [{\"max_replicas\": 10, \"min_replicas\": 2}]. Allowed ranges: %!v(MISSING)"), messages(reported));
    }

    @Test
    void hpaScaleTargetMustBeInTheInventory() {
        List<Reported> reported = KindRun.run("K8sHorizontalPodAutoscaler", "hpa-outside-ranges.fail.yaml",
                "{ranges: [{min_replicas: 1, max_replicas: 20}], minimumReplicaSpread: 30, enforceScaleTargetRef: true}");
        assertEquals(List.of(
                new Reported("The HorizontalPodAutoscaler <web> is configured with minReplicas 1 and maxReplicas 20"
                        + " which is a spread of 19 replica(s). The spread must be at least 30 replica(s)", "/spec"),
                new Reported("The HorizontalPodAutoscaler <web> has a scaleTargetRef of <Deployment/web> but it does"
                        + " not exist. The scaleTargetRef for the HorizontalPodAutoscaler must exist",
                        "/spec/scaleTargetRef")),
                reported);
    }

    @Test
    void storageClassesNotSyncedIsReportedForAnyObject() {
        assertEquals(List.of("StorageClasses not synced. Gatekeeper may be misconfigured. Please have a cluster-admin"
                + " consult the documentation.", "pvc did not specify a valid storage class name <premium>. Must be one"
                + " of []"), messages(KindRun.run("K8sStorageClass", "pvc-with-unknown-class.fail.yaml", "{}")));
    }

    @Test
    void storageClassMessagesListTheSyncedClassesSorted() {
        Inventory classes = inventory("storage-classes.inventory.yaml");
        assertEquals(List.of("pvc did not specify a valid storage class name <premium>. Must be one of [fast,"
                + " standard]"), messages(KindRun.run("K8sStorageClass", "pvc-with-unknown-class.fail.yaml", "{}",
                classes)));
        assertEquals(List.of("pvc did not specify an allowed and valid storage class name <premium>. Must be one of"
                + " [fast]"), messages(KindRun.run("K8sStorageClass", "pvc-with-unknown-class.fail.yaml",
                "{allowedStorageClasses: [fast, premium]}", classes)));
        assertEquals(List.of("pvc did not specify a valid storage class name <premium>."), messages(KindRun.run(
                "K8sStorageClass", "pvc-with-unknown-class.fail.yaml", "{includeStorageClassesInMessage: false}",
                classes)));
    }

    @Test
    void cpuRatioIsOnlyCheckedWhenRatioIsSetToo() {
        assertEquals(List.of(), KindRun.run("K8sContainerRatios", "container-with-cpu-ratio-only.fail.yaml",
                "{cpuRatio: '2'}"));
        assertEquals(List.of(new Reported("container <app> cpu limit <1> is higher than the maximum allowed ratio of"
                + " <2>", "/spec/containers/0/resources/limits/cpu")),
                KindRun.run("K8sContainerRatios", "container-with-cpu-ratio-only.fail.yaml", "{ratio: '4', cpuRatio: '2'}"));
    }

    @Test
    void onlyPodsLetContainersInheritThePodSecurityContext() {
        List<JsonNode> objects = KindRun.documents("pod-and-deployment-run-as-user.yaml");
        JsonNode parameters = KindRun.yaml("{runAsUser: {rule: MustRunAs, ranges: [{min: 100, max: 200}]}}");
        assertEquals(List.of(new Reported("Container app is attempting to run as disallowed user 0. Allowed runAsUser:"
                + " {\"ranges\": [{\"max\": 200, \"min\": 100}], \"rule\": \"MustRunAs\"}",
                "/spec/securityContext/runAsUser")),
                KindRun.run("K8sPSPAllowedUsers", Resource.of(objects.get(0)), parameters, Inventory.EMPTY));
        assertEquals(List.of(new Reported("Container app is attempting to run without a required"
                + " securityContext/runAsUser", "/spec/containers/0/securityContext/runAsUser")),
                KindRun.run("K8sPSPAllowedUsers", Resource.of(objects.get(1)), parameters, Inventory.EMPTY));
    }

    @Test
    void hostPathPrefixesCompareWholeSegmentsAndReadOnlyNeedsReadOnlyMounts() {
        List<Reported> reported = KindRun.run("K8sPSPHostFilesystem", "host-path-volumes.fail.yaml",
                "{allowedHostPaths: [{pathPrefix: /var/log, readOnly: true}]}");
        assertEquals(List.of(new Reported("HostPath volume {\"hostPath\": {\"path\": \"/var/logger\"}, \"name\":"
                + " \"sibling\"} is not allowed, pod: host-paths. Allowed path: [{\"pathPrefix\": \"/var/log\","
                + " \"readOnly\": true}]", "/spec/volumes/1/hostPath")), reported);
    }

    @Test
    void anUpdateSkipsTheKindsThatIgnoreImmutableFields() {
        Resource pod = Resource.of(KindRun.documents("container-over-memory-limit.fail.yaml").get(0));
        JsonNode parameters = KindRun.yaml("{ephemeral-storage: 1Gi}");
        assertEquals(3, KindRun.run("K8sContainerEphemeralStorageLimit", pod, parameters, Inventory.EMPTY).size());
        Resource update = pod.withRequest(dev.palisade.core.AdmissionRequest.of("UPDATE"));
        assertEquals(List.of(), KindRun.run("K8sContainerEphemeralStorageLimit", update, parameters, Inventory.EMPTY));
    }

    private static Inventory inventory(String fixture) {
        List<Resource> resources = new ArrayList<>();
        KindRun.documents(fixture).forEach(d -> resources.add(Resource.of(d)));
        return Inventory.of(resources);
    }

    private static List<String> messages(List<Reported> reported) {
        return reported.stream().map(Reported::message).toList();
    }
}
