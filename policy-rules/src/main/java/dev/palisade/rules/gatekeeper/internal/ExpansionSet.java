package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.AdmissionRequest;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.KindSelector;
import dev.palisade.core.Match;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gatekeeper's {@code ExpansionTemplate}s ({@code expansion.gatekeeper.sh} v1beta1, v1alpha1): a
 * resource of an {@code applyTo} kind (a Deployment) stands for the resource its
 * {@code templateSource} describes (its pod template), of the {@code generatedGVK} (a Pod), and
 * constraints that match the generated kind judge it too. The generated resource is the source
 * map with that apiVersion and kind, the parent's namespace, the name
 * {@code <parent name>-<kind>} in lower case and an owner reference to the parent; expansion
 * recurses (a CronJob's Job's Pod) up to 30 levels, as Gatekeeper does. Immutable.
 */
public final class ExpansionSet {
    /** The API group of expansion templates. */
    public static final String GROUP = "expansion.gatekeeper.sh";
    private static final Set<String> VERSIONS = Set.of("v1beta1", "v1alpha1");
    private static final int MAX_DEPTH = 30;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** No expansion templates. */
    public static final ExpansionSet EMPTY = new ExpansionSet(List.of());

    /** One {@code applyTo} entry: exact groups, versions and kinds ({@code *} for any). */
    record ApplyTo(List<String> groups, List<String> versions, List<String> kinds) {
        boolean matches(String group, String version, String kind) {
            return has(groups, group) && has(versions, version) && has(kinds, kind);
        }

        private static boolean has(List<String> values, String value) {
            return values.contains(value) || values.contains("*");
        }
    }

    /** One template. */
    record Template(String name, List<ApplyTo> applyTo, String sourcePath, String sourcePointer, String group,
            String version, String kind, Optional<EnforcementAction> action) {
        boolean appliesTo(ResourceId id) {
            for (ApplyTo entry : applyTo) {
                if (entry.matches(id.group(), id.version(), id.kind())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A generated resource: what it is, the template that made it, the action that template imposes
     * on its findings, and the JSON pointer in the original resource where it comes from.
     */
    public record Resultant(Resource resource, String templateName, Optional<EnforcementAction> action,
            String pointerPrefix) {
    }

    private final List<Template> templates;

    private ExpansionSet(List<Template> templates) {
        this.templates = List.copyOf(templates);
    }

    /** Whether no template is loaded. */
    public boolean isEmpty() {
        return templates.isEmpty();
    }

    /** Whether the document is an expansion template this set reads. */
    public static boolean isExpansionTemplate(ResourceId id) {
        return id.group().equals(GROUP);
    }

    /**
     * Reads the templates among the documents, reporting each bad one (with the field and its line)
     * to {@code errors} and leaving it out.
     */
    public static ExpansionSet read(List<Resource> documents, java.util.function.Consumer<PalisadeException> errors) {
        List<Template> templates = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Resource document : documents) {
            if (!isExpansionTemplate(document.id())) {
                continue;
            }
            try {
                Template template = template(document);
                if (!names.add(template.name())) {
                    throw DocumentErrors.at(document, "/metadata/name", "ExpansionTemplate " + template.name()
                            + " is defined twice");
                }
                templates.add(template);
            } catch (PalisadeException e) {
                errors.accept(e);
            }
        }
        return new ExpansionSet(templates);
    }

    private static Template template(Resource document) {
        ResourceId id = document.id();
        if (!id.kind().equals("ExpansionTemplate")) {
            throw DocumentErrors.at(document, "/kind", id.apiVersion() + " " + id.kind() + " is not an"
                    + " ExpansionTemplate; Palisade reads only ExpansionTemplates from " + GROUP);
        }
        if (!VERSIONS.contains(id.version())) {
            throw DocumentErrors.at(document, "/apiVersion", "ExpansionTemplate apiVersion " + id.apiVersion()
                    + " is not supported; use " + GROUP + "/v1beta1");
        }
        String name = id.name();
        if (name.isEmpty() || name.length() >= 64) {
            throw DocumentErrors.at(document, "/metadata", "an ExpansionTemplate needs a metadata.name shorter than"
                    + " 64 characters");
        }
        JsonNode spec = document.object().path("spec");
        String source = spec.path("templateSource").asText("");
        if (source.isEmpty()) {
            throw DocumentErrors.at(document, "/spec", "ExpansionTemplate " + name + " has no spec.templateSource"
                    + " (the field that holds the generated resource, such as spec.template)");
        }
        JsonNode gvk = spec.path("generatedGVK");
        String kind = gvk.path("kind").asText("");
        String version = gvk.path("version").asText("");
        if (kind.isEmpty() && version.isEmpty() && gvk.path("group").asText("").isEmpty()) {
            throw DocumentErrors.at(document, "/spec", "ExpansionTemplate " + name + " has no spec.generatedGVK"
                    + " (group, version and kind of the generated resource)");
        }
        List<ApplyTo> applyTo = new ArrayList<>();
        JsonNode entries = spec.path("applyTo");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            applyTo.add(new ApplyTo(strings(entry.path("groups")), strings(entry.path("versions")),
                    strings(entry.path("kinds"))));
        }
        if (applyTo.isEmpty()) {
            throw DocumentErrors.at(document, "/spec", "ExpansionTemplate " + name + " must list the kinds it"
                    + " expands in spec.applyTo");
        }
        String group = gvk.path("group").asText("");
        for (int i = 0; i < applyTo.size(); i++) {
            if (applyTo.get(i).matches(group, version, kind)) {
                throw DocumentErrors.at(document, "/spec/applyTo/" + i, "ExpansionTemplate " + name + " generates "
                        + kind + " but also applies to it");
            }
        }
        Optional<EnforcementAction> action = Optional.empty();
        String actionText = spec.path("enforcementAction").asText("");
        if (!actionText.isEmpty()) {
            try {
                action = Optional.of(EnforcementAction.parse(actionText));
            } catch (PalisadeException e) {
                throw DocumentErrors.at(document, "/spec/enforcementAction", "ExpansionTemplate " + name + ": "
                        + e.getMessage());
            }
        }
        return new Template(name, applyTo, source, "/" + source.replace("~", "~0").replace("/", "~1")
                .replace('.', '/'), group, version, kind, action);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode value : node) {
            out.add(value.asText());
        }
        return out;
    }

    /**
     * The kinds a constraint must also see so that it judges what they generate: the
     * {@code applyTo} kinds of every template whose generated kind (directly or through further
     * expansion) the constraint's match selects.
     */
    public List<KindSelector> parentKinds(Match match) {
        Set<String> seen = new LinkedHashSet<>();
        List<KindSelector> out = new ArrayList<>();
        boolean grew = true;
        Set<String> wanted = new LinkedHashSet<>();
        while (grew) {
            grew = false;
            for (Template template : templates) {
                boolean generatesWanted = match.matchesKind(template.group(), template.kind())
                        || wanted.contains(template.group() + "/" + template.kind());
                if (!generatesWanted || seen.contains(template.name())) {
                    continue;
                }
                seen.add(template.name());
                grew = true;
                for (ApplyTo entry : template.applyTo()) {
                    out.add(new KindSelector(entry.groups(), entry.kinds()));
                    for (String group : entry.groups()) {
                        for (String kind : entry.kinds()) {
                            wanted.add(group + "/" + kind);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Everything the resource generates, recursively, outermost first.
     *
     * @throws PalisadeException when a template's source field is missing from the resource, or the
     *     recursion exceeds 30 levels (as Gatekeeper does)
     */
    public List<Resultant> expand(Resource resource) {
        List<Resultant> out = new ArrayList<>();
        expand(resource, "", 0, out);
        return out;
    }

    private void expand(Resource parent, String prefix, int depth, List<Resultant> out) {
        for (Template template : templates) {
            if (!template.appliesTo(parent.id())) {
                continue;
            }
            if (depth >= MAX_DEPTH) {
                throw new PalisadeException("expansion of " + parent.id().display() + " exceeds " + MAX_DEPTH
                        + " levels (ExpansionTemplate " + template.name() + ")");
            }
            JsonNode source = parent.object().at(template.sourcePointer());
            if (!source.isObject()) {
                throw new PalisadeException("ExpansionTemplate " + template.name() + ": " + parent.id().display()
                        + " has no object at " + template.sourcePath() + " to expand", parent.source());
            }
            Resource generated = Resource.of(generate(parent, (ObjectNode) source, template), parent.source(),
                    dev.palisade.core.FieldPositions.NONE);
            Optional<AdmissionRequest> request = parent.request();
            if (request.isPresent()) {
                AdmissionRequest r = request.get();
                generated = generated.withRequest(new AdmissionRequest(r.uid(), r.operation(), r.userInfo(),
                        Optional.empty(), r.dryRun(), MissingNode.getInstance()));
            }
            String pointer = prefix + template.sourcePointer();
            out.add(new Resultant(generated, template.name(), template.action(), pointer));
            expand(generated, pointer, depth + 1, out);
        }
    }

    private static ObjectNode generate(Resource parent, ObjectNode source, Template template) {
        ObjectNode object = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            object.set(field.getKey(), field.getValue());
        }
        object.put("apiVersion", template.group().isEmpty() ? template.version()
                : template.group() + "/" + template.version());
        object.put("kind", template.kind());
        ObjectNode metadata = F.objectNode();
        JsonNode sourceMetadata = source.path("metadata");
        if (sourceMetadata.isObject()) {
            sourceMetadata.fields().forEachRemaining(f -> metadata.set(f.getKey(), f.getValue()));
        }
        ResourceId id = parent.id();
        if (!id.namespace().isEmpty()) {
            metadata.put("namespace", id.namespace());
        }
        metadata.put("name", (id.name() + (template.kind().isEmpty() ? "" : "-") + template.kind())
                .toLowerCase(Locale.ROOT));
        com.fasterxml.jackson.databind.node.ArrayNode owners = F.arrayNode();
        JsonNode existing = sourceMetadata.path("ownerReferences");
        boolean present = false;
        for (JsonNode owner : existing) {
            owners.add(owner);
            present |= owner.path("apiVersion").asText().equals(id.apiVersion())
                    && owner.path("kind").asText().equals(id.kind()) && owner.path("name").asText().equals(id.name());
        }
        if (!present && !id.name().isEmpty()) {
            owners.addObject().put("apiVersion", id.apiVersion()).put("kind", id.kind()).put("name", id.name());
        }
        metadata.set("ownerReferences", owners);
        object.set("metadata", metadata);
        return object;
    }
}
