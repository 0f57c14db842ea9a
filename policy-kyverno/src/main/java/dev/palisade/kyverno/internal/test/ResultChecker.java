package dev.palisade.kyverno.internal.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Resource;
import dev.palisade.kyverno.TestAssertionResult;
import dev.palisade.kyverno.internal.JsonValues;
import dev.palisade.kyverno.internal.engine.EngineResponse;
import dev.palisade.kyverno.internal.engine.RuleResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a test's result entries against the run's responses as {@code kyverno test} does
 * ({@code printTestResult}): a bare resource name matches every kind and namespace, {@code ns/name}
 * narrows to a namespace; a rule matches its autogen variants; the status is the policy-report
 * result (a failure of a policy annotated {@code policies.kyverno.io/scored: "false"} is a warning);
 * patched and generated resources compare after dropping empty values and Kyverno's generate
 * labels. Each result entry gives one assertion per resource it names.
 */
final class ResultChecker {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final Path dir;
    private final ManifestReader reader;
    private final TestExecution.Responses responses;
    private final Set<String> celPolicies;
    private final Map<String, String> invalidPolicies;
    private final Map<String, String> notApplicable;
    private final Map<String, List<Resource>> files = new LinkedHashMap<>();

    ResultChecker(Path dir, ManifestReader reader, TestExecution.Responses responses, Set<String> celPolicies,
            Map<String, String> invalidPolicies, Map<String, String> notApplicable) {
        this.notApplicable = notApplicable;
        this.dir = dir;
        this.reader = reader;
        this.responses = responses;
        this.celPolicies = celPolicies;
        this.invalidPolicies = invalidPolicies;
    }

    /** One row of Kyverno's result table: whether it held and why. */
    private record Row(boolean ok, boolean excluded, String message) {
    }

    List<TestAssertionResult> check(JsonNode results) {
        List<TestAssertionResult> out = new ArrayList<>();
        for (JsonNode result : results) {
            String policy = result.path("policy").asText("");
            String rule = result.path("rule").asText("");
            String expected = result.path("result").asText("");
            String expectedText = expected + (result.hasNonNull("patchedResources")
                    ? " with " + result.get("patchedResources").asText() : "")
                    + (result.hasNonNull("generatedResource") ? " generating " + result.get("generatedResource").asText()
                    : "");
            String policyName = lastPart(policy);
            boolean admissionPolicy = result.path("isValidatingAdmissionPolicy").asBoolean(false)
                    || result.path("isMutatingAdmissionPolicy").asBoolean(false)
                    || celPolicies.contains(policyName);
            String offline = notApplicable.get(policyName);
            if (offline == null && (result.path("isDeletingPolicy").asBoolean(false)
                    || result.path("isImageValidatingPolicy").asBoolean(false))) {
                offline = "policy '" + policy + "' is a DeletingPolicy or ImageValidatingPolicy, which is not"
                        + " applicable offline (it needs a cluster or registry access)";
            }
            List<String> named = new ArrayList<>();
            result.path("resources").forEach(n -> named.add(n.asText()));
            if (admissionPolicy || offline != null) {
                String reason = offline != null ? "not applicable offline: " + offline
                        : "not yet supported: policy '" + policy + "' is a Kubernetes admission policy"
                        + " (ValidatingAdmissionPolicy, MutatingAdmissionPolicy), which Palisade's kyverno test does"
                        + " not run yet";
                if (named.isEmpty()) {
                    out.add(new TestAssertionResult(policy, rule, "", expectedText,
                            TestAssertionResult.Outcome.NOT_SUPPORTED, reason));
                }
                for (String r : named) {
                    out.add(new TestAssertionResult(policy, rule, r, expectedText,
                            TestAssertionResult.Outcome.NOT_SUPPORTED, reason));
                }
                continue;
            }
            Map<String, List<EngineResponse>> trigger = responses.trigger;
            String operation = result.path("operation").asText("");
            if (!operation.isEmpty()) {
                trigger = responses.byOperation.getOrDefault(operation, Map.of());
            }
            if (named.isEmpty()) {
                List<String> keys = new ArrayList<>(responses.target.keySet());
                keys.addAll(trigger.keySet());
                out.add(assertion(result, policy, rule, "", expectedText, keys, trigger));
                continue;
            }
            Map<String, List<String>> keysByName = new LinkedHashMap<>();
            boolean anyFound = false;
            for (String r : named) {
                List<String> keys = new ArrayList<>();
                for (Map<String, List<EngineResponse>> m : List.of(responses.target, trigger)) {
                    for (String key : m.keySet()) {
                        if (matchesName(key, r)) {
                            keys.add(key);
                        }
                    }
                }
                anyFound |= !keys.isEmpty();
                keysByName.put(r, keys);
            }
            for (String r : named) {
                List<String> keys = keysByName.get(r);
                if (!anyFound) {
                    // Kyverno checks every resource when none of the named ones exists
                    keys = new ArrayList<>(responses.target.keySet());
                    keys.addAll(trigger.keySet());
                } else if (keys.isEmpty()) {
                    out.add(new TestAssertionResult(policy, rule, r, expectedText,
                            TestAssertionResult.Outcome.NO_RESPONSE, "resource " + r
                                    + " is not among the test's resources (Kyverno ignores it)"));
                    continue;
                }
                out.add(assertion(result, policy, rule, r, expectedText, keys, trigger));
            }
        }
        return out;
    }

    private static boolean matchesName(String key, String name) {
        String[] parts = key.split(",", -1);
        String[] nsName = name.split("/", -1);
        if (nsName.length == 1) {
            return name.equals(parts[parts.length - 1]);
        }
        return nsName.length == 2 && nsName[0].equals(parts[parts.length - 2])
                && nsName[1].equals(parts[parts.length - 1]);
    }

    private TestAssertionResult assertion(JsonNode result, String policy, String rule, String resource,
            String expected, List<String> keys, Map<String, List<EngineResponse>> trigger) {
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            rows.addAll(rowsFor(result, key, trigger));
        }
        boolean ok = true;
        boolean anyExcluded = false;
        boolean allExcluded = !rows.isEmpty();
        List<String> found = new ArrayList<>();
        for (Row row : rows) {
            if (!row.ok) {
                ok = false;
                found.add(row.message);
            }
            anyExcluded |= row.excluded;
            allExcluded &= row.excluded;
        }
        TestAssertionResult.Outcome outcome;
        String text;
        if (!ok) {
            outcome = TestAssertionResult.Outcome.FAILED;
            text = String.join("; ", found);
        } else if (rows.isEmpty() || allExcluded) {
            outcome = TestAssertionResult.Outcome.NO_RESPONSE;
            text = rows.isEmpty() ? "the resource is not in the patched or generated resources file"
                    : "no rule of the policy produced a response for the resource (excluded)";
        } else {
            outcome = TestAssertionResult.Outcome.PASSED;
            text = anyExcluded ? "passed (some resources excluded)" : "passed";
        }
        return new TestAssertionResult(policy, rule, resource, expected, outcome, text);
    }

    /** Kyverno's rows for one resource key. */
    private List<Row> rowsFor(JsonNode result, String key, Map<String, List<EngineResponse>> trigger) {
        List<Row> rows = new ArrayList<>();
        boolean resourceSkipped = false;
        String policyName = lastPart(result.path("policy").asText(""));
        String ruleName = result.path("rule").asText("");
        boolean failOnMissing = result.path("failOnMissingResources").asBoolean(false);
        List<EngineResponse> triggered = trigger.get(key);
        if (triggered != null) {
            for (EngineResponse response : triggered) {
                if (!response.policy().name().equals(policyName)) {
                    continue;
                }
                for (RuleResponse rule : response.rules()) {
                    if (!ruleName.isEmpty() && !response.policy().ruleless() && !rule.name().equals(ruleName)
                            && !rule.name().equals("autogen-" + ruleName)
                            && !rule.name().equals("autogen-cronjob-" + ruleName)) {
                        continue;
                    }
                    if (rule.type() != RuleResponse.Type.GENERATION) {
                        JsonNode actual = rule.type() == RuleResponse.Type.MUTATION ? response.patchedResource()
                                : response.resource();
                        Row row = checkResult(result, response, rule, actual);
                        if (!failOnMissing && row.message.contains("not found in manifest")) {
                            resourceSkipped = true;
                            continue;
                        }
                        rows.add(row);
                    } else if (rule.generated().isEmpty()) {
                        rows.add(compareStatus(result, response, rule));
                    } else {
                        for (JsonNode generated : rule.generated()) {
                            rows.add(checkResult(result, response, rule, generated));
                        }
                    }
                }
                if (rows.isEmpty() && !resourceSkipped) {
                    rows.add(new Row(true, true, "excluded"));
                }
            }
        }
        List<EngineResponse> targeted = responses.target.get(key);
        if (targeted != null) {
            String[] parts = key.split(",", -1);
            ObjectNode target = NODES.objectNode();
            target.put("apiVersion", parts[0]).put("kind", parts[1]);
            target.putObject("metadata").put("namespace", parts[2]).put("name", parts[3]);
            for (EngineResponse response : targeted) {
                for (RuleResponse rule : response.rules()) {
                    JsonNode patched = rule.patchedTarget();
                    if (patched != null && TestExecution.patchedTarget(response, target) == patched) {
                        rows.add(checkResult(result, response, rule, patched));
                        break;
                    }
                }
            }
        }
        if (rows.isEmpty() && !resourceSkipped) {
            String invalid = invalidPolicies.get(policyName);
            if (invalid != null) {
                rows.add(new Row(false, false, "policy '" + policyName + "' could not be loaded: " + invalid));
            } else {
                rows.add(new Row(false, false, "not found: no response of policy '" + policyName + "' for "
                        + key.replace(',', '/')));
            }
        }
        return rows;
    }

    private Row checkResult(JsonNode result, EngineResponse response, RuleResponse rule, JsonNode actual) {
        String patched = result.path("patchedResources").asText("");
        if (!patched.isEmpty()) {
            Row row = compareResource(actual, patched, "PatchedResources", "Patched resource didn't match the"
                    + " patched resource in the test result");
            if (row != null) {
                return row;
            }
        }
        String generated = result.path("generatedResource").asText("");
        if (!generated.isEmpty() && result.path("generatedResources").isEmpty()) {
            Row row = compareResource(actual, generated, "GeneratedResource", "Patched resource didn't match the"
                    + " generated resource in the test result");
            if (row != null) {
                return row;
            }
        } else if (result.path("generatedResources").size() > 0) {
            Row last = null;
            boolean matched = false;
            for (JsonNode file : result.path("generatedResources")) {
                Row row = compareResource(actual, file.asText(), "GeneratedResources",
                        "Generated resource didn't match any of the expected generated resources in the test result");
                if (row == null) {
                    matched = true;
                    break;
                }
                last = row;
            }
            if (!matched && last != null) {
                return last;
            }
        }
        return compareStatus(result, response, rule);
    }

    private static Row compareStatus(JsonNode result, EngineResponse response, RuleResponse rule) {
        String actual = rule.status().label();
        if (actual.equals("fail") && "false".equals(response.policy().annotations().get("policies.kyverno.io/scored"))) {
            actual = "warn";
        }
        String expected = result.path("result").asText("");
        if (actual.equals(expected)) {
            return new Row(true, false, rule.message());
        }
        return new Row(false, false, "rule " + rule.name() + " on " + resourceName(response.resource()) + ": want "
                + expected + ", got " + actual + (rule.message().isEmpty() ? "" : " (" + rule.message() + ")"));
    }

    private static String resourceName(JsonNode resource) {
        JsonNode m = resource.path("metadata");
        String ns = m.path("namespace").asText("");
        return resource.path("kind").asText("") + " " + (ns.isEmpty() ? "" : ns + "/") + m.path("name").asText("");
    }

    /** Compares with the file's resource of the same identity; null when equal. */
    private Row compareResource(JsonNode actual, String file, String what, String mismatch) {
        List<Resource> resources;
        try {
            resources = load(file);
        } catch (RuntimeException e) {
            return new Row(false, false, "error: failed to load " + what + " resource (" + e.getMessage() + ")");
        }
        JsonNode m = actual.path("metadata");
        JsonNode expected = null;
        for (Resource r : resources) {
            JsonNode o = CliResources.normalize(r.object());
            if (o.path("apiVersion").asText("").equals(actual.path("apiVersion").asText(""))
                    && o.path("kind").asText("").equals(actual.path("kind").asText(""))
                    && o.path("metadata").path("name").asText("").equals(m.path("name").asText(""))
                    && o.path("metadata").path("namespace").asText("").equals(m.path("namespace").asText(""))) {
                expected = o;
                break;
            }
        }
        if (expected == null) {
            return new Row(false, false, "error: failed to load " + what + " resource (resource with name "
                    + m.path("name").asText("") + " not found in manifest)");
        }
        JsonNode a = tidy(fixupLabels(actual));
        JsonNode e = tidy(fixupLabels(expected));
        if (JsonValues.jsonEqual(a, e)) {
            return null;
        }
        return new Row(false, false, mismatch + " for " + resourceName(actual) + ": expected " + e + ", actual " + a);
    }

    private List<Resource> load(String file) {
        return files.computeIfAbsent(file, f -> {
            Path path = dir.resolve(f).normalize();
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("open " + path + ": no such file or directory");
            }
            Manifests manifests = reader.read(List.of(path.toString()));
            if (!manifests.errors().isEmpty()) {
                throw new IllegalArgumentException(manifests.errors().get(0).message());
            }
            return manifests.resources();
        });
    }

    /** Kyverno's {@code FixupGenerateLabels}: drops {@code generate.kyverno.io/*} labels, sets managed-by. */
    private static JsonNode fixupLabels(JsonNode resource) {
        ObjectNode copy = resource.deepCopy();
        ObjectNode metadata = copy.get("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
        ObjectNode labels = NODES.objectNode();
        labels.put("app.kubernetes.io/managed-by", "kyverno");
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.path("labels").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("generate.kyverno.io/")) {
                labels.set(e.getKey(), e.getValue());
            }
        }
        metadata.set("labels", labels);
        return copy;
    }

    /** Kyverno's {@code Tidy}: nulls, empty maps and empty lists removed, recursively. */
    static JsonNode tidy(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = tidy(e.getValue());
                if (v != null) {
                    out.set(e.getKey(), v);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : node) {
                JsonNode v = tidy(item);
                if (v != null) {
                    out.add(v);
                }
            }
            return out.isEmpty() ? null : out;
        }
        return node;
    }

    private static String lastPart(String policy) {
        String[] parts = policy.split("/", -1);
        return parts[parts.length - 1];
    }
}
