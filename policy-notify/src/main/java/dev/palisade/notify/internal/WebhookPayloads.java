package dev.palisade.notify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.Finding;
import dev.palisade.notify.Message;
import dev.palisade.notify.Notice;
import java.util.Locale;

/** The generic webhook body: one JSON document per message (documented in docs/notifications.md). */
public final class WebhookPayloads {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private WebhookPayloads() {
    }

    public static String render(Message message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", "palisade");
        root.put("kind", message.kind().name().toLowerCase(Locale.ROOT));
        message.reportUrl().ifPresent(url -> root.put("reportUrl", url));
        ObjectNode totals = root.putObject("totals");
        totals.put("resources", message.totals().resources());
        totals.put("violations", message.totals().violations());
        totals.put("suppressed", message.totals().suppressed());
        totals.put("errors", message.totals().errors());
        ArrayNode notices = root.putArray("notices");
        for (Notice notice : message.notices()) {
            Finding finding = notice.finding();
            ObjectNode item = notices.addObject();
            item.put("fingerprint", finding.fingerprint());
            item.put("policy", finding.policyId());
            item.put("severity", finding.severity().label());
            item.put("action", finding.action().label());
            item.put("message", finding.message());
            ObjectNode resource = item.putObject("resource");
            resource.put("apiVersion", finding.resource().apiVersion());
            resource.put("kind", finding.resource().kind());
            resource.put("namespace", finding.resource().namespace());
            resource.put("name", finding.resource().name());
            finding.container().ifPresent(c -> item.put("container", c));
            item.put("path", finding.path());
            if (!finding.location().file().isEmpty()) {
                item.put("file", finding.location().file());
            }
            if (finding.location().isKnown()) {
                item.put("line", finding.location().line());
            }
            notice.team().ifPresent(t -> item.put("team", t));
            notice.mention().ifPresent(m -> item.put("mention", m));
            item.put("exemptCommand", notice.exemptCommand());
        }
        root.put("notListed", message.notListed());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
