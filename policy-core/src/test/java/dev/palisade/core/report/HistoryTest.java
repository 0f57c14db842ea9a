package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.Decision;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Report;
import dev.palisade.core.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");

    private static RunInfo at(Instant time) {
        return RunInfo.unknown().withTimestamp(time).withRevision("abc123");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void appendsReadsBackAndComparesWithTheLastRun(@TempDir Path dir) {
        History history = History.open(dir.resolve("history"));
        assertEquals(List.of(), history.runs(), "a directory that does not exist yet is an empty history");
        assertEquals(Trends.NONE, history.trends());
        Report first = SampleReports.of(SampleReports.DEPLOYMENT);
        Report second = SampleReports.full();
        HistoryRun a = history.append(first, at(T0), SampleReports.owners(), "0.1.0");
        HistoryRun b = history.append(second, at(T0.plusSeconds(86400)), SampleReports.owners(), "0.1.0");
        assertEquals("run-20260201T080000.000Z", a.id());
        assertEquals("run-20260202T080000.000Z", b.id());

        List<HistoryRun> runs = history.runs();
        assertEquals(List.of(a, b), runs, "what was appended is what is read, field for field");
        assertEquals(Decision.ERROR, b.decision());
        assertTrue(!b.complete() && a.complete());
        assertEquals("abc123", b.revision());
        assertEquals("team", b.ownerKey());
        assertEquals(HistoryRun.fingerprints(second), history.fingerprints(b));
        assertEquals(HistoryRun.fingerprints(second).size(), b.fingerprintCount());
        assertEquals(Compliance.of(second, SampleReports.owners()), b.compliance());
        Trends trends = history.trends();
        assertEquals(runs, trends.runs());
        assertEquals(HistoryRun.fingerprints(second), trends.previousFingerprints());
        assertEquals(b, trends.previous().orElseThrow());
    }

    @Test
    void keepsTheNewestRunsAndLeavesOtherFilesAlone(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("README.md"), "history of the payments repo\n");
        History history = History.open(dir, 3);
        Report report = SampleReports.of(SampleReports.DEPLOYMENT);
        List<String> ids = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            ids.add(history.append(report, at(T0.plusSeconds(86400L * day)), Owners.none(), "").id());
        }
        assertEquals(ids.subList(2, 5), history.runs().stream().map(HistoryRun::id).toList());
        List<String> expected = new ArrayList<>();
        ids.subList(2, 5).forEach(id -> expected.add(id + ".json"));
        expected.add("README.md");
        assertEquals(expected.stream().sorted().toList(), names(dir));
    }

    @Test
    void namesSortInAppendOrderWhenTimesCollideOrGoBack(@TempDir Path dir) {
        History history = History.open(dir);
        Report report = SampleReports.of(SampleReports.DEPLOYMENT);
        HistoryRun a = history.append(report, at(T0), Owners.none(), "");
        HistoryRun b = history.append(report, at(T0), Owners.none(), "");
        HistoryRun c = history.append(report, at(T0.minusSeconds(3600)), Owners.none(), "");
        assertEquals(List.of("run-20260201T080000.000Z", "run-20260201T080000.001Z", "run-20260201T080000.002Z"),
                List.of(a.id(), b.id(), c.id()));
        assertEquals(T0.minusSeconds(3600), c.timestamp(), "the file keeps the run's own time");
        assertEquals(List.of(a, b, c), history.runs());
    }

    @Test
    void readsTheDocumentedVersionOneFormat() throws URISyntaxException {
        Path dir = Path.of(HistoryTest.class.getResource("/history/run-20260105T060000.000Z.json").toURI()).getParent();
        List<HistoryRun> runs = History.open(dir).runs();
        assertEquals(1, runs.size());
        HistoryRun run = runs.get(0);
        assertEquals(Instant.parse("2026-01-05T06:00:00Z"), run.timestamp());
        assertEquals(Decision.DENY, run.decision());
        assertEquals(3, run.fingerprintCount());
        assertEquals(1, run.bySeverity().get(Severity.HIGH));
        assertEquals(100 * 20.5 / 37, run.compliance().overall().percent().getAsDouble(), 1e-9);
        assertEquals(0, run.compliance().byTeam().get("payments").violations());
        assertEquals(Set.of("0b1e6f3b5f1c4a0e9a3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a",
                "5750e31ac10d4888152a91e4d6757562a270683bf289b9776ec2d0b34618ddd0",
                "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0"),
                History.open(dir).fingerprints(run));
    }

    @Test
    void badFilesAreErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        History history = History.open(dir);
        HistoryRun run = history.append(SampleReports.of(SampleReports.DEPLOYMENT), at(T0), Owners.none(), "");
        Path file = dir.resolve(run.id() + ".json");
        String good = Files.readString(file);

        Files.writeString(file, good.substring(0, good.length() / 2));
        PalisadeException truncated = assertThrows(PalisadeException.class, history::runs);
        assertTrue(truncated.getMessage().contains(file.toString()) && truncated.getMessage().contains("not valid JSON"),
                truncated.getMessage());

        Files.writeString(file, good.replace("\"version\" : 1", "\"version\" : 2"));
        PalisadeException newer = assertThrows(PalisadeException.class, history::runs);
        assertTrue(newer.getMessage().contains("newer"), newer.getMessage());

        Files.writeString(file, good.replace("\"violations\" : 3,", "\"violations\" : -3,"));
        PalisadeException negative = assertThrows(PalisadeException.class, history::runs);
        assertTrue(negative.getMessage().contains("violations\"") && negative.getMessage().contains("0 or more"),
                negative.getMessage());

        Files.writeString(file, good.replace("palisade-history", "something-else"));
        assertThrows(PalisadeException.class, history::runs);

        assertThrows(PalisadeException.class, () -> History.open(dir, 0));
        Path plainFile = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThrows(PalisadeException.class, () -> History.open(plainFile).runs());
    }

    @Test
    void runFilesAreSortedFingerprintsAndTheDocumentedFields() throws IOException {
        Report report = SampleReports.full();
        StringWriter out = new StringWriter();
        History.write(HistoryRun.of(report, at(T0), SampleReports.owners(), "0.1.0"), HistoryRun.fingerprints(report), out);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("format", "version", "timestamp", "revision", "toolVersion", "ownerKey", "decision",
                "complete", "resources", "violations", "suppressed", "errors", "bySeverity", "score", "byTeam",
                "byPolicy", "byNamespace", "fingerprints"), fields);
        List<String> fingerprints = new ArrayList<>();
        json.get("fingerprints").forEach(f -> fingerprints.add(f.asText()));
        assertEquals(fingerprints.stream().sorted().toList(), fingerprints);
        assertEquals(30.53, json.get("score").get("percent").asDouble(), 1e-9);
    }
}
