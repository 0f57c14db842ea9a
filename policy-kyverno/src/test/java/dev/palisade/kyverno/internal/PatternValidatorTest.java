package dev.palisade.kyverno.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Kyverno's validate patterns with anchors: outcomes, skip semantics and failure paths. */
class PatternValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static PatternValidator.Outcome match(String resource, String pattern) throws Exception {
        return PatternValidator.match(json(resource), JsonValues.numbersAsFloats(json(pattern)));
    }

    @Test
    void plainPatternFailsAtTheOffendingPath() throws Exception {
        PatternValidator.Outcome o = match("{'spec':{'containers':[{'name':'a','image':'nginx:latest'}]}}",
                "{'spec':{'containers':[{'image':'!*:latest'}]}}");
        PatternValidator.Failure f = assertInstanceOf(PatternValidator.Failure.class, o);
        assertEquals("/spec/containers/0/image/", f.path());
        assertEquals("/spec/containers/0/image", f.pointer());
        assertTrue(f.message().contains("resource value 'nginx:latest' does not match '!*:latest'"), f.message());
    }

    @Test
    void missingFieldFailsAgainstWildcard() throws Exception {
        assertInstanceOf(PatternValidator.Failure.class, match("{'metadata':{}}",
                "{'metadata':{'labels':{'app':'?*'}}}"));
        assertInstanceOf(PatternValidator.Pass.class, match("{'metadata':{'labels':{'app':'x'}}}",
                "{'metadata':{'labels':{'app':'?*'}}}"));
    }

    @Test
    void conditionalAnchorSkipsElementsThatDoNotMatch() throws Exception {
        String pattern = "{'spec':{'containers':[{'(name)':'nginx*','image':'*:1.*'}]}}";
        assertInstanceOf(PatternValidator.Pass.class,
                match("{'spec':{'containers':[{'name':'nginx','image':'nginx:1.2'},{'name':'x','image':'x:2'}]}}",
                        pattern));
        assertInstanceOf(PatternValidator.Failure.class,
                match("{'spec':{'containers':[{'name':'nginx','image':'nginx:2'}]}}", pattern));
        // no element satisfies the condition: the pattern does not apply
        assertInstanceOf(PatternValidator.Skip.class,
                match("{'spec':{'containers':[{'name':'x','image':'x:2'}]}}", pattern));
    }

    @Test
    void globalAnchorSkipsTheWholeRule() throws Exception {
        String pattern = "{'spec':{'<(hostNetwork)':true,'containers':[{'name':'side*'}]}}";
        assertInstanceOf(PatternValidator.Skip.class,
                match("{'spec':{'hostNetwork':false,'containers':[{'name':'app'}]}}", pattern));
        assertInstanceOf(PatternValidator.Failure.class,
                match("{'spec':{'hostNetwork':true,'containers':[{'name':'app'}]}}", pattern));
    }

    @Test
    void equalityAnchorChecksOnlyPresentKeys() throws Exception {
        String pattern = "{'spec':{'=(hostPID)':false}}";
        assertInstanceOf(PatternValidator.Pass.class, match("{'spec':{}}", pattern));
        assertInstanceOf(PatternValidator.Pass.class, match("{'spec':{'hostPID':false}}", pattern));
        assertInstanceOf(PatternValidator.Failure.class, match("{'spec':{'hostPID':true}}", pattern));
    }

    @Test
    void negationAnchorForbidsAKey() throws Exception {
        String pattern = "{'spec':{'X(hostPath)':'null'}}";
        assertInstanceOf(PatternValidator.Pass.class, match("{'spec':{}}", pattern));
        PatternValidator.Failure f = assertInstanceOf(PatternValidator.Failure.class,
                match("{'spec':{'hostPath':{}}}", pattern));
        assertTrue(f.message().startsWith("negation anchor matched in resource"), f.message());
    }

    @Test
    void existenceAnchorNeedsOneMatchingElement() throws Exception {
        String pattern = "{'spec':{'^(containers)':[{'image':'nginx*'}]}}";
        assertInstanceOf(PatternValidator.Pass.class,
                match("{'spec':{'containers':[{'image':'busybox'},{'image':'nginx:1'}]}}", pattern));
        assertInstanceOf(PatternValidator.Failure.class,
                match("{'spec':{'containers':[{'image':'busybox'}]}}", pattern));
    }

    @Test
    void scalarListsMatchElementByElement() throws Exception {
        assertInstanceOf(PatternValidator.Pass.class, match("{'a':['x1','x2']}", "{'a':['x*']}"));
        assertInstanceOf(PatternValidator.Failure.class, match("{'a':['x1','y2']}", "{'a':['x*']}"));
    }

    @Test
    void wildcardLabelKeysExpandToTheResourceKey() throws Exception {
        String pattern = "{'metadata':{'labels':{'app.kubernetes.io/*':'?*'}}}";
        assertInstanceOf(PatternValidator.Pass.class,
                match("{'metadata':{'labels':{'app.kubernetes.io/name':'web'}}}", pattern));
        assertInstanceOf(PatternValidator.Failure.class, match("{'metadata':{'labels':{'team':'a'}}}", pattern));
    }
}
