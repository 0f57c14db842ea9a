package dev.palisade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.Finding;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes an {@link Impact} as text, JSON or a Markdown summary sized for a pull-request comment. */
final class ImpactReport {
    /** GitHub refuses comments over 65536 characters; keep well below. */
    static final int DEFAULT_MARKDOWN_CHARS = 60_000;
    private static final Impact.Change[] COLUMNS = Impact.Change.values();

    private ImpactReport() {
    }

    enum Format {
        TEXT, JSON, MARKDOWN;

        static Format parse(String text) {
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(text.trim())) {
                    return format;
                }
            }
            throw new UsageException("--format takes text, json or markdown, not '" + text + "'");
        }
    }

    static String headline(Impact impact) {
        return impact.resources + " resources: " + impact.total.of(Impact.Change.DENIED) + " newly denied, "
                + impact.total.of(Impact.Change.WARNED) + " newly warned, " + impact.total.of(Impact.Change.DRYRUN)
                + " newly dry run, " + impact.total.of(Impact.Change.CLEARED) + " no longer flagged, "
                + impact.total.of(Impact.Change.RELAXED) + " relaxed";
    }

    private static List<Impact.Entry> sorted(Impact impact) {
        return impact.entries.stream().sorted(Comparator.comparing(Impact.Entry::change)
                .thenComparing(e -> e.finding().location().file())
                .thenComparingInt(e -> e.finding().location().line())
                .thenComparing(e -> e.finding().policyId())).toList();
    }

    private static String finding(Impact.Entry entry) {
        Finding f = entry.finding();
        return f.location().display() + ": " + f.policyId() + " " + f.resource().display()
                + f.container().map(c -> " container " + c).orElse("") + ": " + f.message()
                + " (" + entry.before().map(a -> a.label() + " → ").orElse("")
                + (entry.change() == Impact.Change.CLEARED ? "none" : f.action().label())
                + entry.team().map(t -> ", team " + t).orElse("") + ")";
    }

    static String text(Impact impact, int maxRows) {
        StringBuilder out = new StringBuilder();
        out.append("impact of the policy change (").append(impact.basePolicies).append(" base policies, ")
                .append(impact.newPolicies).append(" new)\n");
        table(out, "policy", impact.byPolicy, maxRows, false);
        if (!impact.recommendations.isEmpty()) {
            out.append("\nrecommended enforcement:\n");
            for (Impact.Recommendation r : impact.recommendations) {
                out.append(String.format("  %-32s %s%s%n", r.policy(), r.text(), r.added() ? " (new policy)" : ""));
            }
        }
        out.append('\n');
        table(out, "team", impact.byTeam, maxRows, false);
        out.append('\n');
        table(out, "namespace", impact.byNamespace, maxRows, false);
        List<Impact.Entry> entries = sorted(impact);
        if (!entries.isEmpty()) {
            out.append("\nchanged findings:\n");
            int shown = 0;
            for (Impact.Entry entry : entries) {
                if (maxRows > 0 && shown == maxRows) {
                    out.append("  … and ").append(entries.size() - shown).append(" more\n");
                    break;
                }
                out.append("  ").append(entry.change().label).append(": ").append(finding(entry)).append('\n');
                shown++;
            }
        }
        out.append(headline(impact)).append('\n');
        return out.toString();
    }

    private static void table(StringBuilder out, String what, Map<String, Impact.Counts> rows, int maxRows,
            boolean markdown) {
        if (markdown) {
            out.append("| ").append(what).append(" | denied | warned | dry run | no longer flagged | relaxed |\n");
            out.append("|---|---:|---:|---:|---:|---:|\n");
        } else {
            out.append(String.format("%-32s %7s %7s %7s %8s %8s%n", what, "denied", "warned", "dryrun", "cleared",
                    "relaxed"));
        }
        List<Map.Entry<String, Impact.Counts>> ordered = rows.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Impact.Counts> e) -> -e.getValue().of(Impact.Change.DENIED))
                        .thenComparing(e -> -e.getValue().of(Impact.Change.WARNED)).thenComparing(Map.Entry::getKey))
                .toList();
        int shown = 0;
        for (Map.Entry<String, Impact.Counts> row : ordered) {
            if (maxRows > 0 && shown == maxRows) {
                out.append(markdown ? "| … and " + (ordered.size() - shown) + " more | | | | | |\n"
                        : "… and " + (ordered.size() - shown) + " more\n");
                break;
            }
            Impact.Counts c = row.getValue();
            if (markdown) {
                out.append("| ").append(md(row.getKey()));
                for (Impact.Change change : COLUMNS) {
                    out.append(" | ").append(c.of(change));
                }
                out.append(" |\n");
            } else {
                out.append(String.format("%-32s %7d %7d %7d %8d %8d%n", row.getKey(), c.of(Impact.Change.DENIED),
                        c.of(Impact.Change.WARNED), c.of(Impact.Change.DRYRUN), c.of(Impact.Change.CLEARED),
                        c.of(Impact.Change.RELAXED)));
            }
            shown++;
        }
        if (ordered.isEmpty()) {
            out.append(markdown ? "| (no change) | 0 | 0 | 0 | 0 | 0 |\n" : "(no change)\n");
        }
    }

    /** Markdown special characters in table cells and text. */
    private static String md(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*", "\\*").replace("_", "\\_").replace("`", "\\`").replace("\n", " ");
    }

    static String markdown(Impact impact, int maxRows, int maxChars) {
        StringBuilder out = new StringBuilder();
        int denied = impact.total.of(Impact.Change.DENIED);
        out.append("### Palisade: impact of this policy change\n\n");
        out.append(denied > 0 ? ":no_entry: **" + denied + " resource" + (denied == 1 ? "" : "s") + " newly denied**"
                : ":white_check_mark: **nothing newly denied**");
        out.append(" — ").append(headline(impact)).append(".\n\n");
        if (!impact.recommendations.isEmpty()) {
            out.append("| policy | recommended enforcement |\n|---|---|\n");
            int shown = 0;
            for (Impact.Recommendation r : impact.recommendations) {
                if (maxRows > 0 && shown == maxRows) {
                    out.append("| … and ").append(impact.recommendations.size() - shown).append(" more | |\n");
                    break;
                }
                out.append("| `").append(r.policy().replace("`", "'")).append("`").append(r.added() ? " (new)" : "")
                        .append(" | ").append(md(r.text())).append(" |\n");
                shown++;
            }
            out.append('\n');
        }
        out.append("<details><summary>By policy, team and namespace</summary>\n\n");
        table(out, "policy", impact.byPolicy, maxRows, true);
        out.append('\n');
        table(out, "team", impact.byTeam, maxRows, true);
        out.append('\n');
        table(out, "namespace", impact.byNamespace, maxRows, true);
        out.append("\n</details>\n");
        List<Impact.Entry> entries = sorted(impact);
        if (!entries.isEmpty()) {
            out.append("\n<details><summary>Changed findings (").append(entries.size()).append(")</summary>\n\n");
            String closing = "\n</details>\n";
            int shown = 0;
            for (Impact.Entry entry : entries) {
                String line = "- **" + entry.change().label + "** " + md(finding(entry)) + "\n";
                int more = entries.size() - shown;
                String tail = "- … and " + more + " more\n";
                if (maxRows > 0 && shown == maxRows || out.length() + line.length() + tail.length() + closing.length()
                        + 200 > maxChars) {
                    out.append(tail);
                    break;
                }
                out.append(line);
                shown++;
            }
            out.append(closing);
        }
        out.append("\n<sub>`palisade impact` · a finding is the same across runs when its policy, resource and"
                + " field are (its fingerprint)</sub>\n");
        if (out.length() > maxChars) {
            String cut = out.substring(0, Math.max(0, maxChars - 40));
            return cut.substring(0, Math.max(0, cut.lastIndexOf('\n') + 1)) + "\n… (cut at " + maxChars + " characters)\n";
        }
        return out.toString();
    }

    static String json(Impact impact) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("resources", impact.resources);
        root.put("basePolicies", impact.basePolicies);
        root.put("newPolicies", impact.newPolicies);
        root.set("totals", counts(json, impact.total));
        Map<String, Map<String, Impact.Counts>> groups = new java.util.LinkedHashMap<>();
        groups.put("byPolicy", impact.byPolicy);
        groups.put("byTeam", impact.byTeam);
        groups.put("byNamespace", impact.byNamespace);
        for (Map.Entry<String, Map<String, Impact.Counts>> group : groups.entrySet()) {
            ObjectNode node = root.putObject(group.getKey());
            group.getValue().forEach((key, counts) -> node.set(key, counts(json, counts)));
        }
        ArrayNode recommendations = root.putArray("recommendations");
        for (Impact.Recommendation r : impact.recommendations) {
            ObjectNode item = recommendations.addObject();
            item.put("policy", r.policy());
            item.put("newPolicy", r.added());
            r.action().ifPresent(a -> item.put("action", a.label()));
            item.put("flaggedResources", r.flagged());
            item.put("step", r.step());
            item.put("text", r.text());
        }
        ArrayNode changes = root.putArray("changes");
        for (Impact.Entry entry : sorted(impact)) {
            Finding f = entry.finding();
            ObjectNode item = changes.addObject();
            item.put("change", entry.change().name().toLowerCase(Locale.ROOT));
            item.put("fingerprint", f.fingerprint());
            item.put("policy", f.policyId());
            entry.before().ifPresent(a -> item.put("before", a.label()));
            item.put("after", entry.change() == Impact.Change.CLEARED ? "none" : f.action().label());
            item.put("message", f.message());
            ObjectNode resource = item.putObject("resource");
            resource.put("apiVersion", f.resource().apiVersion());
            resource.put("kind", f.resource().kind());
            resource.put("namespace", f.resource().namespace());
            resource.put("name", f.resource().name());
            f.container().ifPresent(c -> item.put("container", c));
            entry.team().ifPresent(t -> item.put("team", t));
            item.put("file", f.location().file());
            item.put("line", f.location().line());
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static ObjectNode counts(ObjectMapper json, Impact.Counts counts) {
        ObjectNode node = json.createObjectNode();
        node.put("newlyDenied", counts.of(Impact.Change.DENIED));
        node.put("newlyWarned", counts.of(Impact.Change.WARNED));
        node.put("newlyDryrun", counts.of(Impact.Change.DRYRUN));
        node.put("noLongerFlagged", counts.of(Impact.Change.CLEARED));
        node.put("relaxed", counts.of(Impact.Change.RELAXED));
        return node;
    }
}
