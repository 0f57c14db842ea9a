package dev.palisade.sigstore.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.ContainerView;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PodSpecView;
import dev.palisade.core.Resource;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of pinning over generated manifests in many YAML styles. */
class DigestPinnerPropertiesTest {
    private static final DigestPinner PINNER = new DigestPinner(r -> Digest.sha256(Lockfile.key(r)), Lockfile.empty());

    @Property(tries = 200)
    void onlyImageValuesChange(@ForAll("manifests") String manifest) {
        PinResult result = PINNER.pin("gen.yaml", manifest);
        assertEquals(List.of(), result.issues());
        String restored = result.newText().replaceAll("@sha256:[0-9a-f]{64}", "");
        assertEquals(manifest, restored, "removing the digests gives back the input byte for byte");
    }

    @Property(tries = 200)
    void everyImageIsPinnedAndNothingElseDiffers(@ForAll("manifests") String manifest) {
        PinResult result = PINNER.pin("gen.yaml", manifest);
        Resource before = ManifestReader.create().readString("a", manifest).resources().get(0);
        Resource after = ManifestReader.create().readString("b", result.newText()).resources().get(0);
        List<ContainerView> containers = PodSpecView.of(after).orElseThrow().containers();
        for (ContainerView container : containers) {
            ImageReference image = ImageReference.parse(container.image());
            assertEquals(Digest.sha256(Lockfile.key(image)), image.digest().orElseThrow());
        }
        assertEquals(withoutImages(before), withoutImages(after));
        long operations = result.patches().stream().mapToLong(p -> p.operations().size()).sum();
        assertEquals(containers.size(), operations);
        assertTrue(!PINNER.pin("again.yaml", result.newText()).changed(), "pinning is idempotent");
    }

    private static JsonNode withoutImages(Resource resource) {
        JsonNode copy = resource.object().deepCopy();
        for (ContainerView c : PodSpecView.of(resource).orElseThrow().containers()) {
            ((ObjectNode) copy.at(c.path())).remove("image");
        }
        return copy;
    }

    @Provide
    Arbitrary<String> manifests() {
        Arbitrary<String> image = Combinators.combine(
                Arbitraries.of("", "ghcr.io/acme/", "localhost:5000/", "registry.example:443/team/"),
                Arbitraries.of("nginx", "app", "tools/debug", "a-b_c.d"),
                Arbitraries.of("", ":1", ":1.27.3", ":v2-rc_1", ":latest"))
                .as((r, n, t) -> r + n + t);
        Arbitrary<String> container = Combinators.combine(Arbitraries.of(0, 1, 2, 3), image,
                Arbitraries.strings().withChars("abcxyz").ofMinLength(1).ofMaxLength(5),
                Arbitraries.of("", "  # note", " # image: nginx:9"))
                .as(DigestPinnerPropertiesTest::container);
        Arbitrary<List<String>> containers = container.list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<String>> inits = container.list().ofMaxSize(2);
        return Combinators.combine(containers, inits, Arbitraries.of("", "# header\n", "---\n"))
                .as((cs, is, head) -> head + "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gen\nspec:\n"
                        + "  template:\n    spec:\n"
                        + (is.isEmpty() ? "" : "      initContainers:\n" + String.join("", is))
                        + "      containers:\n" + String.join("", cs));
    }

    private static String container(int style, String image, String name, String comment) {
        return switch (style) {
            case 0 -> "        - name: " + name + "\n          image: " + image + comment + "\n";
            case 1 -> "        - name: " + name + "\n          image: '" + image + "'" + comment + "\n";
            case 2 -> "        - image: \"" + image + "\"" + comment + "\n          name: " + name + "\n";
            default -> "        - {name: " + name + ", image: " + image + "}" + comment + "\n";
        };
    }
}
