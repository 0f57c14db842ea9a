package dev.palisade.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.ChartOptions;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.RenderedChart;
import dev.palisade.helm.internal.SetArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code --set} as Palisade hands it to Helm: random settings over overlapping keys give what Helm
 * gives when it applies them in order (an oracle of Helm's documented {@code --set} semantics: later
 * settings win, a setting under a scalar turns it into a map), checked against the real Helm engine.
 */
class SetArgumentsProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HelmChartRenderer helm = new HelmChartRenderer();

    @Provide
    Arbitrary<List<String[]>> settings() {
        Arbitrary<String> key = Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> String.join(".", parts));
        Arbitrary<String> value = Arbitraries.of("1", "7", "true", "false", "x", "y-z");
        return Combinators.combine(key, value).as((k, v) -> new String[] {k, v}).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 200)
    void keptKeysNeverOverlapAndEachHasItsLastValue(@ForAll("settings") List<String[]> settings) {
        Map<String, String> kept = SetArguments.parse(texts(settings), "--set");
        List<String> keys = new ArrayList<>(kept.keySet());
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                String a = keys.get(i);
                String b = keys.get(j);
                assertTrue(!a.equals(b) && !a.startsWith(b + ".") && !b.startsWith(a + "."), a + " / " + b);
            }
        }
        String[] last = settings.get(settings.size() - 1);
        assertEquals(last[1], kept.get(last[0]), "the last setting is always kept");
    }

    @Property(tries = 25)
    void helmRendersWhatApplyingTheSettingsInOrderGives(@ForAll("settings") List<String[]> settings) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String[] setting : settings) {
            texts.add("extra." + setting[0] + "=" + setting[1]);
        }
        RenderedChart chart = helm.render(HelmChartRendererTest.CHARTS.resolve("capabilities"),
                ChartOptions.defaults().withSet(texts));
        JsonNode configMap = ManifestReader.create().readString("cm", chart.templates().get(0).content())
                .resources().get(0).object();
        assertEquals(oracle(settings), JSON.readTree(configMap.at("/data/extra").asText()), texts.toString());
    }

    /** Helm's --set applied in order: each dotted key walks maps, replacing a scalar on the way by a map. */
    private static JsonNode oracle(List<String[]> settings) {
        ObjectNode root = JSON.createObjectNode();
        for (String[] setting : settings) {
            String[] parts = setting[0].split("\\.");
            ObjectNode at = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode next = at.get(parts[i]);
                at = next instanceof ObjectNode map ? map : at.putObject(parts[i]);
            }
            String value = setting[1];
            String leaf = parts[parts.length - 1];
            if (value.equals("true") || value.equals("false")) {
                at.put(leaf, Boolean.parseBoolean(value));
            } else if (value.chars().allMatch(Character::isDigit)) {
                at.put(leaf, Integer.parseInt(value));
            } else {
                at.put(leaf, value);
            }
        }
        return root;
    }

    private static List<String> texts(List<String[]> settings) {
        return settings.stream().map(s -> s[0] + "=" + s[1]).toList();
    }
}
