package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.google.re2j.Pattern;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Inventory;
import dev.palisade.core.KindSelector;
import dev.palisade.core.LabelRequirement;
import dev.palisade.core.LabelSelector;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Match;
import dev.palisade.core.Resource;
import dev.palisade.core.Scope;
import dev.palisade.core.YamlDocument;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of a gator suite run directly through a native kind: reads the constraint, the object
 * (or AdmissionReview) and the inventory, applies the constraint's match, evaluates and checks the
 * assertions. A small stand-in for the gator runner, good enough for the library's suites.
 */
final class SuiteCase {
    private static final ManifestReader READER = ManifestReader.create();

    private SuiteCase() {
    }

    /** The outcome of one case: the failed assertions (empty when it passed) and the messages produced. */
    record Outcome(List<String> failures, List<String> messages, int assertions) {
        boolean passed() {
            return failures.isEmpty();
        }
    }

    static JsonNode readFirst(Path file) {
        List<YamlDocument> documents = READER.readDocuments(file);
        return documents.isEmpty() ? MissingNode.getInstance() : documents.get(0).content();
    }

    static Outcome run(ConstraintKind kind, Path constraintFile, Path suiteDir, JsonNode testCase) {
        JsonNode constraint = readFirst(constraintFile);
        JsonNode parameters = constraint.path("spec").path("parameters");
        if (!parameters.isObject()) {
            parameters = JsonNodeFactory.instance.objectNode();
        }
        Match match = match(constraint.path("spec").path("match"));
        Resource resource = object(suiteDir.resolve(testCase.path("object").asText()));
        List<Resource> inventory = new ArrayList<>();
        for (JsonNode file : testCase.path("inventory")) {
            for (YamlDocument document : READER.readDocuments(suiteDir.resolve(file.asText()))) {
                addFlattened(document.content(), inventory);
            }
        }
        EvaluationContext context = EvaluationContext.builder().inventory(Inventory.of(inventory)).build();
        List<String> messages = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        JsonNode reviewed = resource.object();
        if (match.matches(resource, context.namespaceLabels())) {
            kind.evaluate(new ConstraintInput(resource, parameters, context), new FindingSink() {
                @Override
                public void report(String message, String path) {
                    messages.add(message);
                    if (!pointsIntoObject(reviewed, path)) {
                        failures.add("pointer " + path + " of '" + message + "' is not a field of the object or of"
                                + " an existing parent");
                    }
                }

                @Override
                public void report(String message, String path, EnforcementAction action) {
                    report(message, path);
                }
            });
        }
        for (JsonNode assertion : testCase.path("assertions")) {
            String failure = check(assertion, messages);
            if (failure != null) {
                failures.add(failure);
            }
        }
        return new Outcome(failures, messages, testCase.path("assertions").size());
    }

    /** A finding's pointer names an existing field, or a missing field whose parent exists. */
    static boolean pointsIntoObject(JsonNode object, String pointer) {
        if (pointer.isEmpty()) {
            return true;
        }
        if (!pointer.startsWith("/")) {
            return false;
        }
        if (!object.at(pointer).isMissingNode()) {
            return true;
        }
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        return !object.at(parent).isMissingNode();
    }

    private static void addFlattened(JsonNode document, List<Resource> into) {
        if (document.path("kind").asText().endsWith("List") && document.path("items").isArray()) {
            document.path("items").forEach(item -> into.add(Resource.of(item)));
        } else if (document.isObject()) {
            into.add(Resource.of(document));
        }
    }

    /** The object under review; an AdmissionReview becomes its object with the request attached. */
    static Resource object(Path file) {
        return SuiteCaseObjects.resource(readFirst(file));
    }
    /** Checks one assertion; returns what failed, or null. */
    static String check(JsonNode assertion, List<String> messages) {
        long counted = messages.size();
        JsonNode message = assertion.path("message");
        if (message.isTextual()) {
            Pattern pattern = Pattern.compile(message.textValue());
            counted = messages.stream().filter(m -> pattern.matcher(m).find()).count();
        }
        JsonNode expected = assertion.path("violations");
        String want;
        boolean ok;
        if (expected.isMissingNode() || (expected.isBoolean() && expected.booleanValue()) || "yes".equals(expected.asText())) {
            want = "yes";
            ok = counted > 0;
        } else if ((expected.isBoolean() && !expected.booleanValue()) || "no".equals(expected.asText())) {
            want = "no";
            ok = counted == 0;
        } else {
            want = expected.asText();
            ok = counted == Long.parseLong(want);
        }
        return ok ? null : "expected violations: " + want + (message.isTextual() ? " matching /" + message.textValue()
                + "/" : "") + ", got " + counted + " of " + messages;
    }

    static Match match(JsonNode node) {
        Match match = Match.ALL;
        List<KindSelector> kinds = new ArrayList<>();
        for (JsonNode entry : node.path("kinds")) {
            kinds.add(new KindSelector(strings(entry.path("apiGroups")), strings(entry.path("kinds"))));
        }
        match = match.withKinds(kinds).withNamespaces(strings(node.path("namespaces")))
                .withExcludedNamespaces(strings(node.path("excludedNamespaces")));
        if (node.path("labelSelector").isObject()) {
            match = match.withLabelSelector(selector(node.path("labelSelector")));
        }
        if (node.path("namespaceSelector").isObject()) {
            match = match.withNamespaceSelector(selector(node.path("namespaceSelector")));
        }
        if (node.path("scope").isTextual()) {
            match = match.withScope(Scope.parse(node.path("scope").asText()));
        }
        if (node.path("name").isTextual()) {
            match = match.withNames(List.of(node.path("name").asText()));
        }
        return match;
    }

    private static LabelSelector selector(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("matchLabels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<LabelRequirement> requirements = new ArrayList<>();
        for (JsonNode expression : node.path("matchExpressions")) {
            requirements.add(new LabelRequirement(expression.path("key").asText(),
                    LabelRequirement.Operator.parse(expression.path("operator").asText()),
                    strings(expression.path("values"))));
        }
        return new LabelSelector(labels, requirements);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
