package dev.palisade.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time per ECDSA verification of the measuring thread, for each {@link EcdsaBenchmark} verifier and curve:
 * unlike JMH's wall-clock throughput, it stays meaningful on a machine whose cores are shared.
 *
 * <pre>
 * java -cp policy-benchmarks/target/benchmarks.jar dev.palisade.benchmarks.EcdsaCpuTime
 * </pre>
 */
public final class EcdsaCpuTime {
    private EcdsaCpuTime() {
    }

    /**
     * Runs three rounds of each verifier on each curve, with one key per curve for all rounds, and prints CPU µs
     * per verification; the last round is warm and, for the trusted key, uses its large table (built after
     * 4,096 uses, in the second round).
     */
    public static void main(String[] args) throws Exception {
        EcdsaBenchmark benchmark = new EcdsaBenchmark();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, EcdsaBenchmark.Fixture> fixtures = new java.util.LinkedHashMap<>();
        for (String curve : new String[] {"secp256r1", "secp384r1"}) {
            EcdsaBenchmark.Fixture fixture = new EcdsaBenchmark.Fixture();
            fixture.curve = curve;
            fixture.sign();
            fixtures.put(curve, fixture);
        }
        for (int round = 1; round <= 3; round++) {
            for (String curve : fixtures.keySet()) {
                EcdsaBenchmark.Fixture fixture = fixtures.get(curve);
                for (String which : new String[] {"palisadeTrustedKey", "palisadeFreshKey", "bouncyCastle", "jdk"}) {
                    int count = which.equals("jdk") ? 300 : 3_000;
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < count; i++) {
                        boolean valid = switch (which) {
                            case "palisadeTrustedKey" -> benchmark.palisadeTrustedKey(fixture);
                            case "palisadeFreshKey" -> benchmark.palisadeFreshKey(fixture);
                            case "bouncyCastle" -> benchmark.bouncyCastle(fixture);
                            default -> benchmark.jdk(fixture);
                        };
                        if (!valid) {
                            throw new IllegalStateException(which + " rejects the signature");
                        }
                    }
                    double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / count;
                    System.out.printf("round %d  %-9s %-18s CPU %7.1f µs/verification = %,7.0f/s per core%n",
                            round, curve, which, micros, 1e6 / micros);
                }
            }
        }
    }
}
