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

    /** Runs three rounds of each verifier on each curve and prints CPU µs per verification; the last round is warm. */
    public static void main(String[] args) throws Exception {
        EcdsaBenchmark benchmark = new EcdsaBenchmark();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            for (String curve : new String[] {"secp256r1", "secp384r1"}) {
                EcdsaBenchmark.Fixture fixture = new EcdsaBenchmark.Fixture();
                fixture.curve = curve;
                fixture.sign();
                for (String which : new String[] {"palisadeTrustedKey", "palisadeFreshKey", "bouncyCastle", "jdk"}) {
                    int count = which.equals("jdk") ? 300 : 2_000;
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
