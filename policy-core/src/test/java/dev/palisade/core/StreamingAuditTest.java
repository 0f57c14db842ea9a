package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming audit judges what the in-memory audit judges, keeping from the inventory only the
 * kinds its policies read.
 */
class StreamingAuditTest {
    @TempDir
    Path dir;

    private void write(String name, String yaml) throws Exception {
        Files.writeString(dir.resolve(name), yaml);
    }

    private void writeInput() throws Exception {
        write("a.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: shared, namespace: prod}
                data: {owner: payments}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: token, namespace: prod}
                """);
        write("b.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: prod}
                spec:
                  containers: [{name: app, image: nginx}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: api, namespace: dev}
                spec:
                  containers: [{name: app, image: nginx}]
                """);
        write("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n");
    }

    /** Flags pods whose namespace has no ConfigMap named shared, and records what the inventory held. */
    private static Policy referential(List<String> seen) {
        return new BasePolicy(PolicyMetadata.of("needs-shared-config", "t", Severity.LOW),
                Match.ALL.withKinds(List.of(KindSelector.of("", "Pod"))), Enforcement.of(EnforcementAction.WARN),
                FailurePolicy.FAIL) {
            @Override
            public InventoryNeeds inventoryNeeds() {
                return InventoryNeeds.kinds("/ConfigMap");
            }

            @Override
            public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
                for (Resource r : context.inventory().all()) {
                    seen.add(r.id().kind());
                }
                if (context.inventory().find("", "ConfigMap", resource.id().namespace(), "shared").isEmpty()) {
                    sink.report("namespace " + resource.id().namespace() + " has no shared ConfigMap", "/metadata");
                }
            }
        };
    }

    private static Function<Result, String> summary() {
        return r -> r.id().display() + " " + r.decision() + " " + r.violations().stream().map(Finding::message).toList()
                + " " + r.source().display();
    }

    @Test
    void streamingAgreesWithTheInMemoryAudit() throws Exception {
        writeInput();
        List<String> seenStreaming = Collections.synchronizedList(new ArrayList<>());
        List<String> seenMemory = Collections.synchronizedList(new ArrayList<>());
        ManifestReader reader = ManifestReader.create();
        List<String> files = new ArrayList<>();
        List<String> observed = new ArrayList<>();
        Report streamed = PolicySet.of(List.of(referential(seenStreaming))).audit(reader, List.of(dir.toString()),
                EvaluationContext.defaults(), new ManifestSink() {
                    @Override
                    public void resource(Resource resource) {
                        observed.add(resource.id().display());
                    }

                    @Override
                    public void error(EvaluationError error) {
                    }

                    @Override
                    public void reading(String file) {
                        files.add(file);
                    }
                });
        Report inMemory = PolicySet.of(List.of(referential(seenMemory)))
                .audit(reader.read(List.of(dir.toString())), EvaluationContext.defaults());

        assertEquals(inMemory.results().stream().map(summary()).toList(),
                streamed.results().stream().map(summary()).toList());
        assertEquals(inMemory.errors(), streamed.errors());
        assertEquals(Decision.ERROR, streamed.decision(), "the broken file is an error of the run");
        assertEquals(List.of("namespace dev has no shared ConfigMap"), streamed.results().stream()
                .flatMap(r -> r.violations().stream()).map(Finding::message).toList());
        assertEquals(Set.of("ConfigMap"), Set.copyOf(seenStreaming), "only the kinds the policy reads are kept");
        assertTrue(Set.copyOf(seenMemory).contains("Secret"), "the in-memory audit holds everything");
        assertEquals(3, files.size(), "the observer sees each file once, in the judging pass: " + files);
        assertEquals(streamed.results().stream().map(r -> r.id().display()).toList(), observed,
                "the observer sees each resource once, in the judging pass, in result order");
    }

    @Test
    void standardInputIsReadTwiceThroughACopy() throws Exception {
        writeInput();
        String yaml = Files.readString(dir.resolve("a.yaml")) + "\n---\n" + Files.readString(dir.resolve("b.yaml"));
        InputStream stdin = System.in;
        Report report;
        try {
            System.setIn(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
            report = PolicySet.of(List.of(referential(new ArrayList<>()))).audit(ManifestReader.create(),
                    List.of(ManifestReader.STDIN), EvaluationContext.defaults(), new ManifestSink() {
                        @Override
                        public void resource(Resource resource) {
                        }

                        @Override
                        public void error(EvaluationError error) {
                        }
                    });
        } finally {
            System.setIn(stdin);
        }
        assertEquals(List.of(), report.errors());
        assertEquals(4, report.results().size());
        assertEquals(ManifestReader.STDIN_NAME, report.results().get(0).source().file());
        assertEquals(List.of("namespace dev has no shared ConfigMap"), report.results().stream()
                .flatMap(r -> r.violations().stream()).map(Finding::message).toList());
    }

    @Test
    void aSetThatReadsNothingReadsTheInputOnce() throws Exception {
        writeInput();
        List<String> files = new ArrayList<>();
        Policy alone = new BasePolicy(PolicyMetadata.of("alone", "t", Severity.LOW), Match.ALL,
                Enforcement.of(EnforcementAction.DRYRUN), FailurePolicy.FAIL) {
            @Override
            public InventoryNeeds inventoryNeeds() {
                return InventoryNeeds.NONE;
            }

            @Override
            public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
                assertTrue(context.inventory().all().isEmpty());
            }
        };
        ManifestReader reader = ManifestReader.create();
        Report report = PolicySet.of(List.of(alone)).audit(reader, List.of(dir.toString()), EvaluationContext.defaults(),
                new ManifestSink() {
                    @Override
                    public void resource(Resource resource) {
                    }

                    @Override
                    public void error(EvaluationError error) {
                    }

                    @Override
                    public void reading(String file) {
                        files.add(file);
                    }
                });
        assertEquals(4, report.results().size());
        assertEquals(3, files.size());
        assertEquals(List.of("alone"), report.results().get(0).evaluated());
    }
}
