package dev.palisade.rules.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.palisade.core.Enforcement;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FindingSink;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.rules.Severities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Objects must carry the listed labels, optionally with values matching an RE2 pattern (a full
 * match). Parameters: {@code labels: [owner, {key: team, allowedRegex: "team-[a-z]+"}]}.
 */
public final class RequiredLabels implements Policy {
    /** The policy id. */
    public static final String ID = "required-labels";

    /** One required label, with the pattern its value must match if any. */
    record Requirement(String key, Optional<Pattern> allowed, String regex) {
    }

    private final List<Requirement> requirements;
    private final PolicyMetadata metadata;

    private RequiredLabels(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
        List<String> keys = requirements.stream().map(Requirement::key).toList();
        this.metadata = PolicyMetadata.of(ID, "Objects must carry the required labels", Severities.of(ID))
                .withCategory("Governance")
                .withDescription("Labels such as the owning team or the application name are how people, cost"
                        + " reports and selectors find an object; without them it is an orphan.")
                .withRemediation("Add metadata.labels for: " + String.join(", ", keys) + ".")
                .withHelpUrl("docs/rules/required-labels.md");
    }

    /** Reads {@code labels} from the parameters. */
    public static RequiredLabels fromParameters(JsonNode parameters) {
        JsonNode labels = parameters.path("labels");
        if (!labels.isArray() || labels.isEmpty()) {
            throw new PalisadeException(ID + " needs parameters.labels: a list of label keys or {key, allowedRegex}");
        }
        List<Requirement> requirements = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            JsonNode entry = labels.get(i);
            if (entry.isTextual()) {
                requirements.add(new Requirement(entry.asText(), Optional.empty(), ""));
                continue;
            }
            String key = entry.path("key").asText("");
            if (key.isEmpty()) {
                throw new PalisadeException("parameters.labels[" + i + "] needs a key");
            }
            String regex = entry.path("allowedRegex").asText("");
            try {
                requirements.add(new Requirement(key, regex.isEmpty() ? Optional.empty()
                        : Optional.of(Pattern.compile(regex)), regex));
            } catch (PatternSyntaxException e) {
                throw new PalisadeException("parameters.labels[" + i + "].allowedRegex is not a valid RE2 pattern: "
                        + e.getMessage());
            }
        }
        return new RequiredLabels(requirements);
    }

    @Override
    public PolicyMetadata metadata() {
        return metadata;
    }

    @Override
    public Match match() {
        return Match.ALL;
    }

    @Override
    public Enforcement enforcement() {
        return Enforcement.of(EnforcementAction.WARN);
    }

    /** Judges each resource on its own. */
    @Override
    public InventoryNeeds inventoryNeeds() {
        return InventoryNeeds.NONE;
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        Map<String, String> labels = resource.labels();
        for (Requirement requirement : requirements) {
            String value = labels.get(requirement.key());
            if (value == null) {
                sink.report("missing required label \"" + requirement.key() + "\"",
                        labels.isEmpty() ? "/metadata" : "/metadata/labels");
            } else if (requirement.allowed().isPresent() && !requirement.allowed().get().matches(value)) {
                sink.report("label \"" + requirement.key() + "\" has value \"" + value + "\", which does not match "
                        + requirement.regex(), "/metadata/labels/" + escape(requirement.key()));
            }
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
