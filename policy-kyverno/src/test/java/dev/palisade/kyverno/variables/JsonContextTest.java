package dev.palisade.kyverno.variables;

import static dev.palisade.kyverno.variables.SubstitutionTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.kyverno.jmespath.JmesPath;
import dev.palisade.kyverno.jmespath.JmesPathNotFoundException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonContextTest {
    private final JsonContext ctx = JsonContext.create(JmesPath.kyverno());

    @Test
    void specialVariables() {
        ctx.addResource(json("{\"kind\": \"Deployment\", \"spec\": {\"template\": {\"spec\": {\"containers\": "
                + "[{\"name\": \"app\", \"image\": \"nginx\"}], \"initContainers\": [{\"name\": \"init\", "
                + "\"image\": \"registry.example:5000/tools/init:v1\"}]}}}}"));
        ctx.addOperation("UPDATE");
        ctx.addNamespace("prod");
        ctx.addUserInfo(json("{\"roles\": [\"ns:r\"], \"clusterRoles\": [], \"userInfo\": {\"username\": \"alice\"}}"));
        ctx.addServiceAccount("alice");
        assertEquals("UPDATE", ctx.operation());
        assertEquals("prod", ctx.query("request.namespace").textValue());
        assertEquals("alice", ctx.query("request.userInfo.username").textValue());
        assertEquals("", ctx.query("serviceAccountName").textValue());
        assertEquals(json("[\"ns:r\"]"), ctx.query("request.roles"));
        ctx.addImageInfos(ctx.query("request.object"));
        assertEquals(json("""
                {"registry": "docker.io", "name": "nginx", "path": "nginx", "tag": "latest",
                 "reference": "docker.io/nginx:latest", "referenceWithTag": "docker.io/nginx:latest",
                 "jsonPointer": "/spec/template/spec/containers/0/image"}"""), ctx.query("images.containers.app"));
        assertEquals("registry.example:5000", ctx.query("images.initContainers.init.registry").textValue());
        assertEquals("tools/init", ctx.query("images.initContainers.init.path").textValue());
        ctx.addImageInfo("nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertEquals("", ctx.query("image.tag").textValue());
        assertEquals("docker.io/nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                ctx.query("image.reference").textValue());
    }

    @Test
    void elementsReplaceAndCheckpointsRestore() {
        ctx.addVariable("a.b", json("1"));
        ctx.addVariable("a.c", json("2"));
        assertEquals(json("{\"b\": 1, \"c\": 2}"), ctx.query("a"));
        ctx.checkpoint();
        ctx.addElement(json("{\"name\": \"x\"}"), 0, 0);
        assertEquals("x", ctx.query("element.name").textValue());
        assertEquals(0, ctx.query("elementIndex").intValue());
        assertEquals("x", ctx.query("element0.name").textValue());
        ctx.addElement(json("{\"other\": 1}"), 1, 0);
        assertThrows(JmesPathNotFoundException.class, () -> ctx.query("element.name"));
        ctx.restore();
        assertThrows(JmesPathNotFoundException.class, () -> ctx.query("element"));
        assertEquals(2, ctx.query("a.c").intValue());
        ctx.addVariable("\"dotted.key\".x", json("true"));
        assertTrue(ctx.query("\"dotted.key\".x").booleanValue());
    }

    @Test
    void deferredEntriesLoadOnFirstUse() {
        AtomicInteger loads = new AtomicInteger();
        ctx.addDeferredLoader("cm", c -> {
            loads.incrementAndGet();
            c.replaceContextEntry("cm", json("{\"data\": {\"k\": \"v\"}}"));
        });
        ctx.addVariable("other", json("1"));
        assertEquals(1, ctx.query("other").intValue());
        assertEquals(0, loads.get());
        assertEquals("v", ctx.query("cm.data.k").textValue());
        assertEquals("v", ctx.query("cm.data.k").textValue());
        assertEquals(1, loads.get());
        ctx.addDeferredLoader("failing", c -> {
            throw new IllegalStateException("apiCall failed");
        });
        assertThrows(IllegalStateException.class, () -> ctx.query("failing.x"));
        assertEquals(1, ctx.query("other").intValue());
    }

    @Test
    void hasChangedComparesOldAndNew() {
        ctx.addResource(json("{\"spec\": {\"a\": 1, \"b\": 2}}"));
        ctx.addOldResource(json("{\"spec\": {\"a\": 1, \"b\": 3}}"));
        assertFalse(ctx.hasChanged("spec.a"));
        assertTrue(ctx.hasChanged("spec.b"));
    }

    @Test
    void checkpointsAreCopyOnWriteAndNeverChangeAddedNodes() {
        var resource = json("{\"metadata\": {\"name\": \"web\", \"labels\": {\"app\": \"a\"}}}");
        String before = resource.toString();
        JsonContext ctx = JsonContext.create(JmesPath.kyverno());
        ctx.addResource(resource);
        ctx.checkpoint();
        ctx.addVariable("request.object.metadata.labels.team", json("\"x\""));
        ctx.addContextEntry("cm", json("{\"data\": {\"k\": \"v\"}}"));
        assertEquals("x", ctx.query("request.object.metadata.labels.team").asText());
        assertEquals(before, resource.toString(), "the added resource is not modified");
        ctx.checkpoint();
        ctx.addContextEntry("cm", json("{\"data\": {\"k2\": \"v2\"}}"));
        assertEquals("v", ctx.query("cm.data.k").asText());
        assertEquals("v2", ctx.query("cm.data.k2").asText());
        ctx.reset();
        assertEquals("null", ctx.query("cm.data.k2 || `null`").toString());
        ctx.addContextEntry("cm", json("{\"data\": {\"k3\": \"v3\"}}"));
        ctx.restore();
        assertEquals("null", ctx.query("cm.data.k3 || `null`").toString());
        assertEquals("v", ctx.query("cm.data.k").asText());
        ctx.restore();
        assertThrows(JmesPathNotFoundException.class, () -> ctx.query("cm"));
        assertEquals("null", ctx.query("request.object.metadata.labels.team || `null`").toString());
        assertEquals("a", ctx.query("request.object.metadata.labels.app").asText());
        assertEquals(before, resource.toString());
    }
}
