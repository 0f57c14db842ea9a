package dev.palisade.sigstore.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.Resource;
import dev.palisade.sigstore.policy.internal.ImagePolicy;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Whatever an ImagePolicy spec holds, reading it gives a policy or a PalisadeException, never anything else. */
class ImagePolicyFormatPropertiesTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("images", "authorities", "required", "mode", "match",
            "severity", "title", "tags", "bogus");

    @Provide
    Arbitrary<JsonNode> values() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(F::textNode),
                Arbitraries.integers().between(-2, 4).map(F::numberNode),
                Arbitraries.of(F.nullNode(), F.booleanNode(true), F.textNode("**"), F.textNode("enforce"),
                        F.textNode("warn"), F.textNode("a/*")));
        Arbitrary<JsonNode> authority = Arbitraries.of(
                F.objectNode().put("name", "k").set("key", F.objectNode().put("pem", "nonsense")),
                F.objectNode().put("name", "gha").set("keyless", F.objectNode().put("identity", "x")
                        .put("issuer", "y")),
                F.objectNode().put("name", "re").set("keyless", F.objectNode().put("identityRegexp", "(")
                        .put("issuer", "y")),
                F.objectNode().set("keyless", F.textNode("x")),
                F.objectNode().put("name", "f").set("key", F.objectNode().put("file", "absent.pub")));
        Arbitrary<JsonNode> lists = Arbitraries.oneOf(scalars, authority).list().ofMaxSize(3).map(items -> {
            ArrayNode array = F.arrayNode();
            items.forEach(array::add);
            return array;
        });
        return Arbitraries.oneOf(scalars, lists, authority);
    }

    /** A valid spec with zero to two fields removed or replaced by arbitrary values. */
    @Provide
    Arbitrary<ObjectNode> specs() {
        Arbitrary<String> field = Arbitraries.of(FIELDS);
        Arbitrary<JsonNode> valueOrRemoval = Arbitraries.oneOf(values(), Arbitraries.just(F.missingNode()));
        return net.jqwik.api.Combinators.combine(field, valueOrRemoval).as(List::of).list().ofMaxSize(2)
                .map(mutations -> {
                    ObjectNode spec = F.objectNode();
                    spec.putArray("images").add("registry.example.com/**");
                    spec.putArray("authorities").addObject().put("name", "gha").putObject("keyless")
                            .put("identity", "x").put("issuer", "y");
                    for (List<Object> mutation : mutations) {
                        String name = (String) mutation.get(0);
                        JsonNode value = (JsonNode) mutation.get(1);
                        if (value.isMissingNode()) {
                            spec.remove(name);
                        } else {
                            spec.set(name, value);
                        }
                    }
                    return spec;
                });
    }

    @Property(tries = 2000)
    void readingNeverFailsWithAnythingButAPalisadeException(@ForAll("specs") ObjectNode spec) {
        ObjectNode document = F.objectNode().put("apiVersion", "palisade.dev/v1").put("kind", "ImagePolicy");
        document.putObject("metadata").put("name", "p");
        document.set("spec", spec);
        try {
            Policy policy = new ImagePolicyFormat().compile(Resource.of(document));
            ImagePolicy image = (ImagePolicy) policy;
            assertTrue(image.required() >= 1 && image.required() <= image.authorities().size());
            assertTrue(!image.images().isEmpty());
            assertEquals("p", policy.metadata().id());
            Statistics.collect("compiled");
        } catch (PalisadeException expected) {
            assertTrue(!expected.getMessage().isBlank());
            Statistics.collect("rejected");
        }
        Statistics.coverage(checker -> {
            checker.check("compiled").count(count -> count > 0);
            checker.check("rejected").count(count -> count > 0);
        });
    }
}
