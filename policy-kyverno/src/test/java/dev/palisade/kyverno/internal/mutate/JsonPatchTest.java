package dev.palisade.kyverno.internal.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** RFC 6902 with Kyverno's leniencies. */
class JsonPatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void addCreatesMissingParentsAndArraysForIndexes() throws Exception {
        JsonNode out = JsonPatch.apply(json("{'spec':{}}"),
                json("[{'op':'add','path':'/spec/a/b/-1/c/-','value':1}]"));
        assertEquals(json("{'spec':{'a':{'b':[{'c':[1]}]}}}"), out);
    }

    @Test
    void negativeIndexesCountFromTheEnd() throws Exception {
        JsonNode doc = json("{'l':[1,2,3]}");
        assertEquals(json("{'l':[1,2,3,4]}"), JsonPatch.apply(doc, json("[{'op':'add','path':'/l/-1','value':4}]")));
        assertEquals(json("{'l':[1,2]}"), JsonPatch.apply(doc, json("[{'op':'remove','path':'/l/-1'}]")));
    }

    @Test
    void removingAMissingPathIsNotAnError() throws Exception {
        JsonNode doc = json("{'a':1}");
        assertEquals(doc, JsonPatch.apply(doc, json("[{'op':'remove','path':'/b/c'}]")));
    }

    @Test
    void replaceMoveCopyAndTest() throws Exception {
        JsonNode doc = json("{'a':1,'b':{'c':2}}");
        assertEquals(json("{'a':5,'b':{'c':2}}"), JsonPatch.apply(doc, json("[{'op':'replace','path':'/a','value':5}]")));
        assertEquals(json("{'b':{'c':2,'d':1}}"), JsonPatch.apply(doc, json("[{'op':'move','from':'/a','path':'/b/d'}]")));
        assertEquals(json("{'a':1,'b':{'c':2},'e':{'c':2}}"),
                JsonPatch.apply(doc, json("[{'op':'copy','from':'/b','path':'/e'}]")));
        assertThrows(StrategicMerge.PatchException.class,
                () -> JsonPatch.apply(doc, json("[{'op':'test','path':'/a','value':2}]")));
        assertThrows(StrategicMerge.PatchException.class,
                () -> JsonPatch.apply(doc, json("[{'op':'replace','path':'/zz','value':2}]")));
    }

    @Test
    void theDocumentIsNotModified() throws Exception {
        JsonNode doc = json("{'a':[1]}");
        JsonPatch.apply(doc, json("[{'op':'add','path':'/a/0','value':0}]"));
        assertEquals(json("{'a':[1]}"), doc);
    }
}
