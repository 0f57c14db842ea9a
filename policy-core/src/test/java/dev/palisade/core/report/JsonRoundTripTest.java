package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.Decision;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.Finding;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import dev.palisade.core.SourceLocation;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class JsonRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 200)
    void anyMessageAndPathSurviveJsonAndSarif(@ForAll String message, @ForAll String path,
            @ForAll @IntRange(min = 0, max = 5000) int line) throws IOException {
        Resource resource = Resource.of(JSON.readTree("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
                + "{\"name\":\"p\",\"namespace\":\"n\"}}"));
        Finding finding = new Finding(PolicyMetadata.of("rule", "Rule", Severity.MEDIUM), resource.id(), message,
                EnforcementAction.WARN, path, new SourceLocation("dir/file.yaml", 0, line, line == 0 ? 0 : 3),
                Optional.empty(), Optional.empty());
        Result result = new Result(resource.id(), resource.source(), Optional.empty(), Decision.WARN,
                List.of("rule"), List.of(finding), List.of(), List.of(), Map.of());
        Report report = new Report(List.of(result), List.of(), List.of(finding.policy()), List.of());

        JsonNode violation = write(ReportFormat.JSON, report).get("results").get(0).get("violations").get(0);
        assertEquals(message, violation.get("message").asText());
        assertEquals(path, violation.get("path").asText());
        assertEquals(line == 0, violation.get("line").isNull());

        JsonNode sarifResult = write(ReportFormat.SARIF, report).get("runs").get(0).get("results").get(0);
        assertEquals(path, sarifResult.get("properties").get("path").asText());
        JsonNode physical = sarifResult.get("locations").get(0).get("physicalLocation");
        assertEquals(line == 0, !physical.has("region"), "a region exactly when the line is known");
        if (line > 0) {
            assertEquals(line, physical.get("region").get("startLine").asInt());
        }
    }

    private static JsonNode write(ReportFormat format, Report report) throws IOException {
        StringWriter out = new StringWriter();
        ReportWriters.of(format, ReportOptions.defaults()).write(report, out);
        return JSON.readTree(out.toString());
    }
}
