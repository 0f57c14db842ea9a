package dev.palisade.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The public API as the Gatekeeper integration uses it. */
class RegoApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ALLOWED_REPOS = """
            package k8sallowedrepos

            violation[{"msg": msg}] {
              container := input.review.object.spec.containers[_]
              not strings.any_prefix_match(container.image, input.parameters.repos)
              msg := sprintf("container <%v> has an invalid image repo <%v>, allowed repos are %v", [container.name, container.image, input.parameters.repos])
            }
            """;

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static RegoProgram compile(String... modules) {
        RegoCompiler c = Rego.compiler();
        for (int i = 0; i < modules.length; i++) {
            c.module(RegoSource.of("m" + i + ".rego", modules[i], RegoVersion.V0));
        }
        return c.compile();
    }

    private static JsonNode pod(String... images) {
        StringBuilder sb = new StringBuilder("{\"review\":{\"object\":{\"spec\":{\"containers\":[");
        for (int i = 0; i < images.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i).append("\",\"image\":\"").append(images[i]).append("\"}");
        }
        sb.append("]}}},\"parameters\":{\"repos\":[\"openpolicyagent/\"]}}");
        return json(sb.toString());
    }

    @Test
    void aPartialSetRuleIsReturnedAsASortedArray() {
        RegoProgram p = compile(ALLOWED_REPOS);
        PreparedQuery q = p.prepareRule("data.k8sallowedrepos.violation");
        JsonNode v = q.value(EvaluationOptions.builder().input(pod("nginx", "openpolicyagent/opa", "busybox")).build()).orElseThrow();
        assertEquals(2, v.size());
        assertEquals("container <c0> has an invalid image repo <nginx>, allowed repos are [\"openpolicyagent/\"]",
                v.get(0).get("msg").asText());
        assertTrue(v.get(1).get("msg").asText().startsWith("container <c2>"));
        JsonNode none = q.value(EvaluationOptions.builder().input(pod("openpolicyagent/opa")).build()).orElseThrow();
        assertEquals(0, none.size(), "an empty partial set is an empty array, not undefined");
        assertEquals(List.of("data.k8sallowedrepos"), p.packages());
        assertTrue(p.hasRule("data.k8sallowedrepos.violation"));
    }

    @Test
    void queriesReturnBindingsPerSolution() {
        RegoProgram p = compile("package x\nnums := [3, 1, 2]\n");
        QueryResult r = p.query("some i; n := data.x.nums[i]; n > 1", EvaluationOptions.defaults());
        assertEquals(2, r.size());
        List<Map<String, JsonNode>> b = r.bindings();
        assertEquals(IntNode.valueOf(0), b.get(0).get("i"));
        assertEquals(IntNode.valueOf(3), b.get(0).get("n"));
        assertEquals(List.of(IntNode.valueOf(3), IntNode.valueOf(2)), r.values("n"));
        assertTrue(p.query("data.x.nums[_] > 5", EvaluationOptions.defaults()).isEmpty());
    }

    @Test
    void undefinedIsEmptyAndFalseIsAValue() {
        RegoProgram p = compile("package x\nallow { input.ok }\ndeny = false { true }\n");
        assertEquals(Optional.empty(), p.evaluate("data.x.allow", EvaluationOptions.defaults()));
        assertEquals(Optional.of(json("false")), p.evaluate("data.x.deny", EvaluationOptions.defaults()));
    }

    @Test
    void compileErrorsPointIntoTheEnclosingFile() {
        String rego = "package p\n\nviolation[{\"msg\": msg}] {\n  x := input.a\n  msg := y\n}\n";
        RegoCompileException e = assertThrows(RegoCompileException.class, () -> Rego.compiler()
                .module(new RegoSource("template.yaml", rego, 30, 8, RegoVersion.V0)).compile());
        RegoError err = e.errors().stream().filter(x -> x.message().equals("var y is unsafe")).findFirst().orElseThrow();
        assertEquals("template.yaml", err.file());
        assertEquals("rego_unsafe_var_error", err.code());
        assertEquals(34, err.line(), err.toString()); // line 5 of the module, which starts at line 30
        assertEquals(11, err.column(), err.toString()); // the expression at column 3, plus the indentation of 8
        assertTrue(e.describe().startsWith("template.yaml:34:11"), e.describe());

        RegoCompileException parse = assertThrows(RegoCompileException.class, () -> Rego.compiler()
                .module(new RegoSource("template.yaml", "package p\n\nq := [1,\n", 12, 6, RegoVersion.V1)).compile());
        assertEquals("rego_parse_error", parse.errors().get(0).code());
        assertTrue(parse.errors().get(0).line() >= 14, parse.errors().toString());
    }

    @Test
    void unsupportedBuiltinsAreCompileErrors() {
        RegoCompileException e = assertThrows(RegoCompileException.class,
                () -> compile("package p\nr := http.send({\"method\": \"GET\", \"url\": \"http://x\"})\n"));
        assertTrue(e.getMessage().contains("builtin http.send is not supported by Palisade"), e.getMessage());
        assertThrows(RegoCompileException.class, () -> compile("package p\nr := crypto.sha256(\"x\")\n"));
    }

    @Test
    void versionSelectsTheSyntax() {
        String v1 = "package p\nallow if { \"a\" in input.xs }\n";
        assertThrows(RegoCompileException.class, () -> Rego.compiler().module(RegoSource.of("a.rego", v1, RegoVersion.V0)).compile());
        RegoProgram p = Rego.compiler().module(RegoSource.of("a.rego", v1)).compile();
        assertEquals(Optional.of(json("true")), p.evaluate("data.p.allow",
                EvaluationOptions.builder().input(json("{\"xs\":[\"a\"]}")).build()));
        // v0 with future keywords
        RegoProgram f = Rego.compiler().module(RegoSource.of("b.rego",
                "package p\nimport future.keywords.in\nimport future.keywords.if\nallow if { \"a\" in input.xs }\n", RegoVersion.V0)).compile();
        assertEquals(Optional.of(json("true")), f.evaluate("data.p.allow",
                EvaluationOptions.builder().input(json("{\"xs\":[\"a\"]}")).build()));
    }

    @Test
    void theCostBudgetStopsRunawayEvaluation() {
        RegoProgram p = compile("package p\nn := count([x | some a, b, c; numbers.range(1, 300)[a]; numbers.range(1, 300)[b]; numbers.range(1, 300)[c]; x := a])\n");
        EvaluationOptions small = EvaluationOptions.builder().budget(new CostBudget(100_000, 1_000_000, 100)).build();
        CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class, () -> p.evaluate("data.p.n", small));
        assertEquals("eval_cost_exceeded", e.code());

        RegoProgram big = compile("package p\ns := concat(\"\", [x | numbers.range(1, 100000)[_]; x := \"abcdefghij\"])\n");
        assertThrows(CostBudgetExceededException.class, () -> big.evaluate("data.p.s",
                EvaluationOptions.builder().budget(new CostBudget(10_000_000, 50_000, 100)).build()));

        // values sharing sub-values: serialising or comparing them must not take exponential time or memory
        StringBuilder dag = new StringBuilder("package p\na0 := [\"x\"]\nb0 := [\"x\"]\n");
        for (int i = 1; i <= 50; i++) {
            dag.append("a").append(i).append(" := [a").append(i - 1).append(", a").append(i - 1).append("]\n");
            dag.append("b").append(i).append(" := [b").append(i - 1).append(", b").append(i - 1).append("]\n");
        }
        dag.append("text := json.marshal(a50)\nsame := a50 == b50\nshown := sprintf(\"%v\", [a50])\n");
        RegoProgram dagProgram = compile(dag.toString());
        for (String rule : List.of("text", "same", "shown", "a50")) {
            assertThrows(CostBudgetExceededException.class, () -> dagProgram.evaluate("data.p." + rule, EvaluationOptions.defaults()), rule);
        }
        assertEquals(json("[[[\"x\"],[\"x\"]],[[\"x\"],[\"x\"]]]"), dagProgram.evaluate("data.p.a2", EvaluationOptions.defaults()).orElseThrow());
        assertEquals(Optional.of(json("true")), dagProgram.evaluate("data.p.a10 == data.p.b10", EvaluationOptions.defaults()));

        StringBuilder chain = new StringBuilder("package p\nr0 := 0\n");
        for (int i = 1; i <= 300; i++) {
            chain.append("r").append(i).append(" := r").append(i - 1).append(" + 1\n");
        }
        RegoProgram deep = compile(chain.toString());
        assertEquals(Optional.of(IntNode.valueOf(300)), deep.evaluate("data.p.r300", EvaluationOptions.defaults()));
        assertThrows(CostBudgetExceededException.class, () -> deep.evaluate("data.p.r300",
                EvaluationOptions.builder().budget(new CostBudget(10_000_000, 10_000_000, 200)).build()));
    }

    @Test
    void printLinesGoToTheSink() {
        RegoProgram p = Rego.compiler().module(RegoSource.of("a.rego", "package p\nr if { print(\"hello\", input.x, {1}); trace(\"note\") }\n")).compile();
        List<String> lines = new ArrayList<>();
        p.evaluate("data.p.r", EvaluationOptions.builder().input(json("{\"x\":[1,\"a\"]}")).printSink(lines::add).build());
        assertEquals(List.of("hello [1, \"a\"] {1}", "note"), lines);
    }

    @Test
    void hostFunctionsAreCalledWithJson() {
        AtomicInteger calls = new AtomicInteger();
        RegoProgram p = Rego.compiler()
                .module(RegoSource.of("a.rego", """
                        package p
                        r := external_data({"provider": "x", "keys": input.keys})
                        bad := external_data({"provider": "fail", "keys": []})
                        """))
                .function(RegoFunction.of("external_data", 1, args -> {
                    calls.incrementAndGet();
                    JsonNode req = args.get(0);
                    if (req.get("provider").asText().equals("fail")) {
                        throw new RegoFunctionException("provider unavailable");
                    }
                    return Optional.of(json("{\"responses\": [[\"" + req.get("keys").get(0).asText() + "\", \"ok\"]]}"));
                }))
                .compile();
        JsonNode r = p.evaluate("data.p.r", EvaluationOptions.builder().input(json("{\"keys\":[\"img\"]}")).build()).orElseThrow();
        assertEquals("ok", r.get("responses").get(0).get(1).asText());
        assertEquals(Optional.empty(), p.evaluate("data.p.bad", EvaluationOptions.defaults()));
        RegoEvaluationException e = assertThrows(RegoEvaluationException.class, () -> p.evaluate("data.p.bad",
                EvaluationOptions.builder().strictBuiltinErrors(true).build()));
        assertTrue(e.getMessage().contains("provider unavailable"), e.getMessage());
        assertEquals(3, calls.get());
        assertThrows(IllegalArgumentException.class, () -> Rego.compiler().function(RegoFunction.of("count", 1, a -> Optional.empty())));
    }

    @Test
    void builtinErrorsAreUndefinedUnlessStrict() {
        RegoProgram p = compile("package p\nr := to_number(input.x)\n");
        EvaluationOptions lax = EvaluationOptions.builder().input(json("{\"x\":\"abc\"}")).build();
        PreparedQuery q = p.prepare("x := data.p.r");
        QueryResult res = q.evaluate(lax);
        assertTrue(res.isEmpty());
        assertEquals(1, res.suppressedErrors().size(), res.suppressedErrors().toString());
        RegoEvaluationException e = assertThrows(RegoEvaluationException.class,
                () -> q.evaluate(lax.toBuilder().strictBuiltinErrors(true).build()));
        assertEquals("eval_builtin_error", e.code());
        assertEquals("m0.rego", e.errors().get(0).file());
        assertEquals(2, e.errors().get(0).line());
    }

    @Test
    void conflictsAreEvaluationErrors() {
        RegoProgram p = compile("package p\nr = 1 { input.a }\nr = 2 { input.b }\n");
        assertEquals(Optional.of(IntNode.valueOf(1)), p.evaluate("data.p.r", EvaluationOptions.builder().input(json("{\"a\":true}")).build()));
        RegoEvaluationException e = assertThrows(RegoEvaluationException.class, () -> p.evaluate("data.p.r",
                EvaluationOptions.builder().input(json("{\"a\":true,\"b\":true}")).build()));
        assertEquals("eval_conflict_error", e.code());
    }

    @Test
    void lazyDataIsReadOnlyWhenUsedAndOncePerEvaluation() {
        RegoProgram p = compile("""
                package p
                import data.inventory
                names[n] { inventory.namespace[_][_].Pod[n] }
                both { count(names) > 0; count(names) < 10 }
                other := 1
                """);
        AtomicInteger reads = new AtomicInteger();
        EvaluationOptions o = EvaluationOptions.builder()
                .data(json("{\"static\": 1}"))
                .lazyData("inventory", () -> {
                    reads.incrementAndGet();
                    return json("{\"namespace\":{\"ns\":{\"v1\":{\"Pod\":{\"a\":{},\"b\":{}}}}}}");
                })
                .build();
        assertEquals(Optional.of(IntNode.valueOf(1)), p.evaluate("data.p.other", o));
        assertEquals(0, reads.get());
        assertEquals(Optional.of(json("[\"a\",\"b\"]")), p.evaluate("data.p.names", o));
        assertEquals(1, reads.get());
        assertEquals(Optional.of(json("true")), p.evaluate("data.p.both", o));
        assertEquals(2, reads.get());
        assertEquals(Optional.of(IntNode.valueOf(1)), p.evaluate("data.static", o));
        EvaluationOptions failing = EvaluationOptions.builder().lazyData("inventory", () -> {
            throw new IllegalStateException("cache not synced");
        }).build();
        RegoEvaluationException e = assertThrows(RegoEvaluationException.class, () -> p.evaluate("data.p.names", failing));
        assertEquals("eval_internal_error", e.code());
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
    }

    @Test
    void withReplacesInputDataAndFunctions() {
        RegoProgram p = compile("""
                package p
                allowed[x] { x := data.repos[_] }
                ok { startswith(input.image, allowed[_]) }
                mocked { ok with data.repos as ["nginx"] with input.image as "nginx:1" }
                prefixed { ok with startswith as true with input.image as "x" }
                """);
        EvaluationOptions o = EvaluationOptions.builder().data(json("{\"repos\":[\"opa\"]}")).build();
        assertEquals(Optional.of(json("true")), p.evaluate("data.p.mocked", o));
        assertEquals(Optional.of(json("true")), p.evaluate("data.p.prefixed", o));
        assertEquals(Optional.empty(), p.evaluate("data.p.ok", o.toBuilder().input(json("{\"image\":\"nginx\"}")).build()));
    }

    @Test
    void theClockAndTheRandomSeedAreOptions() {
        RegoProgram p = Rego.compiler().module(RegoSource.of("a.rego", "package p\nnow := time.now_ns()\nr := rand.intn(\"k\", 1000)\n")).compile();
        Clock fixed = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
        assertEquals(Optional.of(json("1714557600000000000")), p.evaluate("data.p.now", EvaluationOptions.builder().clock(fixed).build()));
        assertEquals(Optional.empty(), p.evaluate("data.p.r", EvaluationOptions.defaults()), "no randomness without a seed");
        Optional<JsonNode> a = p.evaluate("data.p.r", EvaluationOptions.builder().randomSeed(7).build());
        assertTrue(a.isPresent());
        assertEquals(a, p.evaluate("data.p.r", EvaluationOptions.builder().randomSeed(7).build()));
    }

    @Test
    void inputMayBeGivenAsRegoWithSets() {
        RegoProgram p = compile("package p\nr { input.s[\"a\"] }\n");
        assertEquals(Optional.of(json("true")), p.evaluate("data.p.r", EvaluationOptions.builder().inputRego("{\"s\": {\"a\", \"b\"}}").build()));
    }

    @Test
    void oneProgramServesConcurrentEvaluations() throws Exception {
        RegoProgram p = compile(ALLOWED_REPOS);
        PreparedQuery q = p.prepareRule("data.k8sallowedrepos.violation");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String[] images = new String[n % 4 + 1];
                        for (int j = 0; j < images.length; j++) {
                            images[j] = "bad" + j;
                        }
                        JsonNode v = q.value(EvaluationOptions.builder().input(pod(images)).build()).orElseThrow();
                        if (v.size() != images.length) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void importedLibraryFunctionsAreCalledByTheirShortName() {
        RegoProgram p = Rego.compiler()
                .module(new RegoSource("t.yaml", """
                        package k8spsphostprocess
                        import data.lib.exclude_update.is_update
                        violation[{"msg": "no", "details": {}}] { not is_update(input.review) }
                        """, 10, 8, RegoVersion.V0))
                .module(new RegoSource("t.yaml", """
                        package lib.exclude_update
                        is_update(review) { review.operation == "UPDATE" }
                        """, 20, 10, RegoVersion.V0))
                .compile();
        assertEquals(json("[{\"msg\":\"no\",\"details\":{}}]"), p.evaluate("data.k8spsphostprocess.violation",
                EvaluationOptions.builder().input(json("{\"review\":{\"operation\":\"CREATE\"}}")).build()).orElseThrow());
        assertEquals(json("[]"), p.evaluate("data.k8spsphostprocess.violation",
                EvaluationOptions.builder().input(json("{\"review\":{\"operation\":\"UPDATE\"}}")).build()).orElseThrow());
        assertFalse(p.rules().isEmpty());
        assertEquals(TextNode.valueOf("no"), p.evaluate("data.k8spsphostprocess.violation[_].msg",
                EvaluationOptions.builder().input(json("{\"review\":{}}")).build()).orElseThrow());
    }

    @Test
    void metadataAnnotationsAreAvailableToRules() {
        RegoProgram p = Rego.compiler()
                .module(RegoSource.of("a.rego", """
                        # METADATA
                        # scope: subpackages
                        # organizations: [acme]
                        package acme
                        """))
                .module(RegoSource.of("b.rego", """
                        # METADATA
                        # title: Images
                        package acme.images

                        # METADATA
                        # title: Registry check
                        # authors:
                        # - Jane Doe <jane@example.com>
                        # custom:
                        #   severity: high
                        deny contains msg if {
                            msg := rego.metadata.rule().custom.severity
                        }

                        chain := [e.path | some e in rego.metadata.chain()]
                        """))
                .compile();
        assertEquals(json("[\"high\"]"), p.evaluate("data.acme.images.deny", EvaluationOptions.defaults()).orElseThrow());
        assertEquals(json("[[\"acme\",\"images\",\"chain\"],[\"acme\",\"images\"],[\"acme\"]]"),
                p.evaluate("data.acme.images.chain", EvaluationOptions.defaults()).orElseThrow());
        RegoCompileException e = assertThrows(RegoCompileException.class, () -> Rego.compiler().module(RegoSource.of("c.rego",
                "package x\n\n# METADATA\n# scope: package\nr := 1\n")).compile());
        assertEquals("c.rego", e.errors().get(0).file());
        assertEquals(3, e.errors().get(0).line());
        assertTrue(e.getMessage().contains("invalid annotation scope 'package'"), e.getMessage());
    }
}
