package dev.palisade.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Documents per second <em>per core</em> of {@link ReadAndEvaluateBenchmark}'s (c) Jackson JSON tree,
 * (d) read + evaluate + locate, (e) evaluate only and (f) reader alone: the CPU time the measuring
 * thread spends per document, which, unlike JMH's wall-clock throughput, stays meaningful on a machine
 * whose cores are shared with other work. The four are interleaved in each round, so their ratios
 * compare like with like; the median and the least of the rounds after the warm-up ones are printed, and
 * the median CPU time of the whole process per document (the thread's plus the garbage collector's and
 * the compiler's).
 *
 * <pre>
 * java -cp policy-benchmarks/target/benchmarks.jar dev.palisade.benchmarks.ReadCpuTime [rounds] [ms per slice] [cdef]
 * </pre>
 */
public final class ReadCpuTime {
    private ReadCpuTime() {
    }

    /**
     * Runs the rounds and prints each benchmark's CPU time per document and the ratios to (c).
     *
     * @param args rounds (default 15), milliseconds of CPU per benchmark per round (default 400) and the
     *     letters of the benchmarks to run (default {@code cdef}; one letter to profile one benchmark)
     * @throws Exception when a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long sliceNanos = (args.length > 1 ? Long.parseLong(args[1]) : 400) * 1_000_000L;
        String only = args.length > 2 ? args[2] : "cdef";
        int warmup = Math.max(1, rounds / 3);
        ReadAndEvaluateBenchmark benchmark = new ReadAndEvaluateBenchmark();
        benchmark.setUp();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] names = {"c_jacksonJsonTree", "d_readAndEvaluateYaml", "e_evaluateOnly", "f_palisadeReadOnly"};
        double[][] perDocument = new double[names.length][rounds - warmup];
        double[][] processPerDocument = new double[names.length][rounds - warmup];
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < rounds; round++) {
            for (int b = 0; b < names.length; b++) {
                if (only.indexOf(names[b].charAt(0)) < 0) {
                    continue;
                }
                long process = os.getProcessCpuTime();
                long cpu = threads.getCurrentThreadCpuTime();
                long spent;
                int calls = 0;
                do {
                    switch (b) {
                        case 0 -> benchmark.c_jacksonJsonTree(bh);
                        case 1 -> benchmark.d_readAndEvaluateYaml(bh);
                        case 2 -> benchmark.e_evaluateOnly(bh);
                        default -> benchmark.f_palisadeReadOnly(bh);
                    }
                    calls++;
                    spent = threads.getCurrentThreadCpuTime() - cpu;
                } while (spent < sliceNanos);
                if (round >= warmup) {
                    perDocument[b][round - warmup] = spent / (double) calls / ReadAndEvaluateBenchmark.DOCUMENTS;
                    processPerDocument[b][round - warmup] = (os.getProcessCpuTime() - process) / (double) calls
                            / ReadAndEvaluateBenchmark.DOCUMENTS;
                }
            }
        }
        double[] median = new double[names.length];
        double[] min = new double[names.length];
        for (int b = 0; b < names.length; b++) {
            double[] sorted = perDocument[b].clone();
            java.util.Arrays.sort(sorted);
            median[b] = sorted[sorted.length / 2];
            min[b] = sorted[0];
            double[] process = processPerDocument[b].clone();
            java.util.Arrays.sort(process);
            System.out.printf("%-24s CPU %8.2f µs/doc = %,9.0f docs/s per core (min %.2f, max %.2f);"
                    + " whole process (GC, compiler) %.2f µs/doc%n", names[b], median[b] / 1e3, 1e9 / median[b],
                    sorted[0] / 1e3, sorted[sorted.length - 1] / 1e3, process[process.length / 2] / 1e3);
        }
        System.out.printf("(d)/(c) = %.3f   (f)/(c) = %.3f   (median CPU time per document, %d rounds)%n",
                median[0] / median[1], median[0] / median[3], rounds - warmup);
        System.out.printf("(d)/(c) = %.3f   (f)/(c) = %.3f   (least CPU time per document: the least disturbed round)%n",
                min[0] / min[1], min[0] / min[3]);
    }
}
