package dev.palisade.benchmarks.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Beyond the three benchmark manifests: on generated Deployments that vary every field the ten
 * expressions read (present, absent, compliant or not), Palisade, cel-java and the hand-written
 * Java still agree, and the hand-written quantity parser orders quantities as Palisade does.
 */
class ImplementationsAgreePropertyTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<RuleExpression, Program> PALISADE = new EnumMap<>(RuleExpression.class);
    private static final Map<RuleExpression, CelJavaPeer> CEL_JAVA = new EnumMap<>(RuleExpression.class);
    private static final Program QUANTITY_COMPARE =
            Expressions.compile("quantity(a).compareTo(quantity(b))", Declarations.of("a", "b"));

    static {
        for (RuleExpression expression : RuleExpression.values()) {
            PALISADE.put(expression, Expressions.compile(expression.palisadeSource(), Declarations.of("object")));
            CEL_JAVA.put(expression, CelJavaPeer.compile(expression));
        }
    }

    /** One container's settings; an empty string or an empty Optional leaves the field out. */
    record ContainerShape(String name, String image, Optional<Boolean> privileged, Optional<Boolean> runAsNonRoot,
            String drop, String add, String seccomp, String limits) {
    }

    /** The pod around the containers. */
    record PodShape(String name, String team, Optional<Boolean> runAsNonRoot, String seccomp, boolean hostPath,
            boolean initContainer, List<ContainerShape> containers) {
    }

    @Property(tries = 300)
    void allImplementationsAgreeOnGeneratedDeployments(@ForAll("deployments") PodShape shape) {
        JsonNode manifest = build(shape);
        Map<String, Object> converted = Map.of("object", JacksonToJava.convert(manifest));
        for (RuleExpression expression : RuleExpression.values()) {
            boolean expected = expression.evaluateHandWritten(manifest);
            Object palisade = PALISADE.get(expression).evaluate(Bindings.of(Map.of("object", manifest)),
                    CostMeter.kubernetes());
            Object celJava = CEL_JAVA.get(expression).evaluate(converted);
            assertEquals(expected, palisade, "Palisade vs hand-written Java, " + expression + " on " + manifest);
            assertEquals(expected, celJava, "cel-java vs hand-written Java, " + expression + " on " + manifest);
        }
    }

    @Property(tries = 300)
    void handWrittenQuantitiesOrderLikePalisade(@ForAll("quantities") String a, @ForAll("quantities") String b) {
        Object palisade = QUANTITY_COMPARE.evaluate(Map.of("a", a, "b", b));
        long expected = Integer.signum(Quantities.parse(a).compareTo(Quantities.parse(b)));
        assertEquals(expected, palisade, a + " vs " + b);
    }

    @Provide
    Arbitrary<String> quantities() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 5000).map(String::valueOf),
                Arbitraries.integers().between(0, 999).map(n -> "0." + n),
                Arbitraries.integers().between(1, 99).map(n -> n + ".5"));
        Arbitrary<String> suffix = Arbitraries.of("", "m", "k", "M", "G", "Ki", "Mi", "Gi", "Ti", "n", "u");
        return Combinators.combine(number, suffix).as(String::concat);
    }

    @Provide
    Arbitrary<PodShape> deployments() {
        Arbitrary<Optional<Boolean>> maybeBoolean = Arbitraries.of(Optional.empty(), Optional.of(true), Optional.of(false));
        Arbitrary<ContainerShape> container = Combinators.combine(
                Arbitraries.of("checkout", "sidecar-proxy", "sidecar-log", "Sidecar-Bad", "worker", "-edge"),
                Arbitraries.of("registry.example.com/payments/checkout:2.14.3", "registry.example.com/tools/debug:latest",
                        "gcr.io/distroless/static:nonroot", "docker.io/library/busybox:1.36", "nginx",
                        "nginx:1.25"),
                maybeBoolean,
                maybeBoolean,
                Arbitraries.of("", "ALL", "NET_RAW"),
                Arbitraries.of("", "NET_BIND_SERVICE", "SYS_ADMIN"),
                Arbitraries.of("", "RuntimeDefault", "Unconfined"),
                Arbitraries.of("", "64Mi/50m", "512Mi/1", "2Gi/3", "4Gi/200m", "128Mi/4"))
                .as(ContainerShape::new);
        return Combinators.combine(
                Arbitraries.of("checkout-api", "web-frontend"),
                Arbitraries.of("payments", "", "-"),
                maybeBoolean,
                Arbitraries.of("", "RuntimeDefault", "Unconfined"),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                container.list().ofMinSize(1).ofMaxSize(8))
                .as(PodShape::new);
    }

    private static JsonNode build(PodShape shape) {
        ObjectNode deployment = F.objectNode();
        deployment.put("apiVersion", "apps/v1").put("kind", "Deployment");
        ObjectNode metadata = deployment.putObject("metadata");
        metadata.put("name", shape.name());
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app", "checkout").put("cost-center", "cc-4711");
        if (!shape.team().equals("-")) {
            labels.put("team", shape.team());
        }
        ObjectNode pod = deployment.putObject("spec").putObject("template").putObject("spec");
        if (shape.runAsNonRoot().isPresent() || !shape.seccomp().isEmpty()) {
            ObjectNode security = pod.putObject("securityContext");
            shape.runAsNonRoot().ifPresent(v -> security.put("runAsNonRoot", v));
            if (!shape.seccomp().isEmpty()) {
                security.putObject("seccompProfile").put("type", shape.seccomp());
            }
        }
        if (shape.initContainer()) {
            pod.putArray("initContainers").addObject().put("name", "migrate")
                    .put("image", "registry.example.com/payments/migrate:2.14.3");
        }
        ArrayNode containers = pod.putArray("containers");
        for (ContainerShape c : shape.containers()) {
            containers.add(container(c));
        }
        ArrayNode volumes = pod.putArray("volumes");
        volumes.addObject().put("name", "tmp").putObject("emptyDir");
        if (shape.hostPath()) {
            volumes.addObject().put("name", "host").putObject("hostPath").put("path", "/var/log");
        }
        return deployment;
    }

    private static ObjectNode container(ContainerShape shape) {
        ObjectNode c = F.objectNode();
        c.put("name", shape.name()).put("image", shape.image());
        if (!shape.limits().isEmpty()) {
            String[] memoryAndCpu = shape.limits().split("/");
            c.putObject("resources").putObject("limits").put("memory", memoryAndCpu[0]).put("cpu", memoryAndCpu[1]);
        }
        ObjectNode security = F.objectNode();
        shape.privileged().ifPresent(v -> security.put("privileged", v));
        shape.runAsNonRoot().ifPresent(v -> security.put("runAsNonRoot", v));
        if (!shape.drop().isEmpty() || !shape.add().isEmpty()) {
            ObjectNode capabilities = security.putObject("capabilities");
            if (!shape.drop().isEmpty()) {
                capabilities.putArray("drop").add(shape.drop());
            }
            if (!shape.add().isEmpty()) {
                capabilities.putArray("add").add(shape.add());
            }
        }
        if (!shape.seccomp().isEmpty()) {
            security.putObject("seccompProfile").put("type", shape.seccomp());
        }
        if (!security.isEmpty()) {
            c.set("securityContext", security);
        }
        return c;
    }
}
