package dev.palisade.rules.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.ImageAuthority;
import dev.palisade.core.ImageVerification;
import dev.palisade.core.ImageVerificationPolicy;
import dev.palisade.core.ImageVerifier;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.SourceLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs the suites of Palisade's own constraint kinds through the gator runner. */
class SeedKindSuitesTest {
    private static final Path SUITES = Path.of("src/test/resources/gatekeeper/suites");

    /** An image verifier backed by a fixed record of which authority signed which image. */
    private record SignatureLedger(Map<String, Set<String>> signers) implements ImageVerifier {
        @Override
        public ImageVerification verify(String image, ImageVerificationPolicy policy) {
            int required = policy.required();
            List<String> matched = new ArrayList<>();
            for (ImageAuthority authority : policy.authorities()) {
                if (signers.getOrDefault(image, Set.of()).contains(authority.name())) {
                    matched.add(authority.name());
                }
            }
            boolean ok = matched.size() >= required;
            return new ImageVerification(ok, "", matched, ok ? List.of() : List.of(matched.size() + " of "
                    + required + " required signatures found"));
        }
    }

    private static final SignatureLedger LEDGER = new SignatureLedger(Map.of(
            "registry.example/app@sha256:1111111111111111111111111111111111111111111111111111111111111111",
            Set.of("release")));

    @Test
    void allowedNamespacesSuitePasses() {
        StringWriter out = new StringWriter();
        int exit = GatorSuiteRunner.create().verify(List.of(SUITES.resolve("allowed-namespaces")),
                new PrintWriter(out));
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().endsWith("12 passed, 0 failed" + System.lineSeparator()), out.toString());
        assertTrue(out.toString().contains("1 skipped"), out.toString());
    }

    @Test
    void requiredSignaturesSuitePassesWithAVerifier() {
        GatorSuiteRunner runner = GatorSuiteRunner.create(new GatekeeperFormat(),
                EvaluationContext.builder().imageVerifier(LEDGER).build());
        GatorReport report = runner.run(List.of(SUITES.resolve("required-signatures")));
        assertEquals("7 passed, 0 failed", report.summary(), report.suites().toString());
    }

    @Test
    void requiredSignaturesPassesTheAdmissionDeadlineToTheVerifier() {
        java.time.Instant now = java.time.Instant.parse("2026-11-22T12:00:00Z");
        List<java.time.Instant> deadlines = new ArrayList<>();
        ImageVerifier recording = new ImageVerifier() {
            @Override
            public ImageVerification verify(String image, ImageVerificationPolicy policy) {
                throw new AssertionError("the deadline overload must be used when the context has a deadline");
            }

            @Override
            public ImageVerification verify(String image, ImageVerificationPolicy policy,
                    java.time.Instant deadline) {
                deadlines.add(deadline);
                return LEDGER.verify(image, policy);
            }
        };
        EvaluationContext context = EvaluationContext.builder().imageVerifier(recording)
                .clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
                .deadline(java.time.Duration.ofMillis(250)).build();
        Result result = PolicySet.of(requiredSignaturePolicies()).evaluate(signedPod(), context);
        assertEquals(List.of(), result.violations());
        assertEquals(List.of(now.plusMillis(250)), deadlines);
    }

    private static List<Policy> requiredSignaturePolicies() {
        ManifestReader reader = ManifestReader.create();
        List<Resource> documents = reader.read(List.of("src/main/resources/dev/palisade/rules/gatekeeper/templates/"
                + "k8srequiredsignatures.yaml", SUITES.resolve("required-signatures/release-key.constraint.yaml")
                .toString())).resources();
        return new GatekeeperFormat().compile(documents, new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                throw new AssertionError(message);
            }
        });
    }

    private static Resource signedPod() {
        return ManifestReader.create().read(List.of(SUITES.resolve("required-signatures/pod-signed.pass.yaml")
                .toString())).resources().get(0);
    }

    @Test
    void requiredSignaturesFailsClosedWithoutAVerifier() {
        List<Resource> documents = new ArrayList<>();
        ManifestReader reader = ManifestReader.create();
        Path suite = SUITES.resolve("required-signatures");
        documents.addAll(reader.read(List.of("src/main/resources/dev/palisade/rules/gatekeeper/templates/"
                + "k8srequiredsignatures.yaml", suite.resolve("release-key.constraint.yaml").toString())).resources());
        List<String> errors = new ArrayList<>();
        List<Policy> policies = new GatekeeperFormat().compile(documents, new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                errors.add(message);
            }
        });
        assertEquals(List.of(), errors);
        Resource pod = reader.read(List.of(suite.resolve("pod-signed.pass.yaml").toString())).resources().get(0);
        Result result = PolicySet.of(policies).evaluate(pod, EvaluationContext.defaults());
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).message().contains("needs an image verifier"), result.errors().toString());
        assertEquals(1, result.violations().size());
        assertEquals(EnforcementAction.DENY, result.violations().get(0).action());
        assertTrue(result.violations().get(0).message().contains("failing closed"));
    }
}
