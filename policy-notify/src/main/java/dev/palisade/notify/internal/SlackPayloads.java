package dev.palisade.notify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.Finding;
import dev.palisade.notify.Message;
import dev.palisade.notify.Notice;

/**
 * Slack Block Kit bodies for incoming webhooks: a {@code text} fallback (shown in notifications)
 * and {@code blocks}. Text from policies and manifests is escaped ({@code & < >}); handles written
 * in Slack's syntax ({@code <!subteam^ID>}, {@code <@U…>}) are kept, so they mention. Section
 * texts stay under Slack's 3000-character limit.
 */
public final class SlackPayloads {
    /** Violations a run message lists; the rest are counted. */
    public static final int LISTED = 10;
    private static final int SECTION_LIMIT = 2900;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SlackPayloads() {
    }

    public static String render(Message message) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode blocks = JSON.createArrayNode();
        switch (message.kind()) {
            case VIOLATION -> violation(message.notices().get(0), root, blocks);
            case RUN, OVERFLOW -> summary(message, root, blocks);
        }
        ArrayNode context = JSON.createArrayNode();
        StringBuilder footer = new StringBuilder();
        message.reportUrl().ifPresent(url -> footer.append("<").append(url.replace("|", "%7C").replace(">", "%3E"))
                .append("|Full report> · "));
        footer.append(message.totals().resources()).append(" resources, ").append(message.totals().violations())
                .append(" violations, ").append(message.totals().suppressed()).append(" suppressed, ")
                .append(message.totals().errors()).append(" errors");
        context.addObject().put("type", "mrkdwn").put("text", footer.toString());
        ObjectNode contextBlock = blocks.addObject();
        contextBlock.put("type", "context");
        contextBlock.set("elements", context);
        root.set("blocks", blocks);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static void violation(Notice notice, ObjectNode root, ArrayNode blocks) {
        Finding finding = notice.finding();
        root.put("text", "Palisade: " + finding.action().label() + " " + finding.policyId() + " on "
                + Texts.resource(finding));
        section(blocks, "*" + emoji(finding) + " " + finding.action().label() + "* `" + escape(finding.policyId())
                + "` (" + finding.severity().label() + ")\n" + escape(finding.message()));
        ObjectNode fields = blocks.addObject();
        fields.put("type", "section");
        ArrayNode list = fields.putArray("fields");
        list.addObject().put("type", "mrkdwn").put("text", "*Resource*\n" + escape(Texts.resource(finding)));
        String where = Texts.where(finding);
        list.addObject().put("type", "mrkdwn").put("text", "*Where*\n" + (where.isEmpty() ? "—" : "`" + escape(where) + "`"));
        list.addObject().put("type", "mrkdwn").put("text", "*Owner*\n" + owner(notice));
        section(blocks, "To request an exemption, open a pull request with:\n```" + escape(notice.exemptCommand()) + "```");
    }

    private static void summary(Message message, ObjectNode root, ArrayNode blocks) {
        int shown = Math.min(LISTED, message.notices().size());
        int more = message.notices().size() - shown + message.notListed();
        int count = message.notices().size() + message.notListed();
        String title = message.kind() == Message.Kind.RUN
                ? "Palisade: " + count + " new violation" + (count == 1 ? "" : "s")
                : "Palisade: " + count + " more new violation" + (count == 1 ? "" : "s") + " (rate limit reached;"
                        + " they are notified in a later run)";
        root.put("text", title);
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Texts.cut(title, 150));
        StringBuilder lines = new StringBuilder();
        for (Notice notice : message.notices().subList(0, shown)) {
            Finding finding = notice.finding();
            String where = Texts.where(finding);
            String line = "• *" + finding.action().label() + "* `" + escape(finding.policyId()) + "` "
                    + escape(Texts.resource(finding)) + (where.isEmpty() ? "" : " — `" + escape(where) + "`")
                    + " — " + owner(notice) + "\n";
            if (lines.length() + line.length() > SECTION_LIMIT - 40) {
                more += 1;
                continue;
            }
            lines.append(line);
        }
        if (more > 0) {
            lines.append("… and ").append(more).append(" more");
        }
        if (lines.length() > 0) {
            section(blocks, lines.toString().strip());
        }
        if (shown > 0 && message.kind() == Message.Kind.RUN) {
            section(blocks, "To request an exemption for the first one:\n```"
                    + escape(message.notices().get(0).exemptCommand()) + "```");
        }
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", Texts.cut(mrkdwn, SECTION_LIMIT));
    }

    private static String owner(Notice notice) {
        if (notice.mention().isPresent()) {
            String handle = notice.mention().get();
            return handle.startsWith("<") && handle.endsWith(">") ? handle : escape(handle);
        }
        return notice.team().map(SlackPayloads::escape).orElse("no owner label");
    }

    private static String emoji(Finding finding) {
        return switch (finding.action()) {
            case DENY -> ":no_entry:";
            case WARN -> ":warning:";
            case DRYRUN -> ":information_source:";
        };
    }

    /** Slack's three control characters in mrkdwn text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
