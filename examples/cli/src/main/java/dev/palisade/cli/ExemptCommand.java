package dev.palisade.cli;

import dev.palisade.core.Exemption;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.policy.ExemptionWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code palisade exempt}: appends a PolicyExemption to the repository's exemptions file. */
final class ExemptCommand implements Command {
    private static final Set<String> VALUED = Set.of("policy", "resource", "container", "reason", "owner", "expires",
            "file", "name", "finding", "max-days");

    @Override
    public String name() {
        return "exempt";
    }

    @Override
    public String summary() {
        return "write a PolicyExemption for a finding into the exemptions file (to review as a pull request)";
    }

    @Override
    public String usage() {
        return """
                usage: palisade exempt --policy ID --resource KIND/NAMESPACE/NAME --reason TEXT --owner OWNER
                                       --expires YYYY-MM-DD [options]

                Appends a PolicyExemption document to the exemptions file, keeping the file's existing
                content and comments, after checking that it reads as the engine will read it. Commit the
                change and open a pull request: the exemption is reviewed like any other change.

                options:
                  --policy ID               the policy to waive (an id or a glob such as pod-security/*)
                  --resource KIND/NS/NAME   the resource (KIND/NAME when cluster-scoped); KIND may name its
                                            API group, as in Deployment.apps
                  --container NAME          only findings in this container
                  --reason TEXT             why the waiver is needed (required)
                  --owner OWNER             who answers for it (required)
                  --expires YYYY-MM-DD      the last day it applies (UTC); not in the past, at most
                                            --max-days ahead
                  --max-days N              the longest validity allowed (default 90)
                  --file FILE               the exemptions file (default exemptions.yaml; created if absent)
                  --name NAME               metadata.name (default: policy-namespace-name[-container])
                  --finding FINGERPRINT     the fingerprint of the finding it answers (from a notification or
                                            a report), recorded as the palisade.dev/finding annotation

                exit status: 0 written, 2 invalid request or unreadable file (nothing written).""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(rawArgs, VALUED, Set.of());
        if (!args.positional().isEmpty()) {
            throw new UsageException("exempt takes options only, not '" + args.positional().get(0) + "'");
        }
        String policy = required(args, "policy");
        String resource = required(args, "resource");
        String[] parts = resource.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
            throw new UsageException("--resource takes KIND/NAMESPACE/NAME, or KIND/NAME for a cluster-scoped resource,"
                    + " not '" + resource + "'");
        }
        String kind = parts[0];
        String namespace = parts.length == 3 ? parts[1] : "";
        String name = parts[parts.length - 1];
        LocalDate expires;
        String expiresText = required(args, "expires");
        try {
            expires = LocalDate.parse(expiresText.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException("--expires takes a date as YYYY-MM-DD, not '" + expiresText + "'");
        }
        long maxDays = args.number("max-days", ExemptionWriter.DEFAULT_MAX_DAYS);
        if (maxDays < 1 || maxDays > 3650) {
            throw new UsageException("--max-days takes 1 to 3650, not " + maxDays);
        }
        ExemptionWriter.Request request = new ExemptionWriter.Request(args.last("name").orElse(""), policy, kind,
                namespace, name, args.last("container"), required(args, "reason"), required(args, "owner"), expires,
                args.last("finding").filter(s -> !s.isBlank()));
        Path file = Path.of(args.last("file").orElse("exemptions.yaml"));
        Exemption written = ExemptionWriter.append(ManifestReader.create(), file, request,
                LocalDate.now(ZoneOffset.UTC), (int) maxDays);
        out.print(ExemptionWriter.render(request));
        out.println("palisade: added exemption '" + written.name() + "' to " + file + " (" + written.source().display()
                + "), expires " + written.expiresAsWritten() + "; commit it and open a pull request for review");
        return 0;
    }

    private static String required(Arguments args, String option) {
        Optional<String> value = args.last(option);
        if (value.isEmpty() || value.get().isBlank()) {
            throw new UsageException("--" + option + " is required");
        }
        return value.get();
    }
}
