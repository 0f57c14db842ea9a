package dev.palisade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.policy.ExemptionReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code palisade exemptions list|expired}: who owns which exemption, and until when. */
final class ExemptionsCommand implements Command {
    private static final Set<String> VALUED = Set.of("format");

    @Override
    public String name() {
        return "exemptions";
    }

    @Override
    public String summary() {
        return "list exemptions with owners and expiry dates, or the expired ones (for CI)";
    }

    @Override
    public String usage() {
        return """
                usage: palisade exemptions list|expired PATH... [--format table|json]

                Reads PolicyExemption documents from files and directories (other documents are ignored).
                  list      every exemption: name, owner, expiry, status, policies, file:line
                  expired   only the expired ones

                options:
                  --format table|json       table (default) or a JSON array

                exit status: 0 (list: always; expired: none has expired), 1 expired: some have,
                2 unreadable files or invalid exemptions.""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) throws Exception {
        Arguments args = Arguments.parse(rawArgs, VALUED, Set.of());
        List<String> positional = args.positional();
        if (positional.isEmpty() || !(positional.get(0).equals("list") || positional.get(0).equals("expired"))) {
            throw new UsageException("name list or expired, then the exemption files or directories");
        }
        boolean expiredOnly = positional.get(0).equals("expired");
        if (positional.size() < 2) {
            throw new UsageException("name at least one exemptions file or directory");
        }
        String format = args.last("format").orElse("table").trim().toLowerCase(Locale.ROOT);
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("--format takes table or json, not '" + format + "'");
        }
        ManifestReader reader = ManifestReader.create();
        List<EvaluationError> errors = new ArrayList<>();
        List<Exemption> all = new ArrayList<>();
        for (String path : positional.subList(1, positional.size())) {
            all.addAll(ExemptionReader.readPath(reader, Path.of(path), errors::add));
        }
        Instant now = Instant.now();
        all.sort(Comparator.comparing((Exemption e) -> e.expires().orElse(Instant.MAX)).thenComparing(Exemption::name));
        List<Exemption> shown = expiredOnly ? all.stream().filter(e -> e.isExpired(now)).toList() : all;
        if (format.equals("json")) {
            ObjectMapper json = new ObjectMapper();
            ArrayNode array = json.createArrayNode();
            for (Exemption e : shown) {
                ObjectNode item = array.addObject();
                item.put("name", e.name());
                item.put("owner", e.owner());
                item.put("expires", e.expiresAsWritten());
                item.put("status", status(e, now));
                e.policies().forEach(item.withArray("policies")::add);
                item.put("reason", e.reason());
                item.put("source", e.source().display());
            }
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else {
            String row = "%-36s %-20s %-12s %-18s %s%n";
            out.printf(row, "exemption", "owner", "expires", "status", "policies  (file:line)");
            for (Exemption e : shown) {
                out.printf(row, e.name(), e.owner().isEmpty() ? "-" : e.owner(),
                        e.expiresAsWritten().isEmpty() ? "never" : e.expiresAsWritten(), status(e, now),
                        String.join(", ", e.policies()) + "  (" + e.source().display() + ")");
            }
            long expired = all.stream().filter(e -> e.isExpired(now)).count();
            out.println(all.size() + " exemptions, " + expired + " expired, "
                    + all.stream().filter(e -> !e.isExpired(now) && e.expires().isPresent()
                            && Duration.between(now, e.expires().get()).toDays() < 14).count()
                    + " expiring within 14 days, " + all.stream().filter(e -> e.expires().isEmpty()).count()
                    + " without expiry");
        }
        for (EvaluationError error : errors) {
            err.println("palisade exemptions: " + error.display());
        }
        if (!errors.isEmpty()) {
            return Main.EXIT_ERROR;
        }
        return expiredOnly && !shown.isEmpty() ? 1 : 0;
    }

    private static String status(Exemption e, Instant now) {
        if (e.expires().isEmpty()) {
            return "no expiry";
        }
        if (e.isExpired(now)) {
            return "expired";
        }
        long days = Duration.between(now, e.expires().get()).toDays();
        return days == 0 ? "expires today" : "expires in " + days + "d";
    }
}
