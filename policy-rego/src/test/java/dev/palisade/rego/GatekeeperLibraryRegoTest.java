package dev.palisade.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Rego module of the Gatekeeper library's ConstraintTemplates compiles: each target's
 * {@code rego} with its {@code libs}, and each {@code code[]} entry with {@code engine: Rego}
 * ({@code source.rego} with {@code source.libs}), parsed as Rego v0 as Gatekeeper does for these
 * templates. Sources are positioned at their line in the template YAML.
 */
class GatekeeperLibraryRegoTest {
    private static final ManifestReader READER = ManifestReader.create();

    /** One group of modules that Gatekeeper compiles together. */
    record Group(String name, List<RegoSource> sources) {
    }

    static Path library() {
        String shared = System.getProperty("palisade.shared", "");
        Path base = shared.isEmpty() ? Path.of("..", "..", "shared") : Path.of(shared);
        Path lib = base.resolve(Path.of("conformance", "gatekeeper-library", "library"));
        if (!Files.isDirectory(lib)) {
            if (System.getenv("CI") != null) {
                fail("Gatekeeper library not found at " + lib.toAbsolutePath() + " (CI is set)");
            }
            assumeTrue(false, "Gatekeeper library not found at " + lib.toAbsolutePath() + "; skipping");
        }
        return lib;
    }

    static List<Group> groups(Path lib) {
        List<Path> templates;
        try (Stream<Path> s = Files.walk(lib)) {
            templates = s.filter(p -> p.getFileName().toString().equals("template.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Group> out = new ArrayList<>();
        for (Path t : templates) {
            for (YamlDocument doc : READER.readDocuments(t)) {
                JsonNode targets = doc.content().path("spec").path("targets");
                for (int i = 0; i < targets.size(); i++) {
                    JsonNode target = targets.get(i);
                    String ptr = "/spec/targets/" + i;
                    if (target.has("rego")) {
                        out.add(group(lib.relativize(t) + " targets[" + i + "]", t, doc, target, ptr));
                    }
                    JsonNode code = target.path("code");
                    for (int j = 0; j < code.size(); j++) {
                        if ("Rego".equals(code.get(j).path("engine").asText())) {
                            out.add(group(lib.relativize(t) + " targets[" + i + "].code[" + j + "]", t, doc,
                                    code.get(j).path("source"), ptr + "/code/" + j + "/source"));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Group group(String name, Path file, YamlDocument doc, JsonNode holder, String ptr) {
        List<RegoSource> sources = new ArrayList<>();
        RegoVersion version = "v1".equals(holder.path("version").asText()) ? RegoVersion.V1 : RegoVersion.V0;
        sources.add(source(file, doc, holder.path("rego").asText(), ptr + "/rego", version));
        JsonNode libs = holder.path("libs");
        for (int k = 0; k < libs.size(); k++) {
            sources.add(source(file, doc, libs.get(k).asText(), ptr + "/libs/" + k, version));
        }
        return new Group(name, sources);
    }

    /** The module positioned where its block scalar's content starts (the line after the indicator). */
    private static RegoSource source(Path file, YamlDocument doc, String text, String ptr, RegoVersion version) {
        SourceLocation at = doc.locate(ptr);
        int line = at.line() > 0 ? at.line() + 1 : 1;
        return new RegoSource(file.toString(), text, line, 0, version);
    }

    @TestFactory
    Stream<DynamicTest> everyLibraryModuleCompiles() {
        List<Group> groups = groups(library());
        return groups.stream().map(g -> DynamicTest.dynamicTest(g.name(), () -> {
            RegoProgram p;
            try {
                p = Rego.compiler().modules(g.sources()).compile();
            } catch (RegoCompileException e) {
                fail(g.name() + ": " + e.errors());
                return;
            }
            assertFalse(p.packages().isEmpty(), "no package compiled for " + g.name());
            assertTrue(p.rules().stream().anyMatch(r -> r.endsWith(".violation")),
                    g.name() + " defines no violation rule: " + p.rules());
        }));
    }

    @Test
    void everyTemplateContributesRego() {
        List<Group> groups = groups(library());
        // 49 templates with a targets[].rego each, and the 16 with CEL code also carry a code[] Rego entry
        List<String> names = groups.stream().map(Group::name).toList();
        // every one of the 49 templates has Rego: in targets[].rego, or (the 16 with CEL) in code[]
        assertEquals(49, names.stream().map(n -> n.substring(0, n.indexOf(' '))).distinct().count(), names::toString);
        assertEquals(16, names.stream().filter(n -> n.contains(".code[")).count(), names::toString);
    }
}
