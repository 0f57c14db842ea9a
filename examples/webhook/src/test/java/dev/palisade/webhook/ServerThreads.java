package dev.palisade.webhook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and context switches of a server process's threads, from Linux's /proc, grouped by what
 * the threads do: the webhook's event loops, its evaluation workers, the JIT compilers, and the
 * garbage collector with the VM's own threads. The difference of two snapshots says where a load
 * run's server CPU went: a JIT still compiling means the warm-up was too short, and thread switches
 * per review count the hand-offs between threads that found the other asleep.
 */
final class ServerThreads {
    /** What a thread does, by the name the kernel keeps for it (its first 15 bytes). */
    enum Role {
        /** Netty event loops and the acceptor: TLS, HTTP, timers, writing answers. */
        EVENT_LOOPS("event loops"),
        /** The evaluation pool: reading reviews, evaluating, writing the answer JSON. */
        WORKERS("workers"),
        /** C1 and C2 compiler threads. */
        JIT("JIT"),
        /** Garbage collection and VM operations. */
        GC_AND_VM("GC+VM"),
        /** Everything else (JFR, the TLS reloader, signal handling). */
        OTHER("other");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /** The role of a thread with this kernel name. */
        static Role of(String name) {
            if (name.startsWith("palisade-io") || name.startsWith("palisade-accept")) {
                return EVENT_LOOPS;
            }
            if (name.startsWith("palisade-evalu")) {
                return WORKERS;
            }
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                return JIT;
            }
            if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")
                    || name.startsWith("VM Periodic")) {
                return GC_AND_VM;
            }
            return OTHER;
        }
    }

    private final Map<String, long[]> threads; // tid -> {role ordinal, CPU ticks, switches}

    private ServerThreads(Map<String, long[]> threads) {
        this.threads = threads;
    }

    /** The threads of the process now; empty when /proc cannot be read (not Linux, process gone). */
    static ServerThreads of(long pid) {
        Map<String, long[]> threads = new LinkedHashMap<>();
        if (pid > 0) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                tasks.forEach(task -> read(task, threads));
            } catch (IOException | RuntimeException e) {
                threads.clear();
            }
        }
        return new ServerThreads(threads);
    }

    private static void read(Path task, Map<String, long[]> threads) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long switches = 0;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                    switches += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            threads.put(task.getFileName().toString(), new long[] {Role.of(name).ordinal(), ticks, switches});
        } catch (IOException | RuntimeException ended) {
            // the thread ended while being read
        }
    }

    /** Whether the threads could be read. */
    boolean known() {
        return !threads.isEmpty();
    }

    /** CPU nanoseconds per role used from {@code before} to this snapshot, by threads alive now. */
    Map<Role, Long> cpuSince(ServerThreads before) {
        Map<Role, Long> used = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            used.put(role, 0L);
        }
        threads.forEach((tid, now) -> {
            long[] then = before.threads.get(tid);
            long ticks = now[1] - (then == null ? 0 : then[1]);
            used.merge(Role.values()[(int) now[0]], ticks * 10_000_000L, Long::sum); // USER_HZ is 100
        });
        return used;
    }

    /** Context switches from {@code before} to this snapshot, by threads alive now. */
    long switchesSince(ServerThreads before) {
        long total = 0;
        for (Map.Entry<String, long[]> e : threads.entrySet()) {
            long[] then = before.threads.get(e.getKey());
            total += e.getValue()[2] - (then == null ? 0 : then[2]);
        }
        return total;
    }

    /** The CPU per role divided by {@code reviews}, in µs, such as {@code "event loops 80, workers 60, JIT 5"}. */
    static String perReview(Map<Role, Long> used, int reviews) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Role, Long> e : used.entrySet()) {
            if (e.getValue() > 0 || e.getKey() == Role.EVENT_LOOPS || e.getKey() == Role.WORKERS) {
                text.append(text.length() == 0 ? "" : ", ").append(e.getKey().label).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f", e.getValue() / 1e3 / reviews));
            }
        }
        return text.toString();
    }
}
