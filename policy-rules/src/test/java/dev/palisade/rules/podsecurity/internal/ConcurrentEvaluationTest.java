package dev.palisade.rules.podsecurity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.PodSecurityVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Shared evaluators give the same answers when many threads use them at once. */
class ConcurrentEvaluationTest {

    @Test
    void sharedEvaluatorsAreThreadSafe() throws Exception {
        List<PodSpecView> pods = new ArrayList<>();
        for (Path file : CheckFixturesTest.fixtures()) {
            pods.add(CheckFixturesTest.podOf(file, Files.readString(file)));
        }
        List<List<CheckFailure>> expected = new ArrayList<>();
        for (PodSpecView pod : pods) {
            expected.add(evaluateAll(pod));
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<CheckFailure>>> futures = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (PodSpecView pod : pods) {
                    futures.add(executor.submit(() -> evaluateAll(pod)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % pods.size()), futures.get(i).get());
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static List<CheckFailure> evaluateAll(PodSpecView pod) {
        List<CheckFailure> all = new ArrayList<>();
        for (Level level : Level.values()) {
            for (int minor = 0; minor <= PodSecurityVersion.NEWEST_MINOR; minor++) {
                all.addAll(PodSecurityEvaluator.of(level, minor).evaluate(pod));
            }
        }
        return all;
    }
}
