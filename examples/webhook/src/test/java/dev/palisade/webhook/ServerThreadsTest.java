package dev.palisade.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load benchmark's split of server CPU by thread role. */
class ServerThreadsTest {

    @Test
    void threadNamesMapToRoles() {
        assertEquals(ServerThreads.Role.EVENT_LOOPS, ServerThreads.Role.of("palisade-io-3-1"));
        assertEquals(ServerThreads.Role.EVENT_LOOPS, ServerThreads.Role.of("palisade-accept"));
        assertEquals(ServerThreads.Role.WORKERS, ServerThreads.Role.of("palisade-evalua")); // 15 bytes: the kernel's cut
        assertEquals(ServerThreads.Role.JIT, ServerThreads.Role.of("C2 CompilerThre"));
        assertEquals(ServerThreads.Role.JIT, ServerThreads.Role.of("C1 CompilerThre"));
        assertEquals(ServerThreads.Role.GC_AND_VM, ServerThreads.Role.of("GC Thread#0"));
        assertEquals(ServerThreads.Role.GC_AND_VM, ServerThreads.Role.of("G1 Conc#0"));
        assertEquals(ServerThreads.Role.GC_AND_VM, ServerThreads.Role.of("VM Thread"));
        assertEquals(ServerThreads.Role.OTHER, ServerThreads.Role.of("JFR Periodic Ta"));
    }

    @Test
    void perReviewDividesAndKeepsTheServerRolesEvenAtZero() {
        Map<ServerThreads.Role, Long> used = new EnumMap<>(ServerThreads.Role.class);
        used.put(ServerThreads.Role.EVENT_LOOPS, 800_000_000L);
        used.put(ServerThreads.Role.WORKERS, 0L);
        used.put(ServerThreads.Role.JIT, 50_000_000L);
        used.put(ServerThreads.Role.GC_AND_VM, 0L);
        assertEquals("event loops 80, workers 0, JIT 5", ServerThreads.perReview(used, 10_000));
    }

    @Test
    void thisProcessCanBeRead() {
        ServerThreads before = ServerThreads.of(ProcessHandle.current().pid());
        assertTrue(before.known(), "/proc/<pid>/task is readable on Linux");
        long spin = 0;
        for (int i = 0; i < 50_000_000; i++) {
            spin += i % 7;
        }
        ServerThreads after = ServerThreads.of(ProcessHandle.current().pid());
        assertTrue(spin > 0);
        assertTrue(after.cpuSince(before).values().stream().allMatch(v -> v >= 0));
        assertTrue(after.switchesSince(before) >= 0);
        assertFalse(ServerThreads.of(-1).known());
    }
}
