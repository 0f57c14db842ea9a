package dev.palisade.rules.gatekeeper;

import dev.palisade.testing.Required;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Finding;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dryrun → warn → deny rollout of docs/gatekeeper.md, on examples/manifests, at the audit point. */
class RolloutExampleTest {
    private static final String CONSTRAINT = """
            apiVersion: constraints.gatekeeper.sh/v1beta1
            kind: K8sRequiredLabels
            metadata:
              name: must-have-app-name
            spec:
              enforcementAction: %s
              match:
                kinds:
                - apiGroups: ["apps"]
                  kinds: ["Deployment", "StatefulSet", "DaemonSet"]
                - apiGroups: ["batch"]
                  kinds: ["CronJob", "Job"]
                - apiGroups: [""]
                  kinds: ["Service"]
                excludedNamespaces: ["kube-*"]
              parameters:
                labels:
                - key: app.kubernetes.io/name
            """;

    @ParameterizedTest
    @EnumSource(EnforcementAction.class)
    void eachStepReportsTheUnlabelledCronJobWithTheStepsAction(EnforcementAction action) {
        Path template = Required.shared("conformance/gatekeeper-library/library/general/requiredlabels/template.yaml");
        Path manifests = Path.of("../examples/manifests");
        Required.require(Files.isDirectory(manifests), "example data absent: " + manifests);

        ManifestReader reader = ManifestReader.create();
        List<Resource> documents = new ArrayList<>(reader.read(List.of(template.toString())).resources());
        documents.addAll(reader.readString("constraint.yaml", CONSTRAINT.formatted(action.label())).resources());
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

        Manifests input = reader.read(List.of(manifests.toString()));
        Report report = PolicySet.of(policies).audit(input.resources(),
                EvaluationContext.builder().enforcementPoint(EnforcementPoint.AUDIT).build());
        Report.Totals totals = report.totals();
        System.out.println(action.label() + ": " + totals.resources() + " resources, " + totals.violations()
                + " violations " + totals.byAction() + ", " + totals.errors() + " errors");
        assertEquals(Map.of(action, 2), totals.byAction());
        assertEquals(0, totals.errors());
        List<Finding> findings = report.results().stream().map(Result::violations).flatMap(List::stream).toList();
        assertEquals(List.of("CronJob reports/nightly-report", "CronJob reports/nightly-report"),
                findings.stream().map(f -> f.resource().display()).toList());
        assertEquals(List.of("[must-have-app-name] missing required label, requires all of: app.kubernetes.io/name",
                "[must-have-app-name] regex mismatch"), findings.stream().map(Finding::message).toList());
    }
}
