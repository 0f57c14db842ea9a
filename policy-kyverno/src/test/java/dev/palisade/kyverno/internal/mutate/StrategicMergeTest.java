package dev.palisade.kyverno.internal.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Strategic merge with Kyverno's anchors and the core types' merge keys. */
class StrategicMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static String apply(String resource, String patch) throws Exception {
        return StrategicMerge.apply(json(resource), json(patch)).toString();
    }

    private static final String POD = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},"
            + "'spec':{'containers':[{'name':'app','image':'app:1','env':[{'name':'A','value':'1'}]}]}}";

    @Test
    void containersMergeByNameAndNewOnesComeFirst() throws Exception {
        String out = apply(POD, "{'spec':{'containers':[{'name':'side','image':'side:1'},"
                + "{'name':'app','env':[{'name':'B','value':'2'}]}]}}");
        assertEquals(json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'containers':["
                + "{'name':'side','image':'side:1'},"
                + "{'name':'app','image':'app:1','env':[{'name':'B','value':'2'},{'name':'A','value':'1'}]}]}}")
                .toString(), out);
    }

    @Test
    void listsOfUnknownKindsAreReplaced() throws Exception {
        String out = apply("{'apiVersion':'example.com/v1','kind':'Thing','spec':{'items':[{'name':'a'}]}}",
                "{'spec':{'items':[{'name':'b'}]}}");
        assertEquals(json("{'apiVersion':'example.com/v1','kind':'Thing','spec':{'items':[{'name':'b'}]}}")
                .toString(), out);
    }

    @Test
    void nullDeletesAndDirectivesApply() throws Exception {
        assertEquals(json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'}}").toString(),
                apply(POD, "{'spec':null}"));
        String replaced = apply(POD, "{'metadata':{'$patch':'replace','name':'q'}}");
        assertEquals("q", json(replaced).path("metadata").path("name").asText());
    }

    @Test
    void addIfNotPresentAddsOnlyMissingKeys() throws Exception {
        String patch = "{'metadata':{'labels':{'+(team)':'platform'}}}";
        assertEquals("platform", json(apply(POD, patch)).path("metadata").path("labels").path("team").asText());
        String labelled = POD.replace("'metadata':{'name':'p'}", "'metadata':{'name':'p','labels':{'team':'x'}}");
        assertEquals("x", json(apply(labelled, patch)).path("metadata").path("labels").path("team").asText());
    }

    @Test
    void conditionAnchorsGuardThePatch() throws Exception {
        String patch = "{'spec':{'containers':[{'(image)':'app:*','imagePullPolicy':'Always'}]}}";
        JsonNode out = json(apply(POD, patch));
        assertEquals("Always", out.path("spec").path("containers").get(0).path("imagePullPolicy").asText());
        String other = "{'spec':{'containers':[{'(image)':'other:*','imagePullPolicy':'Always'}]}}";
        assertEquals(json(POD).toString(), apply(POD, other));
    }

    @Test
    void globalAnchorFailureLeavesTheResourceAlone() throws Exception {
        String patch = "{'metadata':{'<(name)':'q'},'spec':{'hostNetwork':false}}";
        assertEquals(json(POD).toString(), apply(POD, patch));
    }

    @Test
    void malformedDirectivesAreErrors() {
        assertThrows(StrategicMerge.PatchException.class, () -> apply(POD, "{'metadata':{'$patch':'bogus'}}"));
    }
}
