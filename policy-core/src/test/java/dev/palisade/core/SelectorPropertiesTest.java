package dev.palisade.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SelectorPropertiesTest {

    @Provide
    Arbitrary<Map<String, String>> labels() {
        return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d"), Arbitraries.of("x", "y", "z")).ofMaxSize(4);
    }

    @Provide
    Arbitrary<LabelRequirement> requirements() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d");
        Arbitrary<List<String>> values = Arbitraries.of("x", "y", "z").list().uniqueElements().ofMinSize(1).ofMaxSize(3);
        return Arbitraries.of(LabelRequirement.Operator.values()).flatMap(op -> switch (op) {
            case IN, NOT_IN -> Combinators.combine(keys, values).as((k, v) -> new LabelRequirement(k, op, v));
            default -> keys.map(k -> new LabelRequirement(k, op, List.of()));
        });
    }

    @Property
    void notInIsTheNegationOfIn(@ForAll("labels") Map<String, String> labels,
            @ForAll("requirements") LabelRequirement requirement) {
        LabelRequirement.Operator opposite = switch (requirement.operator()) {
            case IN -> LabelRequirement.Operator.NOT_IN;
            case NOT_IN -> LabelRequirement.Operator.IN;
            case EXISTS -> LabelRequirement.Operator.DOES_NOT_EXIST;
            case DOES_NOT_EXIST -> LabelRequirement.Operator.EXISTS;
        };
        LabelRequirement negated = new LabelRequirement(requirement.key(), opposite, requirement.values());
        assertEquals(!requirement.matches(labels), negated.matches(labels));
    }

    @Property
    void selectorIsTheConjunctionOfItsParts(@ForAll("labels") Map<String, String> labels,
            @ForAll("labels") Map<String, String> matchLabels,
            @ForAll("requirements") LabelRequirement first, @ForAll("requirements") LabelRequirement second) {
        LabelSelector selector = new LabelSelector(matchLabels, List.of(first, second));
        boolean expected = new LabelSelector(matchLabels, List.of()).matches(labels) && first.matches(labels)
                && second.matches(labels);
        assertEquals(expected, selector.matches(labels));
    }

    @Property
    void matchLabelsSelectTheirOwnLabels(@ForAll("labels") Map<String, String> matchLabels,
            @ForAll("labels") Map<String, String> extra) {
        Map<String, String> labels = new HashMap<>(extra);
        labels.putAll(matchLabels);
        assertTrue(new LabelSelector(matchLabels, List.of()).matches(labels));
    }

    @Property
    void emptySelectorMatchesEverything(@ForAll("labels") Map<String, String> labels) {
        assertTrue(LabelSelector.EVERYTHING.matches(labels));
    }
}
