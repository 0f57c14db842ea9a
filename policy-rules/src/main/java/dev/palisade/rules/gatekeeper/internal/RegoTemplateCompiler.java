package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import dev.palisade.rego.PreparedQuery;
import dev.palisade.rego.Rego;
import dev.palisade.rego.RegoCompileException;
import dev.palisade.rego.RegoCompiler;
import dev.palisade.rego.RegoError;
import dev.palisade.rego.RegoProgram;
import dev.palisade.rego.RegoSource;
import dev.palisade.rego.RegoVersion;
import dev.palisade.rules.gatekeeper.ExternalDataProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a ConstraintTemplate's Rego once, as Gatekeeper takes it: the admission target's
 * {@code rego} and {@code libs} (the v1 API's fields, parsed as Rego v0), else its first
 * {@code code[]} entry with {@code engine: Rego} ({@code source.rego}, {@code source.libs},
 * {@code source.version}: {@code v1} parses as Rego v1, anything else as v0). The entry module must
 * define {@code violation}; libraries must live under {@code package lib...}; modules may read
 * {@code data.inventory} and {@code data.lib...} and nothing else of {@code data}. Errors name the
 * file, line and column inside the template YAML.
 */
public final class RegoTemplateCompiler {
    /** Annotation with which a template declares the kinds it reads from {@code data.inventory}. */
    static final String SYNC_ANNOTATION = "metadata.gatekeeper.sh/requires-sync-data";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExternalDataProvider externalData;

    /** A compiler whose templates call {@code external_data} on the provider (null: none, fail closed). */
    public RegoTemplateCompiler(ExternalDataProvider externalData) {
        this.externalData = externalData;
    }

    /** Where a template keeps its Rego: the pointer of the entry module, of its libs, and the syntax. */
    record Location(String regoPointer, String libsPointer, RegoVersion version) {
    }

    /** Where the template's Rego is, if it has any. */
    static Optional<Location> locate(Resource template) {
        JsonNode targets = template.object().path("spec").path("targets");
        for (int t = 0; t < targets.size(); t++) {
            JsonNode target = targets.get(t);
            if (!target.path("target").asText(TemplateReader.TARGET).equals(TemplateReader.TARGET)) {
                continue;
            }
            String at = "/spec/targets/" + t;
            if (target.path("rego").isTextual() && !target.path("rego").textValue().isEmpty()) {
                return Optional.of(new Location(at + "/rego", at + "/libs", RegoVersion.V0));
            }
            JsonNode code = target.path("code");
            for (int c = 0; c < code.size(); c++) {
                if (code.get(c).path("engine").asText("").equals("Rego")) {
                    String source = at + "/code/" + c + "/source";
                    RegoVersion version = code.get(c).path("source").path("version").asText("v0").equals("v1")
                            ? RegoVersion.V1 : RegoVersion.V0;
                    return Optional.of(new Location(source + "/rego", source + "/libs", version));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Compiles the template's Rego.
     *
     * @throws PalisadeException located in the template when the Rego is missing or does not compile
     */
    public RegoConstraintKind compile(String kind, Resource template, Location location) {
        List<String> lines = fileLines(template);
        JsonNode entry = template.object().at(location.regoPointer());
        if (!entry.isTextual() || entry.textValue().isBlank()) {
            throw DocumentErrors.at(template, location.regoPointer(), kind + ": " + DocumentErrors.fieldName(
                    location.regoPointer()) + " must be the template's Rego module");
        }
        RegoCompiler compiler = Rego.compiler().function(ExternalDataFunction.of(externalData));
        RegoText entryText = new RegoText(entry.textValue());
        String entryPackage = entryText.packagePath().orElseThrow(() -> DocumentErrors.at(template,
                location.regoPointer(), kind + ": the Rego module has no package clause"));
        compiler.module(source(template, lines, location.regoPointer(), entry.textValue(), location.version()));
        List<RegoText> texts = new ArrayList<>(List.of(entryText));
        List<String> pointers = new ArrayList<>(List.of(location.regoPointer()));
        JsonNode libs = template.object().at(location.libsPointer());
        for (int i = 0; i < libs.size(); i++) {
            String pointer = location.libsPointer() + "/" + i;
            JsonNode lib = libs.get(i);
            if (!lib.isTextual()) {
                throw DocumentErrors.at(template, pointer, kind + ": " + DocumentErrors.fieldName(pointer)
                        + " must be a Rego module");
            }
            RegoText text = new RegoText(lib.textValue());
            String libPackage = text.packagePath().orElse("");
            if (!libPackage.equals("lib") && !libPackage.startsWith("lib.") && !libPackage.startsWith("lib[")) {
                throw DocumentErrors.at(template, pointer, kind + ": library package '" + libPackage + "' must be"
                        + " lib or start with lib. (Gatekeeper serves template libraries under data.lib)");
            }
            compiler.module(source(template, lines, pointer, lib.textValue(), location.version()));
            texts.add(text);
            pointers.add(pointer);
        }
        boolean readsInventory = false;
        for (int m = 0; m < texts.size(); m++) {
            for (RegoText.DataRef ref : texts.get(m).dataRefs()) {
                if (ref.root().equals("inventory")) {
                    readsInventory = true;
                } else if (!ref.root().equals("lib")) {
                    SourceLocation at = position(template, lines, pointers.get(m), ref.line(), ref.column());
                    throw new PalisadeException(kind + ": the Rego reads data" + (ref.root().isEmpty() ? ""
                            : ref.root().equals("[") ? "[...]" : "." + ref.root()) + "; Gatekeeper templates may"
                            + " read only data.inventory and data.lib", at);
                }
            }
        }
        RegoProgram program;
        try {
            program = compiler.compile();
        } catch (RegoCompileException e) {
            throw compileError(kind, template, e);
        }
        String rule = "data." + entryPackage + ".violation";
        if (!program.hasRule(rule)) {
            throw DocumentErrors.at(template, location.regoPointer(), kind + ": the Rego module (package "
                    + entryPackage + ") has no violation rule; Gatekeeper requires violation[{\"msg\": msg}]");
        }
        PreparedQuery query = program.prepareRule(rule);
        return new RegoConstraintKind(kind, query, readsInventory ? needs(template) : InventoryNeeds.NONE,
                readsInventory);
    }

    /**
     * What a template that reads {@code data.inventory} needs: the kinds its
     * {@code metadata.gatekeeper.sh/requires-sync-data} annotation lists (every group × kind of every
     * requirement), else everything.
     */
    static InventoryNeeds needs(Resource template) {
        JsonNode annotation = template.object().path("metadata").path("annotations").path(SYNC_ANNOTATION);
        if (!annotation.isTextual()) {
            return InventoryNeeds.ALL;
        }
        JsonNode requirements;
        String text = annotation.textValue().strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1); // written as Gatekeeper's docs do: "[[{...}]]"
        }
        try {
            requirements = JSON.readTree(text);
        } catch (IOException e) {
            return InventoryNeeds.ALL;
        }
        Set<String> kinds = new LinkedHashSet<>();
        if (!requirements.isArray()) {
            return InventoryNeeds.ALL;
        }
        for (JsonNode requirement : requirements) {
            for (JsonNode gvk : requirement.isArray() ? requirement : List.of(requirement)) {
                JsonNode groups = gvk.path("groups");
                JsonNode names = gvk.path("kinds");
                if (!groups.isArray() || !names.isArray() || groups.isEmpty() || names.isEmpty()) {
                    return InventoryNeeds.ALL;
                }
                for (JsonNode group : groups) {
                    for (JsonNode name : names) {
                        if (group.asText().equals("*") || name.asText().equals("*")) {
                            return InventoryNeeds.ALL;
                        }
                        kinds.add(group.asText() + "/" + name.asText());
                    }
                }
            }
        }
        return kinds.isEmpty() ? InventoryNeeds.ALL : InventoryNeeds.kinds(kinds.toArray(String[]::new));
    }

    private static PalisadeException compileError(String kind, Resource template, RegoCompileException e) {
        List<String> described = new ArrayList<>();
        for (RegoError error : e.errors()) {
            described.add(error.toString());
        }
        RegoError first = e.errors().isEmpty() ? null : e.errors().get(0);
        SourceLocation at = first != null && first.line() > 0
                ? new SourceLocation(first.file(), template.source().document(), first.line(), first.column())
                : template.source();
        return new PalisadeException(kind + ": the template's Rego does not compile: " + String.join("; ",
                described), at, e);
    }

    /** The module positioned where its text starts in the template's file. */
    private static RegoSource source(Resource template, List<String> lines, String pointer, String text,
            RegoVersion version) {
        int[] start = start(template, lines, pointer);
        return new RegoSource(fileName(template), text, start[0], start[1], version);
    }

    private static SourceLocation position(Resource template, List<String> lines, String pointer, int line,
            int column) {
        int[] start = start(template, lines, pointer);
        return new SourceLocation(fileName(template), template.source().document(), start[0] + line - 1,
                start[1] + column);
    }

    /**
     * The first line of a scalar's text in the file and the indentation its lines lost: for a block
     * scalar ({@code rego: |}) the line after the indicator and the indentation of its first
     * non-blank line; for other scalars the value's own line.
     */
    private static int[] start(Resource template, List<String> lines, String pointer) {
        SourceLocation at = template.locate(pointer);
        if (at.line() <= 0) {
            return new int[] {1, 0};
        }
        String indicatorLine = at.line() <= lines.size() ? lines.get(at.line() - 1) : "";
        String tail = indicatorLine.strip();
        boolean block = tail.endsWith("|") || tail.endsWith(">") || tail.matches(".*[|>][-+0-9]*$");
        if (!block) {
            return new int[] {at.line(), 0};
        }
        for (int i = at.line(); i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank()) {
                int indent = 0;
                while (indent < line.length() && line.charAt(indent) == ' ') {
                    indent++;
                }
                return new int[] {at.line() + 1, indent};
            }
        }
        return new int[] {at.line() + 1, 0};
    }

    private static String fileName(Resource template) {
        String file = template.source().file();
        return file.isEmpty() ? "<template " + template.id().name() + ">" : file;
    }

    private static List<String> fileLines(Resource template) {
        String file = template.source().file();
        if (file.isEmpty()) {
            return List.of();
        }
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
