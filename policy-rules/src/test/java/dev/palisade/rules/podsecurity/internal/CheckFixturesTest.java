package dev.palisade.rules.podsecurity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import dev.palisade.rules.podsecurity.LevelVersion;
import dev.palisade.rules.podsecurity.PodSecurityResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture under {@code checks/}: each YAML pod states, in header comments, the exact
 * upstream {@code ForbiddenDetail()} (or {@code allowed}) at each level and version it is checked at,
 * and optionally the JSON pointer of the first failure:
 *
 * <pre>
 * # expect restricted:v1.22,latest =&gt; unrestricted capabilities (container "app" must ...)
 * # path restricted:v1.22 =&gt; /spec/containers/0/securityContext/capabilities/drop
 * </pre>
 */
class CheckFixturesTest {

    private static final String EXPECT = "# expect ";
    private static final String PATH = "# path ";

    @TestFactory
    Stream<DynamicTest> everyFixtureLine() throws IOException, URISyntaxException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : fixtures()) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            PodSpecView pod = podOf(file, content);
            for (String line : content.lines().toList()) {
                if (line.startsWith(EXPECT)) {
                    Expectation e = Expectation.parse(line.substring(EXPECT.length()));
                    for (LevelVersion lv : e.targets()) {
                        tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + lv,
                                () -> assertEquals(e.value(), detailOf(lv, pod), file.getFileName() + " at " + lv)));
                    }
                } else if (line.startsWith(PATH)) {
                    Expectation e = Expectation.parse(line.substring(PATH.length()));
                    for (LevelVersion lv : e.targets()) {
                        tests.add(DynamicTest.dynamicTest(file.getFileName() + " path " + lv, () -> {
                            List<CheckFailure> failures = PodSecurityEvaluator.of(lv.level(), lv.version()).evaluate(pod);
                            assertFalse(failures.isEmpty(), "expected a failure at " + lv);
                            assertEquals(e.value(), failures.get(0).path());
                        }));
                    }
                }
            }
        }
        return tests.stream();
    }

    @Test
    void everyFixtureStatesExpectationsAndFailFixturesFailSomewhere() throws IOException, URISyntaxException {
        List<Path> files = fixtures();
        assertTrue(files.size() >= 30, "fixtures found: " + files.size());
        for (Path file : files) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            List<String> expects = content.lines().filter(l -> l.startsWith(EXPECT)).toList();
            assertFalse(expects.isEmpty(), file + " states no expectation");
            boolean anyFailure = expects.stream().anyMatch(l -> !l.endsWith("=> allowed"));
            String name = file.getFileName().toString();
            if (name.endsWith(".fail.yaml")) {
                assertTrue(anyFailure, name + " never expects a failure");
            }
        }
    }

    private static String detailOf(LevelVersion lv, PodSpecView pod) {
        PodSecurityResult result = new PodSecurityResult(lv,
                PodSecurityEvaluator.of(lv.level(), lv.version()).evaluate(pod));
        return result.allowed() ? "allowed" : result.forbiddenDetail();
    }

    static List<Path> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(CheckFixturesTest.class.getResource("/dev/palisade/rules/podsecurity/checks").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static PodSpecView podOf(Path file, String content) {
        Manifests manifests = ManifestReader.create().readString(file.toString(), content);
        assertTrue(manifests.errors().isEmpty(), () -> file + ": " + manifests.errors());
        assertEquals(1, manifests.resources().size(), file.toString());
        return PodSpecView.of(manifests.resources().get(0)).orElseThrow();
    }

    /** {@code level:v1,v2 => value}. */
    private record Expectation(List<LevelVersion> targets, String value) {
        static Expectation parse(String text) {
            int arrow = text.indexOf(" => ");
            String head = text.substring(0, arrow).trim();
            int colon = head.indexOf(':');
            String level = head.substring(0, colon);
            List<LevelVersion> targets = new ArrayList<>();
            for (String version : head.substring(colon + 1).split(",")) {
                targets.add(LevelVersion.parse(level + ":" + version.trim()));
            }
            return new Expectation(targets, text.substring(arrow + 4));
        }
    }
}
