package dev.palisade.rego;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * OPA's compliance cases, one dynamic test each. Cases in out-of-scope families (crypto, JWT, AWS
 * signing, network, GraphQL, JSON Schema) and known failures are listed with their reason in
 * {@code compliance-exclusions.txt}; an excluded case must be refused with an error (Palisade reports
 * the unsupported built-in at compile time, never a result), and every other case must pass. A last test asserts that the number of passing cases
 * has not dropped below the committed threshold. A per-file report is written to
 * {@code target/opa-compliance-report.txt}.
 */
class OpaComplianceTest {

    record Exclusions(Map<String, String> excluded, Map<String, String> knownFailures, int threshold) {
    }

    static Exclusions exclusions() {
        Map<String, String> excluded = new LinkedHashMap<>();
        Map<String, String> known = new LinkedHashMap<>();
        int threshold = 0;
        try (InputStream in = OpaComplianceTest.class.getResourceAsStream("/compliance-exclusions.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("threshold:")) {
                    threshold = Integer.parseInt(line.substring("threshold:".length()).strip());
                    continue;
                }
                String[] parts = line.split(" \\| ", 4);
                if (parts.length != 4) {
                    throw new IllegalStateException("bad exclusion line: " + line);
                }
                String id = parts[1] + " | " + parts[2];
                if (parts[0].equals("excluded")) {
                    excluded.put(id, parts[3]);
                } else if (parts[0].equals("failing")) {
                    known.put(id, parts[3]);
                } else {
                    throw new IllegalStateException("bad exclusion kind: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Exclusions(excluded, known, threshold);
    }

    @TestFactory
    Stream<DynamicTest> compliance() {
        Path dir = Compliance.corpus();
        if (dir == null) {
            if (System.getenv("CI") != null) {
                fail("OPA compliance corpus not found under ../shared/conformance/opa-compliance/v1 (CI is set)");
            }
            assumeTrue(false, "OPA compliance corpus not found; skipping");
        }
        Exclusions ex = exclusions();
        List<Compliance.Case> cases = Compliance.cases(dir);
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger considered = new AtomicInteger();
        Map<String, int[]> perFile = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Compliance.Case c : cases) {
            String reason = ex.excluded().get(c.id());
            tests.add(DynamicTest.dynamicTest(c.id(), () -> {
                int[] counts = perFile.computeIfAbsent(c.file(), k -> new int[3]);
                if (reason != null) {
                    counts[2]++;
                    Compliance.Outcome refusal = Compliance.refuses(c);
                    assertTrue(refusal.passed(), () -> "excluded (" + reason + ") but " + refusal.detail());
                    return;
                }
                considered.incrementAndGet();
                Compliance.Outcome o = Compliance.run(c);
                if (o.passed()) {
                    passed.incrementAndGet();
                    counts[0]++;
                    return;
                }
                counts[1]++;
                String known = ex.knownFailures().get(c.id());
                if (known != null) {
                    fail("listed as a known failure (" + known + "), which no longer excuses it: " + o.detail());
                }
                unexpected.add(c.id());
                fail(o.detail());
            }));
        }
        tests.add(DynamicTest.dynamicTest("pass count does not drop below the threshold", () -> {
            writeReport(perFile, passed.get(), considered.get(), ex);
            assertTrue(passed.get() >= ex.threshold(), "passed " + passed.get() + " of " + considered.get()
                    + " considered cases; the committed threshold is " + ex.threshold());
        }));
        return tests.stream();
    }

    private static void writeReport(Map<String, int[]> perFile, int passed, int considered, Exclusions ex) {
        StringBuilder sb = new StringBuilder();
        int excluded = perFile.values().stream().mapToInt(c -> c[2]).sum();
        sb.append(String.format("%-45s %7s %7s %9s%n", "file", "passed", "failed", "excluded"));
        for (Map.Entry<String, int[]> e : perFile.entrySet()) {
            int[] c = e.getValue();
            sb.append(String.format("%-45s %7d %7d %9d%n", e.getKey(), c[0], c[1], c[2]));
        }
        sb.append(String.format("%npassed %d of %d considered (%.1f%%); %d excluded; threshold %d%n", passed, considered,
                considered == 0 ? 0.0 : 100.0 * passed / considered, excluded, ex.threshold()));
        try {
            Path out = Path.of("target", "opa-compliance-report.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
