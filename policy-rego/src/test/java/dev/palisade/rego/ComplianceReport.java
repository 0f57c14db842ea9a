package dev.palisade.rego;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints pass/fail counts per compliance file, and the failing cases with why: run with the test
 * class path, {@code -Dpalisade.shared=../shared}, optional argument: a file name to list only its cases.
 */
public final class ComplianceReport {
    private ComplianceReport() {
    }

    public static void main(String[] args) {
        Path dir = Compliance.corpus();
        if (dir == null) {
            System.err.println("corpus not found (set -Dpalisade.shared)");
            System.exit(2);
        }
        String only = args.length > 0 ? args[0] : null;
        OpaComplianceTest.Exclusions ex = OpaComplianceTest.exclusions();
        List<Compliance.Case> cases = Compliance.cases(dir);
        Map<String, int[]> perFile = new TreeMap<>();
        int passed = 0;
        int considered = 0;
        for (Compliance.Case c : cases) {
            if (only != null && !c.file().equals(only) && !c.file().startsWith(only)) {
                continue;
            }
            int[] counts = perFile.computeIfAbsent(c.file(), k -> new int[3]);
            if (ex.excluded().containsKey(c.id())) {
                counts[2]++;
                continue;
            }
            considered++;
            Compliance.Outcome o;
            try {
                o = Compliance.run(c);
            } catch (RuntimeException | StackOverflowError e) {
                o = new Compliance.Outcome(false, "crash: " + e);
            }
            if (o.passed()) {
                passed++;
                counts[0]++;
            } else {
                counts[1]++;
                System.out.println("FAIL " + c.id() + ": " + o.detail());
            }
        }
        for (Map.Entry<String, int[]> e : perFile.entrySet()) {
            int[] c = e.getValue();
            System.out.printf("%-45s %5d passed %5d failed %5d excluded%n", e.getKey(), c[0], c[1], c[2]);
        }
        System.out.printf("passed %d of %d considered%n", passed, considered);
    }
}
