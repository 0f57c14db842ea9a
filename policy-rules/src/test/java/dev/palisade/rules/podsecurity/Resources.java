package dev.palisade.rules.podsecurity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.ManifestReader;
import dev.palisade.core.Manifests;
import dev.palisade.core.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads test manifests from text or from fixtures beside the tests. */
final class Resources {

    private Resources() {
    }

    static List<Resource> parse(String yaml) {
        Manifests manifests = ManifestReader.create().readString("test.yaml", yaml);
        assertTrue(manifests.errors().isEmpty(), () -> manifests.errors().toString());
        return manifests.resources();
    }

    static Resource one(String yaml) {
        List<Resource> resources = parse(yaml);
        assertTrue(resources.size() == 1, "one resource expected");
        return resources.get(0);
    }

    static List<Resource> fixture(String name) {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            assertTrue(in != null, "missing fixture " + name);
            Manifests manifests = ManifestReader.create().readString(name,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertTrue(manifests.errors().isEmpty(), () -> manifests.errors().toString());
            return manifests.resources();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
