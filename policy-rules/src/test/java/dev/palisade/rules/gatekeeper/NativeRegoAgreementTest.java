package dev.palisade.rules.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Finding;
import dev.palisade.core.Inventory;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Operations;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import dev.palisade.core.admission.AdmissionReviews;
import dev.palisade.core.policy.PolicyLoadContext;
import dev.palisade.rules.gatekeeper.internal.ConstraintPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The native Java kinds are an optimisation of the library templates' Rego, so they must agree with
 * it: for every suite of the Gatekeeper library, every test's constraint judges every case object of
 * the suite (with that case's inventory) once with the native kind and once with the template's Rego
 * on Palisade's interpreter, and both must report the same violation messages (and both fail, or
 * neither). All 49 kinds take part.
 */
class NativeRegoAgreementTest {
    private static final ManifestReader READER = ManifestReader.create();
    private static final GatekeeperFormat NATIVE = GatekeeperFormat.withEngine(GatekeeperEngine.NATIVE);
    private static final GatekeeperFormat REGO = GatekeeperFormat.withEngine(GatekeeperEngine.REGO);

    private record Case(String name, Resource object, List<Resource> inventory) {
    }

    @Test
    void nativeKindsAgreeWithTheTemplatesRego() {
        Path library = GatorLibraryConformanceTest.library();
        List<Path> suites;
        try (Stream<Path> walk = Files.walk(library)) {
            suites = walk.filter(p -> p.getFileName().toString().equals("suite.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> kinds = new TreeSet<>();
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int withViolations = 0;
        for (Path suite : suites) {
            JsonNode tests = READER.readDocuments(suite).get(0).content().path("tests");
            Path dir = suite.getParent();
            List<Case> cases = new ArrayList<>();
            for (JsonNode test : tests) {
                for (JsonNode c : test.path("cases")) {
                    if (c.path("skip").asBoolean(false) || !c.hasNonNull("object")) {
                        continue;
                    }
                    List<Resource> inventory = new ArrayList<>();
                    for (JsonNode entry : c.path("inventory")) {
                        inventory.addAll(read(dir.resolve(entry.asText())));
                    }
                    List<Resource> objects = read(dir.resolve(c.path("object").asText()));
                    if (objects.size() != 1) {
                        continue;
                    }
                    Resource object = objects.get(0);
                    if (AdmissionReviews.isReview(object)) {
                        object = AdmissionReviews.readLenient(object).resource();
                    }
                    cases.add(new Case(c.path("name").asText(), object, inventory));
                }
            }
            for (JsonNode test : tests) {
                if (test.path("invalid").asBoolean(false) || test.path("skip").asBoolean(false)) {
                    continue;
                }
                List<Resource> documents = new ArrayList<>(read(dir.resolve(test.path("template").asText())));
                documents.addAll(read(dir.resolve(test.path("constraint").asText())));
                PolicySet nativeSet = compile(NATIVE, documents);
                PolicySet regoSet = compile(REGO, documents);
                kinds.add(documents.get(0).object().path("spec").path("crd").path("spec").path("names")
                        .path("kind").asText());
                for (Case c : cases) {
                    EvaluationContext context = EvaluationContext.builder().enforcementPoint(EnforcementPoint.CI)
                            .inventory(Inventory.of(c.inventory())).build();
                    Outcome expected = outcome(nativeSet.evaluate(c.object(), context));
                    Outcome actual = outcome(regoSet.evaluate(c.object(), context));
                    compared++;
                    if (!expected.messages().isEmpty()) {
                        withViolations++;
                    }
                    if (!expected.equals(actual)) {
                        disagreements.add(library.relativize(suite) + " test " + test.path("name").asText() + " case "
                                + c.name() + ": native " + expected + ", rego " + actual);
                    }
                }
            }
        }
        System.out.println("native vs Rego: " + compared + " evaluations (" + withViolations + " with violations) over "
                + kinds.size() + " kinds, " + disagreements.size() + " disagreements");
        assertEquals(49, kinds.size(), "kinds compared: " + kinds);
        assertTrue(compared > 500, "evaluations compared: " + compared);
        assertTrue(withViolations > 200, "evaluations with violations: " + withViolations);
        assertTrue(disagreements.isEmpty(), disagreements.size() + " disagreements:\n" + String.join("\n",
                disagreements));
    }

    /** One constraint of the library compiled both ways, with a case object of its suite. */
    private record Trial(String where, PolicySet nativeSet, PolicySet regoSet, Case c) {
    }

    private static List<Trial> trials;

    private static synchronized List<Trial> trials() {
        if (trials != null) {
            return trials;
        }
        Path library = GatorLibraryConformanceTest.library();
        List<Trial> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(library)) {
            for (Path suite : walk.filter(p -> p.getFileName().toString().equals("suite.yaml")).sorted().toList()) {
                JsonNode tests = READER.readDocuments(suite).get(0).content().path("tests");
                Path dir = suite.getParent();
                List<Case> cases = new ArrayList<>();
                for (JsonNode test : tests) {
                    for (JsonNode c : test.path("cases")) {
                        List<Resource> objects = c.hasNonNull("object") ? read(dir.resolve(c.path("object").asText()))
                                : List.of();
                        if (objects.size() != 1 || AdmissionReviews.isReview(objects.get(0))) {
                            continue;
                        }
                        List<Resource> inventory = new ArrayList<>();
                        for (JsonNode entry : c.path("inventory")) {
                            inventory.addAll(read(dir.resolve(entry.asText())));
                        }
                        cases.add(new Case(c.path("name").asText(), objects.get(0), inventory));
                    }
                }
                for (JsonNode test : tests) {
                    if (test.path("invalid").asBoolean(false) || test.path("skip").asBoolean(false)) {
                        continue;
                    }
                    List<Resource> documents = new ArrayList<>(read(dir.resolve(test.path("template").asText())));
                    documents.addAll(read(dir.resolve(test.path("constraint").asText())));
                    PolicySet nativeSet = compile(NATIVE, documents);
                    PolicySet regoSet = compile(REGO, documents);
                    for (Case c : cases) {
                        all.add(new Trial(library.relativize(suite) + " test " + test.path("name").asText() + " case "
                                + c.name(), nativeSet, regoSet, c));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        trials = List.copyOf(all);
        return trials;
    }

    private static final List<JsonNode> REPLACEMENTS = List.of(
            com.fasterxml.jackson.databind.node.TextNode.valueOf(""),
            com.fasterxml.jackson.databind.node.TextNode.valueOf("nginx:latest"),
            com.fasterxml.jackson.databind.node.TextNode.valueOf("*"),
            com.fasterxml.jackson.databind.node.TextNode.valueOf("true"),
            com.fasterxml.jackson.databind.node.TextNode.valueOf("100m"),
            com.fasterxml.jackson.databind.node.IntNode.valueOf(0),
            com.fasterxml.jackson.databind.node.IntNode.valueOf(-1),
            com.fasterxml.jackson.databind.node.IntNode.valueOf(65536),
            com.fasterxml.jackson.databind.node.BooleanNode.TRUE,
            com.fasterxml.jackson.databind.node.BooleanNode.FALSE,
            com.fasterxml.jackson.databind.node.NullNode.getInstance(),
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());

    /**
     * Variations of the case objects (a member removed, or a value replaced by an empty or odd value of
     * its type, as the API server would still accept) are judged alike by the native kind and the Rego too.
     */
    @net.jqwik.api.Property(tries = 1000)
    void mutatedObjectsAreJudgedAlike(@net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0,
            max = 100_000) int pick, @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0,
            max = 1_000_000) int where, @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0,
            max = 13) int how) {
        List<Trial> all = trials();
        Trial trial = all.get(pick % all.size());
        JsonNode copy = trial.c().object().object().deepCopy();
        List<String> pointers = new ArrayList<>();
        collect(copy, "", pointers);
        if (pointers.isEmpty()) {
            return;
        }
        String pointer = pointers.get(where % pointers.size());
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        JsonNode original = copy.at(pointer);
        JsonNode replacement = how == REPLACEMENTS.size() ? null : REPLACEMENTS.get(how);
        if (replacement != null && replacement.getNodeType() != original.getNodeType()) {
            // the API server rejects mistyped fields before admission: only same-typed values are realistic
            replacement = null;
        }
        if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (replacement == null && how < REPLACEMENTS.size()) {
                return; // a mistyped value is not an object the API server would admit
            }
            if (replacement == null) {
                object.remove(last);
            } else {
                object.set(last, replacement);
            }
        } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            int index = Integer.parseInt(last);
            if (replacement == null) {
                array.remove(index);
            } else {
                array.set(index, replacement);
            }
        }
        Resource mutated = Resource.of(copy);
        EvaluationContext context = EvaluationContext.builder().enforcementPoint(EnforcementPoint.CI)
                .inventory(Inventory.of(trial.c().inventory())).build();
        Outcome expected = outcome(trial.nativeSet().evaluate(mutated, context));
        Outcome actual = outcome(trial.regoSet().evaluate(mutated, context));
        assertEquals(expected, actual, trial.where() + " with " + pointer + " " + (replacement == null ? "removed"
                : "= " + replacement));
    }

    /** Pointers of every member below the object, except those that give it its identity. */
    private static void collect(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String child = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (!Set.of("/apiVersion", "/kind", "/metadata", "/metadata/name", "/metadata/namespace")
                        .contains(child)) {
                    out.add(child);
                }
                collect(e.getValue(), child, out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(at + "/" + i);
                collect(node.get(i), at + "/" + i, out);
            }
        }
    }

    private record Outcome(List<String> messages, boolean failed) {
    }

    private static Outcome outcome(Result result) {
        List<String> messages = new ArrayList<>();
        for (Finding finding : result.violations()) {
            messages.add(finding.message());
        }
        for (Finding finding : result.suppressed()) {
            messages.add(finding.message());
        }
        messages.sort(null);
        boolean failed = false;
        for (EvaluationError error : result.errors()) {
            failed = true;
        }
        return new Outcome(messages, failed);
    }

    private static PolicySet compile(GatekeeperFormat format, List<Resource> documents) {
        List<String> errors = new ArrayList<>();
        List<Policy> policies = format.compile(documents, new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                errors.add(location.display() + ": " + message);
            }
        });
        assertTrue(errors.isEmpty(), format.engine() + ": " + errors);
        return PolicySet.of(policies.stream().map(p -> p instanceof ConstraintPolicy c
                ? c.withOperations(Operations.ALL) : p).toList());
    }

    private static List<Resource> read(Path file) {
        Manifests manifests = READER.read(List.of(file.toString()));
        assertTrue(manifests.errors().isEmpty(), file + ": " + manifests.errors());
        return manifests.resources();
    }

    /**
     * Every member of every case object removed in turn (fields the Rego reads as undefined, list
     * elements) is judged alike: an exhaustive, deterministic sweep.
     */
    @Test
    void everyFieldRemovedInTurnIsJudgedAlike() {
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (Trial trial : trials()) {
            JsonNode original = trial.c().object().object();
            List<String> pointers = new ArrayList<>();
            collect(original, "", pointers);
            EvaluationContext context = EvaluationContext.builder().enforcementPoint(EnforcementPoint.CI)
                    .inventory(Inventory.of(trial.c().inventory())).build();
            for (String pointer : pointers) {
                JsonNode copy = original.deepCopy();
                int slash = pointer.lastIndexOf('/');
                JsonNode parent = copy.at(pointer.substring(0, slash));
                String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
                if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                    object.remove(last);
                } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
                    array.remove(Integer.parseInt(last));
                }
                Resource mutated = Resource.of(copy);
                Outcome expected = outcome(trial.nativeSet().evaluate(mutated, context));
                Outcome actual = outcome(trial.regoSet().evaluate(mutated, context));
                compared++;
                if (!expected.equals(actual)) {
                    disagreements.add(trial.where() + " without " + pointer + ": native " + expected + ", rego " + actual);
                }
            }
        }
        System.out.println("native vs Rego, one member removed: " + compared + " evaluations, " + disagreements.size()
                + " disagreements");
        assertTrue(compared > 5_000, "evaluations: " + compared);
        assertTrue(disagreements.isEmpty(), disagreements.size() + " disagreements:\n" + String.join("\n",
                disagreements.subList(0, Math.min(20, disagreements.size()))));
    }
}
