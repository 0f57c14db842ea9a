package dev.palisade.core.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.ReaderLimits;
import dev.palisade.core.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the fast path reads itself and what it leaves to SnakeYAML, case by case; each case read by
 * the fast path is also compared with SnakeYAML ({@link FastPathOracle}).
 */
class FastYamlParserTest {

    private static void handled(String text) {
        assertEquals(FastPathOracle.Outcome.HANDLED, FastPathOracle.compare(text, ReaderLimits.DEFAULTS), text);
    }

    private static void declined(String text) {
        assertNull(FastYamlParser.parse(text, ReaderLimits.DEFAULTS), "expected the fast path to decline:\n" + text);
    }

    @Test
    void readsTheYamlManifestsUse() {
        handled("""
                # leading comment
                ---
                apiVersion: apps/v1   # trailing comment
                kind: Deployment
                metadata:
                  name: web
                  labels: {app: web, tier: "front"}
                  annotations:
                    note: 'it''s # not a comment'
                    url: http://example.com:80/a#b
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.25
                        args: ["--port", 8080, '--x']
                        command:
                          - sh
                          - -c
                          - |
                            echo one
                              two

                            three
                        env:
                        -
                          name: A
                          value: "\\u00e9\\x41\\t\\"q\\"\\\\"
                        - {name: B, value: ~}
                      - name: side
                        securityContext:
                          privileged: yes
                          runAsUser: 0755
                  folded: >-
                    one
                    two

                    three
                  kept: |+
                    text

                  empty:
                  nulls: [~, null, Null, '']
                  numbers: [0x1F, 1e3, .inf, -.Inf, .nan, 1_000, 0b11, 18446744073709551615, 1.5]
                  dates: [2001-12-14, 12:30]
                ...
                # after the end
                """);
        handled("- a\n- - b\n  - c\n- k: v\n  k2: [1, {x: y}]\n-\n- # comment\n  d\n");
        handled("items:\n- a\n- {b: 1}\n-\n- [x]\n");
        handled("{items: [1, [2]], kind: List}\n");
        handled("plain scalar\n");
        handled("a: multi\n  line plain\n\n   with a blank line   \n  # comment\nb: c\n- not: key\n".replace("- not: key\n", ""));
        handled("- a\n  b - c\n  d:e\n- x\n");
        handled("a: \"multi  \n  line\\\n    escaped \\\n\n  \\ blank\n\n\n  end\"\nb: 'it''s\n\n  folded  \n too'\n");
        handled("description: Part of the platform. Changes go\n  through the repository; see the runbook at\n  https://runbooks.example.com/x before editing.\n");
        handled("# only a comment\n");
        handled("---\n# empty\n");
        handled("'quoted key': 1\n\"k\" : 2\nyes: 3\n1: 4\n~: 5\n");
    }

    @Test
    void leavesEverythingElseToSnakeYaml() {
        for (String text : List.of(
                "a: &x 1\nb: *x\n",                       // anchors and aliases
                "base: &b {x: 1}\nm:\n  <<: *b\n",        // merge keys
                "a: !!str 1\n",                           // tags
                "? complex\n: key\n",                     // complex keys
                "%YAML 1.1\n---\na: 1\n",                 // directives
                "a:\n\tb: 1\n",                           // tabs
                "a: 1\r\nb: 2\r\n",                       // carriage returns
                "\"multi\n  line key\": 1\n",              // quoted keys over several lines
                "a: [1,\n  2]\n",                         // multi-line flow collections
                "a: |2\n    x\n",                         // explicit indentation indicators
                "a: 1\na: 2\n",                           // duplicate keys (SnakeYAML's error)
                "a: b: c\n",                              // malformed
                "a: \"\\q\"\n",                           // unknown escape
                "a: \"\\U0001F600\"\n",                   // a character outside the BMP, escaped: still read
                "a: \uD83D\uDE00\n",                      // a character outside the BMP
                "a: x\u0085y\n",                          // NEL
                "...\n")) {                               // a document end without a document
            if (text.contains("\\U0001F600")) {
                handled(text);
            } else {
                declined(text);
            }
        }
    }

    @Test
    void depthAtTheLimitIsLeftToSnakeYaml() {
        ReaderLimits limits = ReaderLimits.DEFAULTS.withMaxDepth(2);
        assertEquals(FastPathOracle.Outcome.HANDLED, FastPathOracle.compare("a:\n  b: 1\n", limits));
        assertNull(FastYamlParser.parse("a:\n  b:\n    c: 1\n", limits));
        assertNull(FastYamlParser.parse("a: {b: [1]}\n", limits));
    }

    @Test
    void theSwitchTurnsTheFastPathOff() {
        assertTrue(ManifestReader.create().withFastPath(true).fastPath());
        assertFalse(ManifestReader.create().withFastPath(false).fastPath());
        assertFalse(ManifestReader.create().withFastPath(false).withStrict(true).fastPath(), "kept by with...");
        String text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n---\napiVersion: v1\nkind: Pod\nmetadata:\n"
                + "  name: q\n  name: again\n";
        Manifests fast = ManifestReader.create().withFastPath(true).readString("pods.yaml", text);
        Manifests slow = ManifestReader.create().withFastPath(false).readString("pods.yaml", text);
        assertEquals(1, fast.resources().size());
        assertEquals(1, fast.errors().size(), "the duplicate key is SnakeYAML's error, as without the fast path");
        assertEquals(slow.errors().get(0).location(), fast.errors().get(0).location());
        assertEquals(slow.errors().get(0).message(), fast.errors().get(0).message());
        Resource pod = fast.resources().get(0);
        assertEquals(4, pod.locate("/metadata/name").line());
        assertEquals(3, pod.locate("/metadata/name").column());
        assertEquals(null, FastYamlCorpusTest.readerDifference("pods.yaml", text));
    }
}
