package dev.palisade.benchmarks.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.Declarations;
import dev.palisade.lang.Expressions;
import dev.palisade.lang.Program;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark only compares like with like if Palisade, cel-java (with per-evaluation conversion
 * and with a pre-converted map) and the hand-written Java give the same verdict on every
 * expression and manifest.
 */
class ImplementationsAgreeTest {
    private static final Map<Deployments.Size, Set<RuleExpression>> DENIED = new EnumMap<>(Deployments.Size.class);
    private static int agreements;

    @ParameterizedTest
    @EnumSource(RuleExpression.class)
    void allImplementationsGiveTheSameVerdictOnEveryManifest(RuleExpression expression) {
        Program palisade = Expressions.compile(expression.palisadeSource(), Declarations.of("object"));
        CelJavaPeer celJava = CelJavaPeer.compile(expression);
        for (Deployments.Size size : Deployments.Size.values()) {
            JsonNode manifest = Deployments.of(size);
            Object viaPalisade = palisade.evaluate(Bindings.of(Map.of("object", manifest)), CostMeter.kubernetes());
            Object viaCelJava = celJava.evaluate(Map.of("object", JacksonToJava.convert(manifest)));
            boolean viaJava = expression.evaluateHandWritten(manifest);

            assertInstanceOf(Boolean.class, viaPalisade, expression + " on " + size);
            assertEquals(viaJava, viaPalisade, "Palisade vs hand-written Java: " + expression + " on " + size);
            assertEquals(viaJava, viaCelJava, "cel-java vs hand-written Java: " + expression + " on " + size);
            assertEquals(manifest, Deployments.of(size), "evaluation must not modify the manifest");
            if (!viaJava) {
                DENIED.computeIfAbsent(size, s -> EnumSet.noneOf(RuleExpression.class)).add(expression);
            }
            agreements++;
        }
    }

    @Test
    void benchmarkStateReusesOnePreconvertedMapAcrossCalls() {
        LangBenchmark state = new LangBenchmark();
        state.expression = RuleExpression.IMAGE_ALLOW_LIST;
        state.size = Deployments.Size.MEDIUM;
        state.setUp();
        boolean expected = RuleExpression.IMAGE_ALLOW_LIST.evaluateHandWritten(Deployments.of(Deployments.Size.MEDIUM));
        for (int i = 0; i < 3; i++) {
            assertEquals(expected, state.palisade());
            assertEquals(expected, state.celJavaConvertingEachTime());
            assertEquals(expected, state.celJavaPreconverted());
            assertEquals(expected, state.handWrittenJava());
        }
    }

    @Test
    void theManifestsExerciseBothVerdicts() {
        Set<RuleExpression> everDenied = EnumSet.noneOf(RuleExpression.class);
        for (Deployments.Size size : Deployments.Size.values()) {
            for (RuleExpression expression : RuleExpression.values()) {
                if (!expression.evaluateHandWritten(Deployments.of(size))) {
                    everDenied.add(expression);
                }
            }
        }
        assertTrue(everDenied.size() >= 2, "at least two expressions must deny some manifest: " + everDenied);
        for (RuleExpression expression : RuleExpression.values()) {
            assertTrue(expression.evaluateHandWritten(Deployments.of(Deployments.Size.SMALL)),
                    "the small Deployment is the compliant baseline, yet " + expression + " denies it");
        }
        assertFalse(RuleExpression.RESOURCE_LIMITS.evaluateHandWritten(Deployments.of(Deployments.Size.MEDIUM)),
                "the 4Gi sidecar of the medium Deployment exceeds the 2Gi limit");
        assertFalse(RuleExpression.HOST_PATH.evaluateHandWritten(Deployments.of(Deployments.Size.LARGE)),
                "the large Deployment mounts the docker socket");
    }

    @Test
    void containerCountsMatchTheSizes() {
        for (Deployments.Size size : Deployments.Size.values()) {
            assertEquals(size.containers(),
                    Deployments.of(size).path("spec").path("template").path("spec").path("containers").size());
        }
    }

    @AfterAll
    static void printCounts() {
        System.out.println("[lang benchmark agreement] " + agreements + " expression x manifest cases agree; denied: "
                + DENIED);
    }
}
