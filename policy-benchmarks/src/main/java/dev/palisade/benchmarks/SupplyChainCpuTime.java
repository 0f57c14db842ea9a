package dev.palisade.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Verifications per second <em>per core</em>: the CPU time the measuring thread spends per keyless
 * verification (the {@link SupplyChainBenchmark} fixtures and operations), which, unlike JMH's wall-clock
 * throughput, stays meaningful on a machine whose cores are shared with other work.
 *
 * <pre>
 * java -Dpalisade.shared=../shared -cp policy-benchmarks/target/benchmarks.jar dev.palisade.benchmarks.SupplyChainCpuTime
 * </pre>
 */
public final class SupplyChainCpuTime {
    private SupplyChainCpuTime() {
    }

    /** Runs three rounds of each verification and prints CPU and wall time per operation; the last round is warm. */
    public static void main(String[] args) throws Exception {
        SupplyChainBenchmark benchmark = new SupplyChainBenchmark();
        SupplyChainBenchmark.BundleFixture bundle = new SupplyChainBenchmark.BundleFixture();
        bundle.load();
        SupplyChainBenchmark.KeylessFixture legacy = new SupplyChainBenchmark.KeylessFixture();
        legacy.load();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            for (String which : new String[] {"bundle", "legacy", "sigstore-java bundle"}) {
                int count = which.startsWith("sigstore-java") ? 1_000 : 4_000;
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    Object result = switch (which) {
                        case "bundle" -> benchmark.keylessBundleVerification(bundle);
                        case "legacy" -> benchmark.keylessLegacyVerification(legacy);
                        default -> benchmark.sigstoreJavaBundleVerification(bundle);
                    };
                    if (result == null) {
                        throw new IllegalStateException("no result");
                    }
                }
                double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / count;
                double wallMicros = (System.nanoTime() - wall) / 1e3 / count;
                System.out.printf("round %d  %-21s CPU %7.1f µs/op = %,6.0f verifications/s per core   (wall %7.1f µs/op)%n",
                        round, which, cpuMicros, 1e6 / cpuMicros, wallMicros);
            }
        }
    }
}
