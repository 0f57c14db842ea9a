package dev.palisade.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicySet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One line at a time, without Flink: what each kind of line becomes. */
class LineAuditorTest {
    private static final long NOW = 1_765_000_000_000L;
    private static final PolicySet POLICIES = PolicySources.read(List.of("builtin:default",
            Path.of("src/test/resources/policies").toString())).compile();
    private static final LineAuditor AUDITOR = new LineAuditor(POLICIES, EnforcementPoint.AUDIT,
            "app.kubernetes.io/part-of", () -> NOW);

    private static final String PRIVILEGED_LATEST = """
            {"cluster": "prod-eu-1", "time": "2026-12-07T10:15:00+01:00", "resource": {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "debug", "namespace": "shop", "labels": {"app.kubernetes.io/part-of": "storefront"}},
             "spec": {"containers": [{"name": "c", "image": "busybox:latest", "securityContext": {"privileged": true},
              "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}]}}}
            """.replace("\n", "");

    @Test
    void aFindingPerViolationWithTheResourceTeamAndExportTime() {
        List<AuditRecord> records = AUDITOR.audit(PRIVILEGED_LATEST);
        assertEquals(List.of("no-privileged-containers deny violation", "no-latest-tag warn violation"),
                records.stream().map(r -> r.policy + " " + r.action + " " + r.status).toList());
        AuditRecord first = records.get(0);
        assertEquals("prod-eu-1|v1|Pod|shop|debug|storefront|deny|critical", String.join("|", first.cluster,
                first.apiVersion, first.kind, first.namespace, first.name, first.team, first.decision, first.severity));
        assertEquals(java.time.Instant.parse("2026-12-07T09:15:00Z").toEpochMilli(), first.time);
        assertTrue(first.path.startsWith("/spec/containers/0/securityContext"), first.path);
        assertTrue(first.toJson().contains("\"time\":\"2026-12-07T09:15:00Z\""), first.toJson());
    }

    @Test
    void anExemptedViolationIsReportedAsSuppressed() {
        String line = "{\"cluster\":\"c\",\"resource\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                + "\"metadata\":{\"name\":\"etl\",\"namespace\":\"data\"},\"spec\":{\"replicas\":9}}}";
        List<AuditRecord> records = AUDITOR.audit(line);
        assertEquals(1, records.size(), records.toString());
        assertEquals("replica-limit|suppressed|allow|unowned|" + NOW, records.get(0).policy + "|" + records.get(0).status
                + "|" + records.get(0).decision + "|" + records.get(0).team + "|" + records.get(0).time);
    }

    @Test
    void aCompliantResourceGivesNoRecordAndABlankLineNone() {
        String line = "{\"cluster\":\"c\",\"resource\":{\"apiVersion\":\"v1\",\"kind\":\"Service\","
                + "\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"}}}";
        assertEquals(List.of(), AUDITOR.audit(line));
        assertEquals(List.of(), AUDITOR.audit("   "));
    }

    @Test
    void everyLineThatCannotBeJudgedIsOneErrorRecord() {
        Map<String, String> cases = Map.of(
                "{\"cluster\": \"c\", \"resource\": {\"apiVersion\": ", "line is not JSON",
                "[1, 2]", "line is not a JSON object",
                "{\"resource\": {\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}}}",
                "no \"cluster\" string",
                "{\"cluster\": \"c\"}", "\"resource\" is missing",
                "{\"cluster\": \"c\", \"resource\": {\"apiVersion\": \"v1\", \"metadata\": {\"name\": \"p\"}}}",
                "apiVersion and kind must be non-empty strings",
                "{\"cluster\": \"c\", \"time\": \"yesterday\", \"resource\": {\"apiVersion\": \"v1\", \"kind\": \"Pod\"}}",
                "time is not an RFC 3339 date-time",
                "{\"cluster\": \"c\", \"cluster\": \"d\", \"resource\": {\"apiVersion\": \"v1\", \"kind\": \"Pod\"}}",
                "Duplicate field 'cluster'");
        cases.forEach((line, message) -> {
            List<AuditRecord> records = AUDITOR.audit(line);
            assertEquals(1, records.size(), line);
            AuditRecord r = records.get(0);
            assertEquals("error|error|" + AuditRecord.INPUT_POLICY, r.status + "|" + r.decision + "|" + r.policy, line);
            assertTrue(r.message.contains(message), line + " -> " + r.message);
        });
    }

    @Test
    void policiesWithLoadErrorsOrThatNeedTheClusterAreRefused() {
        PolicySources broken = new PolicySources(List.of("builtin:default"), Map.of("team/broken.yaml", """
                apiVersion: palisade.dev/v1
                kind: Policy
                metadata: {name: broken}
                spec:
                  validations:
                    - expression: "object.spec.replicas <="
                """));
        PalisadeException e = assertThrows(PalisadeException.class, broken::compile);
        assertTrue(e.getMessage().startsWith("the policy set has 1 load error:\n  team/broken.yaml:"), e.getMessage());

        PalisadeException referential = assertThrows(PalisadeException.class,
                () -> new PolicySources(List.of("builtin:recommended"), Map.of()).compile());
        assertTrue(referential.getMessage().contains("read other resources of a cluster"), referential.getMessage());

        assertThrows(PalisadeException.class, () -> PolicySources.read(List.of("no/such/policies")));
        PalisadeException noPolicy = assertThrows(PalisadeException.class, () -> PolicySources.read(List.of(
                "builtin:default", "src/test/resources/policies", "src/test/resources/not-policies")).check());
        assertTrue(noPolicy.getMessage().contains("src/test/resources/not-policies: no policy documents found"),
                noPolicy.getMessage());
        assertEquals(4, PolicySources.read(List.of("builtin:default", "src/test/resources/policies")).check()
                .policies().size());
        assertThrows(IllegalArgumentException.class, () -> new PolicySources(List.of("policies/"), Map.of()));
    }

    @Test
    void windowsAndOptionsParse() {
        assertEquals(java.time.Duration.ofMinutes(15), AuditJob.Options.duration("15m"));
        assertEquals(java.time.Duration.ofHours(2), AuditJob.Options.duration("PT2H"));
        for (String bad : List.of("0s", "-1h", "h", "1w", "soon")) {
            assertThrows(PalisadeException.class, () -> AuditJob.Options.duration(bad), bad);
        }
        assertThrows(PalisadeException.class, () -> AuditJob.Options.parse("--input", "x"));
        assertThrows(PalisadeException.class, () -> AuditJob.Options.parse("--input", "x", "--output", "y",
                "--parallelism", "0"));
        java.io.ByteArrayOutputStream help = new java.io.ByteArrayOutputStream();
        assertEquals(0, AuditJob.run(new String[] {"--help"}, new java.io.PrintStream(help, true,
                java.nio.charset.StandardCharsets.UTF_8), System.err));
        assertTrue(help.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("usage: AuditJob --input"));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        assertEquals(2, AuditJob.run(new String[] {"--input", "x", "--output", "y", "--window", "soon"},
                System.out, new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8)
                .startsWith("palisade flink-audit: --window must be a positive duration"), err.toString());
        AuditJob.Options options = AuditJob.Options.parse("--input", "x", "--output", "y");
        assertEquals(List.of("builtin:default"), options.policies().builtins());
        assertEquals("team", options.teamLabel());
        assertEquals(EnforcementPoint.AUDIT, options.point());
    }
}
