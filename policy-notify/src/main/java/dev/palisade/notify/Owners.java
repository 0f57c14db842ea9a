package dev.palisade.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.YamlDocument;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who to mention for a team: team name → chat handle ({@code <!subteam^S012AB>} for a Slack user
 * group, {@code <@U012AB>} for a user, or a plain {@code @handle}, shown as written). Read from a
 * YAML or JSON file, either a flat map or one under {@code owners:}.
 */
public final class Owners {
    private static final Owners NONE = new Owners(Map.of());
    private final Map<String, String> handles;

    private Owners(Map<String, String> handles) {
        this.handles = Map.copyOf(handles);
    }

    /**
     * No mentions.
     *
     * @return owners that mention nobody
     */
    public static Owners none() {
        return NONE;
    }

    /**
     * Mentions from a map of team → handle.
     *
     * @param handles the chat handle of each team, such as {@code payments → @payments-oncall}
     * @return owners mentioning those handles
     */
    public static Owners of(Map<String, String> handles) {
        return new Owners(handles);
    }

    /**
     * Reads an owners file.
     *
     * @throws PalisadeException naming file and line when it is not a map of team → handle
     * @param reader the reader of the file (its limits apply)
     * @param file a YAML map of team → handle
     * @return the owners the file names
     */
    public static Owners read(ManifestReader reader, Path file) {
        List<YamlDocument> documents = reader.readDocuments(file);
        if (documents.size() != 1) {
            throw new PalisadeException("an owners file holds one document (a map of team → handle), not "
                    + documents.size(), new dev.palisade.core.SourceLocation(file.toString(), 0, 0, 0));
        }
        YamlDocument document = documents.get(0);
        JsonNode root = document.content();
        String prefix = "";
        if (root.has("owners")) {
            root = root.get("owners");
            prefix = "/owners";
        }
        if (!root.isObject()) {
            throw new PalisadeException("an owners file maps team names to chat handles, e.g. payments: \"<!subteam^S012AB>\"",
                    document.locate(prefix));
        }
        Map<String, String> handles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual() || field.getValue().asText().isBlank()) {
                throw new PalisadeException("team '" + field.getKey() + "' needs a handle (a string such as"
                        + " \"@payments-oncall\" or \"<!subteam^S012AB>\")", document.locate(prefix + "/"
                        + field.getKey().replace("~", "~0").replace("/", "~1")));
            }
            handles.put(field.getKey(), field.getValue().asText());
        }
        return new Owners(handles);
    }

    /**
     * The handle of a team.
     *
     * @param team a team name, as the owner label gives it
     * @return its chat handle; empty when the team has none
     */
    public Optional<String> mention(String team) {
        return Optional.ofNullable(handles.get(team));
    }

    /** {@return every team → handle} */
    public Map<String, String> handles() {
        return handles;
    }
}
