package dev.palisade.rules.gatekeeper.internal.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Inventory;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs one native kind on a fixture from this package's test resources. */
final class KindRun {
    private static final ManifestReader READER = ManifestReader.create();

    /** One reported violation. */
    record Reported(String message, String path) {
    }

    private KindRun() {
    }

    static String fixture(String name) {
        try (InputStream in = KindRun.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> documents(String name) {
        List<JsonNode> documents = new ArrayList<>();
        READER.readDocuments(name, fixture(name)).forEach(d -> documents.add(d.content()));
        return documents;
    }

    static JsonNode yaml(String text) {
        return READER.readDocuments("parameters", text).get(0).content();
    }

    static List<Reported> run(String kind, String objectFixture, String parametersYaml) {
        return run(kind, objectFixture, parametersYaml, Inventory.EMPTY);
    }

    static List<Reported> run(String kind, String objectFixture, String parametersYaml, Inventory inventory) {
        Resource resource = SuiteCaseObjects.resource(documents(objectFixture).get(0));
        return run(kind, resource, yaml(parametersYaml), inventory);
    }

    static List<Reported> run(String kind, Resource resource, JsonNode parameters, Inventory inventory) {
        ConstraintKind implementation = NativeConstraintKinds.find(kind).orElseThrow();
        List<Reported> reported = new ArrayList<>();
        EvaluationContext context = EvaluationContext.builder().inventory(inventory).build();
        implementation.evaluate(new ConstraintInput(resource, parameters, context), new FindingSink() {
            @Override
            public void report(String message, String path) {
                reported.add(new Reported(message, path));
            }

            @Override
            public void report(String message, String path, EnforcementAction action) {
                reported.add(new Reported(message, path));
            }
        });
        return reported;
    }
}
