package dev.palisade.kyverno.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.kyverno.jmespath.JmesPath;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubstitutionTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final JmesPath JP = JmesPath.kyverno();
    private JsonContext ctx;

    static JsonNode json(String s) {
        try {
            return M.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    @BeforeEach
    void context() {
        ctx = JsonContext.create(JP);
        ctx.addRequest(json("""
                {"operation": "CREATE", "namespace": "team-a", "userInfo": {"username": "system:serviceaccount:ci:deployer"},
                 "object": {"kind": "Pod", "metadata": {"name": "web", "labels": {"app": "web", "tier": "front"},
                   "annotations": {"example.com/owner": "ann"}},
                   "spec": {"replicas": 3, "containers": [{"name": "c1", "image": "nginx:1.25"},
                     {"name": "c2", "image": "ghcr.io/org/side@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]}}}
                """));
        ctx.addServiceAccount("system:serviceaccount:ci:deployer");
        ctx.addVariable("keyName", json("\"app\""));
        ctx.addVariable("nested.deep.value", json("{\"x\": 1}"));
    }

    private JsonNode sub(String document) {
        return Substitution.substituteAll(json(document), ctx);
    }

    @Test
    void aWholeVariableKeepsItsType() {
        assertEquals(json("{\"n\": 3, \"l\": {\"app\": \"web\", \"tier\": \"front\"}, \"b\": true, \"z\": null}"),
                sub("{\"n\": \"{{ request.object.spec.replicas }}\", \"l\": \"{{request.object.metadata.labels}}\","
                        + " \"b\": \"{{ request.object.spec.replicas > `2` }}\", \"z\": \"{{ request.object.metadata.labels.none || null }}\"}"));
    }

    @Test
    void interpolationWritesGoJson() {
        assertEquals(json("{\"m\": \"pod web has 3 replicas, labels {\\\"app\\\":\\\"web\\\",\\\"tier\\\":\\\"front\\\"}, x null\"}"),
                sub("{\"m\": \"pod {{request.object.metadata.name}} has {{ request.object.spec.replicas }} replicas,"
                        + " labels {{ request.object.metadata.labels }}, x {{ request.object.metadata.labels.none || null }}\"}"));
        assertEquals(json("\"half 1.5 and big 1e+21 and <b>\""),
                sub("\"half {{ divide(`3`, `2`) }} and big {{ `1e21` }} and {{ '<b>' }}\""));
        assertEquals("v=[\"\\u003cb\\u003e\",\"\\u0008\"]", sub("\"v={{ `[\\\"<b>\\\", \\\"\\\\b\\\"]` }}\"").textValue());
    }

    @Test
    void nestedVariablesResolveInsideOut() {
        assertEquals(json("\"web\""), sub("\"{{ request.object.metadata.labels.{{ keyName }} }}\""));
        assertEquals(json("\"x=1\""), sub("\"x={{ nested.deep.value.x }}\""));
        assertEquals(json("\"web-web\""), sub("\"{{request.object.metadata.name}}-{{request.object.metadata.labels.app}}\""));
    }

    @Test
    void escapedAndShallowVariables() {
        assertEquals(json("\"literal {{ not.a.var }}\""), sub("\"literal \\\\{{ not.a.var }}\""));
        ctx.addVariable("tmpl", json("\"{{ request.object.metadata.name }}\""));
        assertEquals(json("\"t: {{ request.object.metadata.name }}\""), sub("\"t: {{- tmpl }}\""));
        assertEquals(json("\"t: web\""), sub("\"t: {{ tmpl }}\""));
    }

    @Test
    void keysAreSubstitutedToo() {
        assertEquals(json("{\"metadata\": {\"labels\": {\"web\": \"yes\"}}}"),
                sub("{\"metadata\": {\"labels\": {\"{{ request.object.metadata.name }}\": \"yes\"}}}"));
        SubstitutionException e = assertThrows(SubstitutionException.class,
                () -> sub("{\"{{ request.object.spec.replicas }}\": 1}"));
        assertTrue(e.getMessage().contains("expected string after substituting variables in key"), e.getMessage());
    }

    @Test
    void unresolvedVariablesFailWithTheirNameAndPath() {
        SubstitutionException e = assertThrows(SubstitutionException.class,
                () -> sub("{\"validate\": {\"message\": \"owner {{ request.object.metadata.labels.owner }}\"}}"));
        assertEquals("request.object.metadata.labels.owner", e.variable());
        assertEquals("/validate/message", e.path());
        assertTrue(e.isNotFound());
        assertEquals("failed to resolve request.object.metadata.labels.owner at path /validate/message: JMESPath query failed:"
                + " Unknown key \"owner\" in path (in JMESPath expression 'request.object.metadata.labels.owner')", e.getMessage());
        SubstitutionException bad = assertThrows(SubstitutionException.class, () -> sub("\"{{ a[ }}\""));
        assertFalse(bad.isNotFound());
        assertEquals("", bad.path());
        // the usual guards resolve
        assertEquals(json("\"\""), sub("\"{{ request.object.metadata.labels.owner || '' }}\""));
        assertEquals(json("\"ann\""), sub("\"{{ request.object.metadata.annotations.\\\"example.com/owner\\\" }}\""));
    }

    @Test
    void preconditionStyleConditionsSubstituteKeyAndValue() {
        JsonNode conditions = sub("""
                {"all": [{"key": "{{ request.object.spec.containers[].image }}", "operator": "AnyIn",
                          "value": ["nginx:*"]},
                         {"key": "{{ length(request.object.spec.containers) }}", "operator": "GreaterThan", "value": 1},
                         {"key": "{{ serviceAccountName }}/{{ serviceAccountNamespace }}", "operator": "Equals",
                          "value": "deployer/ci"}]}
                """);
        assertEquals(json("[\"nginx:1.25\", \"ghcr.io/org/side@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]"),
                conditions.at("/all/0/key"));
        assertEquals(2, conditions.at("/all/1/key").intValue());
        assertEquals("deployer/ci", conditions.at("/all/2/key").textValue());
    }

    @Test
    void atIsTheValueAtTheSamePath() {
        JsonNode mutated = sub("{\"mutate\": {\"patchStrategicMerge\": {\"metadata\": {\"name\": \"{{ @ }}-x\"}}}}");
        assertEquals("web-x", mutated.at("/mutate/patchStrategicMerge/metadata/name").textValue());
        JsonNode foreach = sub("{\"mutate\": {\"foreach\": [{\"patchStrategicMerge\": {\"spec\": {\"containers\": "
                + "[{\"image\": \"{{ regex_replace_all('^nginx', '{{@}}', 'mirror/nginx') }}\"}]}}}]}}");
        assertEquals("mirror/nginx:1.25", foreach.at("/mutate/foreach/0/patchStrategicMerge/spec/containers/0/image").textValue());
        ctx.setTargetResource(json("{\"metadata\": {\"name\": \"target-name\"}}"));
        assertEquals("target-name-x", sub("{\"mutate\": {\"patchStrategicMerge\": {\"metadata\": {\"name\": \"{{ @ }}-x\"}}}}")
                .at("/mutate/patchStrategicMerge/metadata/name").textValue());
    }

    @Test
    void deleteRequestsReadTheOldObject() {
        ctx.addOldResource(json("{\"metadata\": {\"name\": \"old-web\"}}"));
        ctx.addOperation("DELETE");
        assertEquals(json("\"old-web\""), sub("\"{{ request.object.metadata.name }}\""));
    }

    @Test
    void referencesResolveWithinTheDocument() {
        JsonNode doc = Substitution.substituteReferences(json("""
                {"validate": {"pattern": {"spec": {"containers": [{"name": "app", "image": "$(./../name):*",
                  "resources": {"limits": {"memory": "2Gi"}, "requests": {"memory": "$(<=./../../limits/memory)"}}}]}},
                  "message": "escaped \\\\$(not/a/ref)", "abs": "$(/validate/pattern/spec/containers/0/name)"}}
                """));
        assertEquals("app:*", doc.at("/validate/pattern/spec/containers/0/image").textValue());
        assertEquals("<=2Gi", doc.at("/validate/pattern/spec/containers/0/resources/requests/memory").textValue());
        assertEquals("escaped $(not/a/ref)", doc.at("/validate/message").textValue());
        assertEquals("app", doc.at("/validate/abs").textValue());
        SubstitutionException e = assertThrows(SubstitutionException.class,
                () -> Substitution.substituteReferences(json("{\"a\": \"$(./missing)\"}")));
        assertTrue(e.getMessage().contains("got nil resolved variable"), e.getMessage());
    }

    @Test
    void findsVariablesAsKyvernoDoes() {
        assertEquals(List.of("a.b", "c"), Substitution.variables("x {{ a.b }} y {{-c}}"));
        assertEquals(List.of("b"), Substitution.variables("{{ a.{{ b }} }}"));
        assertTrue(Substitution.hasVariables("{{a}}"));
        assertFalse(Substitution.hasVariables("\\{{a}}"));
        assertFalse(Substitution.hasVariables("{{a"));
    }

    @Test
    void theInputDocumentIsNotModified() {
        JsonNode doc = json("{\"m\": \"{{ request.object.metadata.name }}\"}");
        JsonNode copy = doc.deepCopy();
        Substitution.substituteAll(doc, ctx);
        assertEquals(copy, doc);
        JsonNode mixed = json("{\"plain\": {\"a\": [1, \"x\"]}, \"m\": \"{{ request.object.metadata.name }}\"}");
        JsonNode out = Substitution.substituteAll(mixed, ctx);
        org.junit.jupiter.api.Assertions.assertSame(mixed.get("plain"), out.get("plain"), "unchanged subtrees are shared");
        assertEquals("web", out.get("m").textValue());
        JsonNode none = json("{\"a\": [\"no variables\"]}");
        org.junit.jupiter.api.Assertions.assertSame(none, Substitution.substituteAll(none, ctx));
    }
}
