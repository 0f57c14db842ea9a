package dev.palisade.rules.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.FindingSink;
import dev.palisade.core.KindSelector;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Match;
import dev.palisade.core.Policy;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Scope;
import dev.palisade.core.Severity;
import dev.palisade.core.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Loading templates and constraints: schema validation, match, enforcement, engines and errors. */
class GatekeeperFormatTest {
    private static final ManifestReader READER = ManifestReader.create();
    private static final ConstraintKind QUIET = new ConstraintKind() {
        @Override
        public String kind() {
            return "K8sQuiet";
        }

        @Override
        public void evaluate(ConstraintInput input, FindingSink sink) {
            input.object();
        }
    };

    private static final String TEMPLATE = """
            apiVersion: templates.gatekeeper.sh/v1
            kind: ConstraintTemplate
            metadata:
              name: k8squiet
              annotations:
                metadata.gatekeeper.sh/title: Quiet
                description: Says nothing.
            spec:
              crd:
                spec:
                  names:
                    kind: K8sQuiet
                  validation:
                    openAPIV3Schema:
                      type: object
                      required: [labels]
                      properties:
                        labels:
                          type: array
                          items:
                            type: object
                            required: [key]
                            properties:
                              key:
                                type: string
                              allowedRegex:
                                type: string
                        mode:
                          type: string
                          enum: [strict, lax]
                        prefix:
                          type: string
                          pattern: "^[a-z]+$"
                          maxLength: 5
                        replicas:
                          type: integer
                          minimum: 1
                          maximum: 10
                          exclusiveMaximum: true
                        hosts:
                          type: array
                          minItems: 1
                          items:
                            type: string
                        limits:
                          type: object
                          additionalProperties:
                            type: integer
                        extra:
                          type: object
                          x-kubernetes-preserve-unknown-fields: true
              targets:
              - target: admission.k8s.gatekeeper.sh
            """;

    private final List<String> errors = new ArrayList<>();

    private List<Policy> load(String... texts) {
        List<Resource> documents = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            documents.addAll(READER.readString("doc" + i + ".yaml", texts[i]).resources());
        }
        return new GatekeeperFormat(Map.of("K8sQuiet", QUIET)).compile(documents, new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                errors.add(location.display() + ": " + message);
            }
        });
    }

    private static String constraint(String spec) {
        return """
                apiVersion: constraints.gatekeeper.sh/v1beta1
                kind: K8sQuiet
                metadata:
                  name: quiet
                spec:
                """ + spec.indent(2);
    }

    private static final String VALID_PARAMETERS = """
            parameters:
              labels: [{key: owner}]
            """;

    @Test
    void constraintBecomesAPolicyWithGatekeeperMetadata() {
        List<Policy> policies = load(TEMPLATE, constraint(VALID_PARAMETERS));
        assertEquals(List.of(), errors);
        Policy policy = policies.get(0);
        assertEquals("k8squiet/quiet", policy.metadata().id());
        assertEquals("Quiet", policy.metadata().title());
        assertEquals("Says nothing.", policy.metadata().description());
        assertEquals(Severity.MEDIUM, policy.metadata().severity());
        for (EnforcementPoint point : EnforcementPoint.values()) {
            assertEquals(Optional.of(EnforcementAction.DENY), policy.enforcement().at(point));
        }
        assertEquals(Match.ALL, policy.match());
    }

    @Test
    void badParametersNameEveryFieldPathAndTheFile() {
        load(TEMPLATE, constraint("""
                parameters:
                  labels:
                  - key: 7
                  - allowedRegex: x
                  mode: loose
                  limits: {cpu: "2"}
                  color: red
                  extra: {anything: [1, 2]}
                """));
        String all = String.join("\n", errors);
        assertEquals(5, errors.size(), all);
        assertTrue(all.contains("spec.parameters.labels[0].key must be a string, not the integer 7"), all);
        assertTrue(all.contains("spec.parameters.labels[1].key is required by the template's schema but missing"), all);
        assertTrue(all.contains("spec.parameters.mode must be one of [\"strict\",\"lax\"], not \"loose\""), all);
        assertTrue(all.contains("spec.parameters.limits.cpu must be an integer, not the string \"2\""), all);
        assertTrue(all.contains("spec.parameters.color is not a field of the template's schema"), all);
        assertTrue(errors.stream().allMatch(e -> e.startsWith("doc1.yaml")), all);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("doc1.yaml:8:") && e.contains("labels[0].key")), all);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("doc1.yaml:12:") && e.contains(".color")), all);
    }

    @Test
    void patternsBoundsAndSizesAreChecked() {
        load(TEMPLATE, constraint(VALID_PARAMETERS.replace("parameters:\n", """
                parameters:
                  prefix: Abcdef9
                  replicas: 10
                  hosts: []
                """)));
        String all = String.join("\n", errors);
        assertEquals(4, errors.size(), all);
        assertTrue(all.contains("spec.parameters.prefix must be at most 5 characters long"), all);
        assertTrue(all.contains("spec.parameters.prefix must match the pattern \"^[a-z]+$\""), all);
        assertTrue(all.contains("spec.parameters.replicas must be less than 10"), all);
        assertTrue(all.contains("spec.parameters.hosts must have at least 1 items"), all);
        errors.clear();
        load(TEMPLATE, constraint(VALID_PARAMETERS.replace("parameters:\n", """
                parameters:
                  prefix: abc
                  replicas: 9
                  hosts: [a]
                """)));
        assertEquals(List.of(), errors);
    }

    @Test
    void missingRequiredParameterIsAnErrorOnlyWhenParametersAreGiven() {
        assertEquals(1, load(TEMPLATE, constraint("match: {}")).size(), "no parameters at all, as Kubernetes allows");
        assertEquals(List.of(), errors);
        load(TEMPLATE, constraint("parameters: {mode: lax}"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("spec.parameters.labels is required"), errors.get(0));
    }

    @Test
    void matchIsReadWithGatekeeperFields() {
        Policy policy = load(TEMPLATE, constraint(VALID_PARAMETERS + """
                match:
                  kinds:
                  - apiGroups: ["", "apps"]
                    kinds: ["Pod", "Deployment"]
                  namespaces: ["team-*"]
                  excludedNamespaces: ["team-legacy"]
                  labelSelector:
                    matchLabels: {tier: web}
                    matchExpressions:
                    - {key: env, operator: In, values: [prod]}
                  namespaceSelector:
                    matchExpressions:
                    - {key: frozen, operator: DoesNotExist}
                  scope: Namespaced
                  name: "web-*"
                """)).get(0);
        assertEquals(List.of(), errors);
        Match match = policy.match();
        assertEquals(List.of(new KindSelector(List.of("", "apps"), List.of("Pod", "Deployment"))), match.kinds());
        assertEquals(List.of("team-*"), match.namespaces());
        assertEquals(List.of("team-legacy"), match.excludedNamespaces());
        assertEquals(Map.of("tier", "web"), match.labelSelector().orElseThrow().matchLabels());
        assertEquals(1, match.namespaceSelector().orElseThrow().matchExpressions().size());
        assertEquals(Scope.NAMESPACED, match.scope());
        assertEquals(List.of("web-*"), match.names());
    }

    @Test
    void unknownMatchFieldsAndBadOperatorsAreErrors() {
        load(TEMPLATE, constraint(VALID_PARAMETERS + """
                match:
                  kind: [Pod]
                """));
        load(TEMPLATE, constraint(VALID_PARAMETERS + """
                match:
                  labelSelector:
                    matchExpressions: [{key: a, operator: Includes, values: [b]}]
                """));
        load(TEMPLATE, constraint(VALID_PARAMETERS + """
                match:
                  excludedNamespaces: ["kube-*", "Team_A"]
                """));
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("spec.match.kind is not a match field"), errors.get(0));
        assertTrue(errors.get(1).contains("unknown label selector operator 'Includes'"), errors.get(1));
        assertTrue(errors.get(2).contains("spec.match.excludedNamespaces[1] 'Team_A' is not a Gatekeeper wildcard"),
                errors.get(2));
    }

    @Test
    void matchErrorsNameTheFieldAndItsLine() {
        load(TEMPLATE, constraint(VALID_PARAMETERS + """
                match:
                  kinds:
                  - apiGroups: [""]
                    kinds: [Pod, {x: 1}]
                """));
        load(TEMPLATE, constraint(VALID_PARAMETERS + """
                match:
                  names: [web]
                """));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("doc1.yaml:11:"), errors.get(0));
        assertTrue(errors.get(0).contains("spec.match.kinds[0].kinds[1] must be a string"), errors.get(0));
        assertTrue(errors.get(1).startsWith("doc1.yaml:9:"), errors.get(1));
        assertTrue(errors.get(1).contains("spec.match.names is not a Gatekeeper match field"), errors.get(1));
    }

    @Test
    void enforcementActionsMapToEnforcementPoints() {
        Policy warn = load(TEMPLATE, constraint(VALID_PARAMETERS + "enforcementAction: warn")).get(0);
        assertEquals(Optional.of(EnforcementAction.WARN), warn.enforcement().at(EnforcementPoint.CI));
        Policy dryrun = load(TEMPLATE, constraint(VALID_PARAMETERS + "enforcementAction: dryrun")).get(0);
        assertEquals(Optional.of(EnforcementAction.DRYRUN), dryrun.enforcement().at(EnforcementPoint.ADMISSION));
        Policy scoped = load(TEMPLATE, constraint(VALID_PARAMETERS + """
                enforcementAction: scoped
                scopedEnforcementActions:
                - action: deny
                  enforcementPoints: [{name: validation.gatekeeper.sh}]
                - action: warn
                  enforcementPoints: [{name: gator.gatekeeper.sh}, {name: validation.gatekeeper.sh}]
                """)).get(0);
        assertEquals(List.of(), errors);
        assertEquals(Optional.of(EnforcementAction.DENY), scoped.enforcement().at(EnforcementPoint.ADMISSION));
        assertEquals(Optional.of(EnforcementAction.WARN), scoped.enforcement().at(EnforcementPoint.CI));
        assertEquals(Optional.empty(), scoped.enforcement().at(EnforcementPoint.AUDIT));
        Policy everywhere = load(TEMPLATE, constraint(VALID_PARAMETERS + """
                enforcementAction: scoped
                scopedEnforcementActions:
                - action: dryrun
                  enforcementPoints: [{name: "*"}]
                """)).get(0);
        assertEquals(Optional.of(EnforcementAction.DRYRUN), everywhere.enforcement().at(EnforcementPoint.AUDIT));
    }

    @Test
    void unknownEnforcementPointsAndActionsAreErrorsListingTheSupportedOnes() {
        load(TEMPLATE, constraint(VALID_PARAMETERS + """
                enforcementAction: scoped
                scopedEnforcementActions:
                - action: deny
                  enforcementPoints: [{name: webhook}]
                """));
        load(TEMPLATE, constraint(VALID_PARAMETERS + "enforcementAction: block"));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("scopedEnforcementActions[0].enforcementPoints[0].name: enforcement point"
                + " 'webhook' is not supported; use one of admission, audit, ci, validation.gatekeeper.sh,"
                + " audit.gatekeeper.sh, gator.gatekeeper.sh, vap.k8s.io, *"), errors.get(0));
        assertTrue(errors.get(1).contains("enforcementAction: unknown enforcement action 'block'; use one of dryrun,"
                + " warn, deny, or scoped"), errors.get(1));
    }

    @Test
    void templateNameMustBeTheLowerCaseKind() {
        load(TEMPLATE.replace("name: k8squiet", "name: quiet"));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("ConstraintTemplate name 'quiet' must be the lower-case constraint kind"
                + " 'k8squiet'"), errors.get(0));
    }

    @Test
    void constraintWithoutTemplateIsAnError() {
        load(constraint(VALID_PARAMETERS));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("no ConstraintTemplate defines kind K8sQuiet"), errors.get(0));
    }

    @Test
    void templateWithNeitherNativeKindNorCelNorRegoIsAnError() {
        List<Resource> documents = READER.readString("t.yaml", TEMPLATE.replace("K8sQuiet", "K8sUnknown")
                .replace("k8squiet", "k8sunknown")).resources();
        new GatekeeperFormat().compile(documents, new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                errors.add(message);
            }
        });
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("(kind K8sUnknown) has no CEL code, no Rego and no native implementation"),
                errors.get(0));
    }

    @Test
    void formatReadsTemplatesAndConstraintsOnly() {
        GatekeeperFormat format = new GatekeeperFormat();
        assertTrue(format.reads(new ResourceId("templates.gatekeeper.sh", "v1", "ConstraintTemplate", "", "x")));
        assertTrue(format.reads(new ResourceId("constraints.gatekeeper.sh", "v1beta1", "AnyKind", "", "x")));
        assertFalse(format.reads(new ResourceId("", "v1", "Pod", "default", "x")));
        assertTrue(GatekeeperFormat.builtinKinds().containsKey("K8sAllowedNamespaces"));
        assertTrue(GatekeeperFormat.builtinKinds().containsKey("K8sRequiredSignatures"));
    }
}
