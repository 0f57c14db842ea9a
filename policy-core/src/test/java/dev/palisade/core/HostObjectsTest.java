package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Host objects: fabric8 models, the official client's models (refused, and their documented route),
 * maps, records and text become resources without a conversion written by the host, located by JSON
 * pointer; anything whose JSON form would be guessed is refused.
 */
class HostObjectsTest {
    private static final ObjectMapper JSON_READER = new ObjectMapper();

    /** The Deployment every form below describes, as a person would write it. */
    private static final String DEPLOYMENT_YAML = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels: {app: web}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: registry.example.com/web:1.2
                      resources:
                        limits: {cpu: 500m, memory: 128Mi}
                    - name: sidecar
                      image: docker.io/library/envoy:1.30
            """;

    private static PolicySet trustedRegistries() throws URISyntaxException {
        Path policy = Path.of(HostObjectsTest.class.getResource("/host-objects/trusted-registries.yaml").toURI());
        LoadedPolicies loaded = PolicyLoader.builder().discover().build().load(List.of(policy.toString()));
        assertEquals(List.of(), loaded.errors());
        return PolicySet.of(loaded);
    }

    private static Deployment fabric8Deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString(1))
                .endRollingUpdate().endStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("web").withImage("registry.example.com/web:1.2")
                .withNewResources().addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("128Mi"))
                .endResources().endContainer()
                .addNewContainer().withName("sidecar").withImage("docker.io/library/envoy:1.30").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private static Pod fabric8Pod(String image) {
        return new PodBuilder().withNewMetadata().withName("debug").withNamespace("tools").endMetadata()
                .withNewSpec().addNewContainer().withName("shell").withImage(image).endContainer().endSpec().build();
    }

    @Test
    void aFabric8DeploymentConvertsToTheTreeItsYamlReadsAs() {
        Resource fromModel = Resource.fromObject(fabric8Deployment());
        Resource fromYaml = Resource.parse(DEPLOYMENT_YAML);
        // IntOrString stays a string or a number, Quantity its text, as Kubernetes reads the YAML
        assertEquals(fromYaml.object(), fromModel.object());
        assertEquals("25%", fromModel.object().at("/spec/strategy/rollingUpdate/maxSurge").textValue());
        assertTrue(fromModel.object().at("/spec/strategy/rollingUpdate/maxUnavailable").isIntegralNumber());
        assertEquals(new ResourceId("apps", "v1", "Deployment", "shop", "web"), fromModel.id());
    }

    @Test
    void findingsOnHostObjectsPointAtTheField() throws URISyntaxException {
        Result result = trustedRegistries().evaluate(Resource.fromObject(fabric8Deployment()),
                EvaluationContext.defaults());
        assertEquals(1, result.violations().size(), result.violations().toString());
        Finding finding = result.violations().get(0);
        assertEquals("/spec/template/spec/containers/1/image", finding.path());
        assertEquals("<object>#/spec/template/spec/containers/1/image", finding.location().display());
        assertTrue(finding.location().isInMemory());
        assertFalse(finding.location().isKnown());
        assertEquals("<object>", result.source().display());
    }

    @Test
    void aFabric8PodIsJudgedAsItsYaml() throws URISyntaxException {
        PolicySet policies = trustedRegistries();
        Result bad = policies.evaluate(Resource.fromObject(fabric8Pod("quay.io/evil/shell:1")),
                EvaluationContext.defaults());
        assertEquals(List.of("<object>#/spec/containers/0/image: container shell uses quay.io/evil/shell:1"),
                bad.violations().stream().map(f -> f.location().display() + ": " + f.message()).toList());
        Result good = policies.evaluate(Resource.fromObject(fabric8Pod("registry.example.com/shell:1")),
                EvaluationContext.defaults());
        assertEquals(Decision.ALLOW, good.decision());
    }

    @Test
    void aMapConvertsAsItsYaml() {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "web");
        container.put("image", "registry.example.com/web:1.2");
        container.put("resources", Map.of("limits", Map.of("cpu", "500m", "memory", "128Mi")));
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", Map.of("name", "web", "namespace", "shop"));
        pod.put("spec", Map.of("containers", List.of(container), "hostNetwork", false));
        Resource resource = Resource.fromMap(pod);
        assertEquals(Resource.parse("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "shop"},
                 "spec": {"hostNetwork": false, "containers": [{"name": "web", "image": "registry.example.com/web:1.2",
                   "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}}}]}}
                """).object(), resource.object());
        assertEquals("<object>#/spec/containers/0/image", resource.locate("/spec/containers/0/image").display());
    }

    @Test
    void aMapWithoutKindIsRefused() {
        PalisadeException e = assertThrows(PalisadeException.class,
                () -> Resource.fromMap(Map.of("apiVersion", "v1", "metadata", Map.of("name", "x"))));
        assertEquals("not a Kubernetes object: apiVersion and kind must be non-empty strings", e.getMessage());
        assertThrows(PalisadeException.class, () -> Resource.fromMap(Map.of("apiVersion", "v1", "kind", "")));
        assertThrows(PalisadeException.class, () -> Resource.fromMap(Map.of("apiVersion", "v1", "kind", 3)));
    }

    @Test
    void textIsReadAsTheManifestReaderReadsFiles() {
        Resource json = Resource.fromObject("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},"
                + "\"data\":{\"on\":\"yes\"}}");
        assertEquals("yes", json.object().at("/data/on").textValue());
        // YAML 1.1 scalars, as Kubernetes reads them: an unquoted yes is a boolean
        Resource yaml = Resource.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nimmutable: yes\n");
        assertTrue(yaml.object().at("/immutable").isBoolean());
        assertEquals("<object>#/immutable", yaml.locate("/immutable").display());

        PalisadeException two = assertThrows(PalisadeException.class,
                () -> Resource.parse("apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Secret\n"));
        assertTrue(two.getMessage().startsWith("expected one Kubernetes object, found 2 documents"), two.getMessage());
        PalisadeException malformed = assertThrows(PalisadeException.class,
                () -> Resource.parse("apiVersion: v1\nkind: [ConfigMap\n"));
        assertTrue(malformed.location().orElseThrow().isKnown(), "a parse error has its line");
        assertThrows(PalisadeException.class, () -> Resource.parse("- apiVersion: v1\n  kind: Pod\n"));
        assertThrows(PalisadeException.class, () -> Resource.parse(""));
    }

    @Test
    void theOfficialClientsModelsAreRefusedAndTheirJsonTextIsTheRoute() {
        V1Pod pod = new V1Pod().apiVersion("v1").kind("Pod")
                .metadata(new V1ObjectMeta().name("web").namespace("shop")
                        .creationTimestamp(OffsetDateTime.parse("2026-01-02T03:04:05Z")))
                .spec(new V1PodSpec().addContainersItem(new V1Container().name("web").image("nginx:1.27")
                        .resources(new V1ResourceRequirements()
                                .putLimitsItem("cpu", io.kubernetes.client.custom.Quantity.fromString("500m")))));
        PalisadeException refused = assertThrows(PalisadeException.class, () -> Resource.fromObject(pod));
        assertTrue(refused.getMessage().contains("io.kubernetes.client.openapi.models.V1Pod carries no Jackson annotation")
                && refused.getMessage().contains("JSON.serialize(object) to Resource.parse"), refused.getMessage());

        Resource resource = Resource.parse(JSON.serialize(pod));
        assertEquals("500m", resource.object().at("/spec/containers/0/resources/limits/cpu").textValue());
        // the client's own timestamp text (RFC 3339 with microseconds), as it would send it to the API server
        assertEquals("2026-01-02T03:04:05.000000Z", resource.object().at("/metadata/creationTimestamp").textValue());
        assertEquals(new ResourceId("", "v1", "Pod", "shop", "web"), resource.id());
    }

    @Test
    void aRefusedValueDeepInsideIsLocated() {
        Map<String, Object> pod = Map.of("apiVersion", "v1", "kind", "Pod",
                "spec", Map.of("containers", List.of(new V1Container().name("c").image("nginx"))));
        PalisadeException refused = assertThrows(PalisadeException.class, () -> Resource.fromMap(pod));
        assertEquals("<object>#/spec/containers/0", refused.location().orElseThrow().display());
        assertTrue(refused.getMessage().contains("V1Container carries no Jackson annotation"), refused.getMessage());
    }

    @Test
    void datesNonFiniteNumbersAndUnannotatedBeansAreRefused() {
        PalisadeException date = assertThrows(PalisadeException.class, () -> Resource.fromMap(Map.of("apiVersion", "v1",
                "kind", "ConfigMap", "metadata", Map.of("name", "c", "creationTimestamp", new Date(0)))));
        assertTrue(date.getMessage().contains("java.util.Date has no single JSON form"), date.getMessage());
        assertEquals("<object>#/metadata/creationTimestamp", date.location().orElseThrow().display());

        PalisadeException nan = assertThrows(PalisadeException.class, () -> Resource.fromMap(Map.of("apiVersion", "v1",
                "kind", "ConfigMap", "spec", Map.of("ratio", Double.NaN))));
        assertEquals("<object>#/spec/ratio", nan.location().orElseThrow().display());
        assertTrue(nan.getMessage().endsWith("NaN is not a number JSON can write"), nan.getMessage());

        PalisadeException bean = assertThrows(PalisadeException.class, () -> Resource.fromObject(new PlainBean()));
        assertTrue(bean.getMessage().contains("PlainBean carries no Jackson annotation, so its JSON form would be"
                + " guessed from its getters; pass a Map, a JsonNode or JSON text"), bean.getMessage());
    }

    @Test
    void aCycleIsRefusedNotOverflowed() {
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("self", spec);
        pod.put("spec", spec);
        PalisadeException e = assertThrows(PalisadeException.class, () -> Resource.fromMap(pod));
        assertTrue(e.getMessage().startsWith("cannot convert java.util.LinkedHashMap to a Kubernetes object: nested "
                + "deeper than 200 levels (the manifest reader's limit), or a cycle"), e.getMessage());
    }

    @Test
    void recordsAndJsonNodesAreAccepted() throws Exception {
        record Metadata(String name) {
        }
        record ConfigMap(String apiVersion, String kind, Metadata metadata, Map<String, String> data) {
        }
        Resource resource = Resource.fromObject(new ConfigMap("v1", "ConfigMap", new Metadata("c"), Map.of("k", "v")));
        assertEquals(new ResourceId("", "v1", "ConfigMap", "", "c"), resource.id());
        JsonNode node = JSON_READER.readTree("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},"
                + "\"data\":{\"k\":\"v\"}}");
        assertEquals(node, resource.object());
        assertEquals(node, Resource.fromObject(node).object());
        Resource read = Resource.of(node);
        assertSame(read, Resource.fromObject(read), "a resource is taken as it is");
        assertEquals("<object>#/data/k", Resource.of(node).locate("/data/k").display());
    }

    @Test
    void listsAreRefusedSinceNoPolicyLooksIntoThem() {
        PodList list = new PodListBuilder().addToItems(fabric8Pod("quay.io/evil/shell:1")).build();
        PalisadeException e = assertThrows(PalisadeException.class, () -> Resource.fromObject(list));
        assertTrue(e.getMessage().startsWith("kind PodList is a list of 1 objects"), e.getMessage());
        assertThrows(PalisadeException.class, () -> Resource.parse("apiVersion: v1\nkind: List\nitems: []\n"));
    }

    /** A bean whose JSON form nothing declares. */
    public static final class PlainBean {
        public String getApiVersion() {
            return "v1";
        }

        public String getKind() {
            return "ConfigMap";
        }
    }
}
