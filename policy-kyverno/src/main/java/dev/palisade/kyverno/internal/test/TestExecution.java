package dev.palisade.kyverno.internal.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.YamlDocument;
import dev.palisade.kyverno.TestAssertionResult;
import dev.palisade.kyverno.TestFileResult;
import dev.palisade.kyverno.internal.InventoryData;
import dev.palisade.kyverno.internal.JsonValues;
import dev.palisade.kyverno.internal.cel.CelException;
import dev.palisade.kyverno.internal.cel.CelPolicy;
import dev.palisade.kyverno.internal.engine.ContextLoader;
import dev.palisade.kyverno.internal.engine.Engine;
import dev.palisade.kyverno.internal.engine.EngineResponse;
import dev.palisade.kyverno.internal.engine.ExpressionException;
import dev.palisade.kyverno.internal.engine.ExternalData;
import dev.palisade.kyverno.internal.engine.KyvernoPolicy;
import dev.palisade.kyverno.internal.engine.PolicyContext;
import dev.palisade.kyverno.internal.engine.PolicyExceptions;
import dev.palisade.kyverno.internal.engine.RequestInfo;
import dev.palisade.kyverno.internal.engine.Requests;
import dev.palisade.kyverno.internal.engine.RuleResponse;
import dev.palisade.kyverno.jmespath.JmesPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one {@code kyverno-test.yaml} the way {@code kyverno test} does
 * ({@code cmd/cli/kubectl-kyverno/commands/test}): loads its policies, resources, values,
 * exceptions and user info; applies every policy to every resource (mutations first, then
 * validations, then generation) with the test's values; and checks each result entry against the
 * rule responses, patched resources and generated resources.
 */
public final class TestExecution {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ManifestReader reader;
    private final JmesPath jmesPath;

    /**
     * @param reader reads the test's YAML files
     * @param jmesPath the JMESPath dialect (its clock decides {@code time_now})
     */
    public TestExecution(ManifestReader reader, JmesPath jmesPath) {
        this.reader = reader;
        this.jmesPath = jmesPath;
    }

    /** Runs a test file. */
    public TestFileResult run(Path file) {
        Path dir = file.getParent() == null ? Path.of(".") : file.getParent();
        JsonNode test;
        try {
            List<YamlDocument> docs = reader.readDocuments(file);
            if (docs.isEmpty() || !docs.get(0).content().isObject()) {
                return new TestFileResult(file.toString(), "", List.of(), Optional.of("the test file is empty"));
            }
            test = docs.get(0).content();
        } catch (PalisadeException e) {
            return new TestFileResult(file.toString(), "", List.of(), Optional.of(e.describe()));
        }
        String name = test.path("metadata").path("name").asText(test.path("name").asText(""));
        try {
            return new TestFileResult(file.toString(), name, execute(test, dir), Optional.empty());
        } catch (PalisadeException e) {
            return new TestFileResult(file.toString(), name, List.of(), Optional.of(e.describe()));
        } catch (ExpressionException | IllegalArgumentException e) {
            return new TestFileResult(file.toString(), name, List.of(), Optional.of(e.getMessage()));
        }
    }

    private List<Resource> readResources(Path dir, JsonNode paths, String what) {
        List<Resource> out = new ArrayList<>();
        for (JsonNode p : paths) {
            String ref = p.asText("");
            if (ref.startsWith("http://") || ref.startsWith("https://")) {
                throw new PalisadeException(what + " " + ref + " is a URL; Palisade reads tests offline, so download"
                        + " it next to the test");
            }
            Path path = dir.resolve(ref).normalize();
            if (!Files.exists(path)) {
                throw new PalisadeException(what + " " + ref + " does not exist (looked for " + path + ")");
            }
            Manifests manifests = reader.read(List.of(path.toString()));
            if (!manifests.errors().isEmpty()) {
                EvaluationError first = manifests.errors().get(0);
                throw new PalisadeException("cannot read " + what + " " + ref + ": " + first.message(),
                        first.location());
            }
            out.addAll(manifests.resources());
        }
        return out;
    }

    private List<TestAssertionResult> execute(JsonNode test, Path dir) {
        Values values = Values.read(test, dir, reader);
        List<Resource> policyDocs = readResources(dir, test.path("policies"), "policy");
        List<KyvernoPolicy> policies = new ArrayList<>();
        List<CelPolicy> cel = new ArrayList<>();
        Map<String, String> notApplicable = new LinkedHashMap<>();
        Set<String> celPolicies = new LinkedHashSet<>();
        Map<String, String> invalidPolicies = new LinkedHashMap<>();
        for (Resource doc : policyDocs) {
            ResourceId id = doc.id();
            if (id.group().equals("kyverno.io") && (id.kind().equals("ClusterPolicy") || id.kind().equals("Policy"))) {
                try {
                    policies.add(KyvernoPolicy.compile(doc));
                } catch (PalisadeException e) {
                    invalidPolicies.put(id.name(), e.getMessage());
                }
            } else if (CelPolicy.isPolicy(id.group(), id.version(), id.kind())) {
                try {
                    CelPolicy compiled = CelPolicy.compile(doc);
                    cel.add(compiled);
                    if (compiled.type() == CelPolicy.Type.DELETING
                            || compiled.type() == CelPolicy.Type.IMAGE_VALIDATING) {
                        notApplicable.put(id.name(), compiled.notApplicable());
                    }
                } catch (PalisadeException e) {
                    invalidPolicies.put(id.name(), e.getMessage());
                }
            } else if (id.group().equals("admissionregistration.k8s.io") && (id.kind().endsWith("AdmissionPolicy"))) {
                celPolicies.add(id.name());
            }
        }
        List<Resource> exceptionDocs = readResources(dir, test.path("exceptions"), "exception");
        List<Resource> kyvernoExceptions = new ArrayList<>();
        List<CelException> celExceptions = new ArrayList<>();
        for (Resource doc : exceptionDocs) {
            if (doc.id().group().equals("kyverno.io") && doc.id().kind().equals("PolicyException")) {
                kyvernoExceptions.add(doc);
            } else if (CelException.isException(doc)) {
                celExceptions.add(CelException.read(doc));
            }
        }
        PolicyExceptions exceptions = PolicyExceptions.read(kyvernoExceptions);
        RequestInfo userInfo = RequestInfo.EMPTY;
        if (test.hasNonNull("userinfo")) {
            List<YamlDocument> docs = reader.readDocuments(dir.resolve(test.get("userinfo").asText()).normalize());
            if (!docs.isEmpty()) {
                userInfo = RequestInfo.read(docs.get(0).content());
            }
        }
        List<JsonNode> resources = new ArrayList<>();
        Map<JsonNode, JsonNode> celViews = new java.util.IdentityHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Resource r : readResources(dir, test.path("resources"), "resource")) {
            JsonNode normalized = CliResources.normalize(r.object());
            String key = r.id().group() + "/" + r.id().kind() + "/"
                    + normalized.path("metadata").path("namespace").asText("") + "/" + r.id().name();
            if (seen.add(key)) {
                JsonNode floats = JsonValues.numbersAsFloats(normalized);
                resources.add(floats);
                celViews.put(floats, normalized);
            }
        }
        CelInputs celInputs = CelInputs.read(test, dir, reader, this::readResources);
        List<JsonNode> targets = new ArrayList<>();
        for (Resource r : readResources(dir, test.path("targetResources"), "target resource")) {
            targets.add(CliResources.normalize(r.object()));
        }
        List<JsonNode> cloneSources = new ArrayList<>();
        for (JsonNode result : test.path("results")) {
            if (result.hasNonNull("cloneSourceResource")) {
                for (Resource r : readResources(dir, NODES.arrayNode().add(result.get("cloneSourceResource")),
                        "clone source")) {
                    cloneSources.add(CliResources.normalize(r.object()));
                }
            }
        }
        List<JsonNode> known = new ArrayList<>(resources);
        known.addAll(targets);
        known.addAll(cloneSources);
        Engine.Resources clusterResources = InventoryData.ofObjects(known).asResources();
        ExternalData external = new TestData(test.path("apiCallResponses"));

        Set<String> operations = new LinkedHashSet<>();
        for (JsonNode result : test.path("results")) {
            String op = result.path("operation").asText("");
            if (!op.isEmpty()) {
                if (!Set.of("CREATE", "UPDATE", "DELETE").contains(op)) {
                    throw new PalisadeException("invalid test result for policy " + result.path("policy").asText()
                            + ": invalid operation \"" + op + "\", must be one of CREATE, UPDATE, DELETE");
                }
                operations.add(op);
            }
        }
        Responses responses = new Responses();
        Engine engine = new Engine(external, values, exceptions, clusterResources, jmesPath);
        CelRun celRun = new CelRun(cel, celExceptions, celInputs, values, userInfo);
        for (JsonNode resource : resources) {
            String key = key(resource);
            JsonNode celView = celViews.get(resource);
            responses.trigger.put(key, apply(engine, policies, celRun, resource, celView, values, userInfo, "", true));
            for (String op : operations) {
                responses.byOperation.computeIfAbsent(op, k -> new LinkedHashMap<>())
                        .put(key, apply(engine, policies, celRun, resource, celView, values, userInfo, op, false));
            }
        }
        for (CelInputs.Payload payload : celInputs.payloads()) {
            responses.trigger.computeIfAbsent(payload.name(), k -> new ArrayList<>())
                    .addAll(celRun.payload(payload.data()));
        }
        for (JsonNode target : targets) {
            String key = key(target);
            for (List<EngineResponse> list : responses.trigger.values()) {
                for (EngineResponse r : list) {
                    if (patchedTarget(r, target) != null) {
                        responses.target.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        return new ResultChecker(dir, reader, responses, celPolicies, invalidPolicies, notApplicable)
                .check(test.path("results"));
    }

    /** Kyverno's resource key: {@code apiVersion,kind,namespace,name}. */
    static String key(JsonNode resource) {
        JsonNode m = resource.path("metadata");
        return resource.path("apiVersion").asText("") + "," + resource.path("kind").asText("") + ","
                + m.path("namespace").asText("") + "," + m.path("name").asText("");
    }

    /** The patched target of a response that is the given resource, or null. */
    static JsonNode patchedTarget(EngineResponse response, JsonNode target) {
        for (RuleResponse rule : response.rules()) {
            JsonNode r = rule.patchedTarget();
            if (r == null) {
                continue;
            }
            String ns = target.path("metadata").path("namespace").asText("");
            if (ns.isEmpty()) {
                ns = r.path("metadata").path("namespace").asText("");
            }
            if (r.path("apiVersion").asText("").equals(target.path("apiVersion").asText(""))
                    && r.path("kind").asText("").equals(target.path("kind").asText(""))
                    && r.path("metadata").path("name").asText("").equals(target.path("metadata").path("name").asText(""))
                    && r.path("metadata").path("namespace").asText("").equals(ns)) {
                return r;
            }
        }
        return null;
    }

    /** Kyverno's {@code ApplyPoliciesOnResource}: mutations, image checks, validations, generation. */
    private List<EngineResponse> apply(Engine engine, List<KyvernoPolicy> policies, CelRun cel, JsonNode resource,
            JsonNode celView, Values values, RequestInfo userInfo, String explicitOperation, boolean defaultRun) {
        List<EngineResponse> out = new ArrayList<>();
        Map<String, String> namespaceLabels = values.namespaceLabels(resource.path("metadata").path("namespace")
                .asText(""));
        JsonNode current = resource;
        for (KyvernoPolicy policy : policies) {
            if (!policy.hasMutate()) {
                continue;
            }
            EngineResponse r = engine.mutate(policy, context(policy, current, values, userInfo, namespaceLabels,
                    explicitOperation));
            out.add(r);
            current = r.patchedResource();
        }
        for (KyvernoPolicy policy : policies) {
            if (!policy.hasVerifyImages()) {
                continue;
            }
            out.add(engine.verifyImages(policy, context(policy, current, values, userInfo, namespaceLabels,
                    explicitOperation)));
        }
        for (KyvernoPolicy policy : policies) {
            if (!policy.hasValidate()) {
                continue;
            }
            out.add(engine.validate(policy, context(policy, current, values, userInfo, namespaceLabels,
                    explicitOperation)));
        }
        String operation = explicitOperation.isEmpty() ? values.resourceValues("", "").get("request.operation")
                .asText("CREATE") : explicitOperation;
        out.addAll(cel.apply(current == resource && celView != null ? celView
                : JsonValues.numbersAsUnstructured(current), operation, defaultRun));
        for (KyvernoPolicy policy : policies) {
            if (!policy.hasGenerate()) {
                continue;
            }
            EngineResponse r = engine.generate(policy, context(policy, current, values, userInfo, namespaceLabels,
                    explicitOperation));
            if (!r.rules().isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    private PolicyContext context(KyvernoPolicy policy, JsonNode resource, Values values, RequestInfo userInfo,
            Map<String, String> namespaceLabels, String explicitOperation) {
        Map<String, JsonNode> resourceValues = values.resourceValues(policy.name(),
                resource.path("metadata").path("name").asText(""));
        if (!explicitOperation.isEmpty()) {
            resourceValues.put("request.operation", NODES.textNode(explicitOperation));
        }
        String operation = switch (resourceValues.get("request.operation").asText("CREATE")) {
            case "DELETE" -> "DELETE";
            case "UPDATE" -> "UPDATE";
            default -> "CREATE";
        };
        return Requests.create(jmesPath, resource, operation, userInfo, namespaceLabels, resourceValues);
    }

    /** The engine responses of a run, by resource key. */
    static final class Responses {
        final Map<String, List<EngineResponse>> trigger = new LinkedHashMap<>();
        final Map<String, Map<String, List<EngineResponse>>> byOperation = new LinkedHashMap<>();
        final Map<String, List<EngineResponse>> target = new LinkedHashMap<>();
    }

    /** API call mocks of a test ({@code apiCallResponses}). */
    private static final class TestData implements ExternalData {
        private final Map<String, JsonNode> mocks = new LinkedHashMap<>();
        private final Map<String, Integer> status = new LinkedHashMap<>();

        TestData(JsonNode entries) {
            for (JsonNode e : entries) {
                String url = e.path("url").asText("").strip();
                if (url.isEmpty()) {
                    url = e.path("urlPath").asText("").strip();
                }
                String method = e.path("method").asText("").strip().toUpperCase(java.util.Locale.ROOT);
                String key = method.isEmpty() ? url : method + ":" + url;
                mocks.put(key, e.path("response").path("body"));
                status.put(key, e.path("response").path("statusCode").asInt(200));
            }
        }

        @Override
        public Optional<JsonNode> apiCall(JsonNode call) {
            String url = call.hasNonNull("service") ? call.path("service").path("url").asText("")
                    : call.path("urlPath").asText("");
            String method = call.path("method").asText("GET");
            for (String key : new String[] {method + ":" + url, url}) {
                JsonNode body = mocks.get(key);
                if (body != null) {
                    int code = status.get(key);
                    if (code < 200 || code >= 300) {
                        throw new ExpressionException("HTTP " + code + " from apiCall mock (v1 apiCall treats non-2xx"
                                + " as failure)", false, null);
                    }
                    return Optional.of(body);
                }
            }
            return Optional.empty();
        }
    }
}
