package dev.palisade.cli;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.notify.Channel;
import dev.palisade.notify.Notifier;
import dev.palisade.notify.Owners;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The notification options of {@code check}: Slack and webhook messages after the report is written. */
final class CheckNotifications {
    static final String SLACK_URL_VARIABLE = "PALISADE_SLACK_WEBHOOK_URL";
    static final Set<String> VALUED = Set.of("notify", "slack-webhook-url", "webhook-url", "notify-on", "owners",
            "report-url", "notify-state", "notify-max-per-run", "notify-max-per-minute", "notify-min-action",
            "notify-timeout", "owner-label");
    static final String USAGE = """

            notifications (a failed post is a warning on stderr; the exit status never depends on it):
              --notify slack|webhook    post new violations (repeatable: both)
              --slack-webhook-url URL   Slack incoming webhook (default: $PALISADE_SLACK_WEBHOOK_URL)
              --webhook-url URL         generic webhook: a JSON document per message
              --notify-on new|run       a message per new violation (default) or one summary per run
              --owners FILE             YAML/JSON map team -> handle ("<!subteam^S012AB>", "@payments")
              --owner-label KEY         the label naming a resource's team (default team; else its
                                        Namespace's label)
              --report-url URL          link to the full report (e.g. the CI run)
              --notify-state FILE       fingerprints already notified (default .palisade/notified.json)
              --notify-min-action A     dryrun, warn (default) or deny: the weakest action notified
              --notify-max-per-run N    at most N messages a run (default 20); the rest is summarised
              --notify-max-per-minute N at most N messages a minute, across runs (default 10)
              --notify-timeout SECONDS  time for all posts, retries included (default 30)""";

    private final List<Notifier> notifiers;
    private final Teams teams;

    private CheckNotifications(List<Notifier> notifiers, Teams teams) {
        this.notifiers = notifiers;
        this.teams = teams;
    }

    static CheckNotifications configure(Arguments args, ManifestReader reader) {
        return configure(args, reader, System.getenv(SLACK_URL_VARIABLE));
    }

    static CheckNotifications configure(Arguments args, ManifestReader reader, String slackFromEnvironment) {
        Teams teams = new Teams(args.last("owner-label").orElse(Teams.DEFAULT_LABEL));
        if (args.all("notify").isEmpty()) {
            for (String option : VALUED) {
                if (!option.equals("owner-label") && args.last(option).isPresent()) {
                    throw new UsageException("--" + option + " needs --notify slack or --notify webhook");
                }
            }
            return new CheckNotifications(List.of(), teams);
        }
        Notifier.Mode mode = switch (args.last("notify-on").orElse("new").trim().toLowerCase(Locale.ROOT)) {
            case "new" -> Notifier.Mode.NEW;
            case "run" -> Notifier.Mode.RUN;
            default -> throw new UsageException("--notify-on takes new or run, not '" + args.last("notify-on").get() + "'");
        };
        EnforcementAction minimum = switch (args.last("notify-min-action").orElse("warn").trim().toLowerCase(Locale.ROOT)) {
            case "dryrun" -> EnforcementAction.DRYRUN;
            case "warn" -> EnforcementAction.WARN;
            case "deny" -> EnforcementAction.DENY;
            default -> throw new UsageException("--notify-min-action takes dryrun, warn or deny, not '"
                    + args.last("notify-min-action").get() + "'");
        };
        Owners owners = args.last("owners").map(file -> Owners.read(reader, Path.of(file))).orElse(Owners.none());
        List<Notifier> notifiers = new ArrayList<>();
        for (String target : args.all("notify")) {
            Channel channel = switch (target.trim().toLowerCase(Locale.ROOT)) {
                case "slack" -> Channel.slack(url("--slack-webhook-url", args.last("slack-webhook-url")
                        .or(() -> Optional.ofNullable(slackFromEnvironment).filter(s -> !s.isBlank()))
                        .orElseThrow(() -> new UsageException("--notify slack needs --slack-webhook-url URL or $"
                                + SLACK_URL_VARIABLE))));
                case "webhook" -> Channel.webhook(url("--webhook-url", args.last("webhook-url")
                        .orElseThrow(() -> new UsageException("--notify webhook needs --webhook-url URL"))));
                default -> throw new UsageException("--notify takes slack or webhook, not '" + target + "'");
            };
            Notifier.Builder builder = Notifier.builder().channel(channel).mode(mode).owners(owners)
                    .teams(teams::of).minimumAction(minimum)
                    .stateFile(Path.of(args.last("notify-state").orElse(".palisade/notified.json")))
                    .maxPerRun(positive(args, "notify-max-per-run", 20))
                    .maxPerMinute(positive(args, "notify-max-per-minute", 10))
                    .deadline(Duration.ofSeconds(positive(args, "notify-timeout", 30)));
            args.last("report-url").ifPresent(builder::reportUrl);
            notifiers.add(builder.build());
        }
        return new CheckNotifications(notifiers, teams);
    }

    private static int positive(Arguments args, String option, int fallback) {
        long value = args.number(option, fallback);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new UsageException("--" + option + " takes a positive number, not " + value);
        }
        return (int) value;
    }

    private static URI url(String option, String text) {
        try {
            URI uri = new URI(text.trim());
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new UsageException(option + " takes an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(option + " takes an http(s) URL (" + e.getReason() + ")");
        }
    }

    /** Notes a resource's team as the audit reads it (only when notifying). */
    void observe(Resource resource) {
        if (!notifiers.isEmpty()) {
            teams.add(resource);
        }
    }

    /** Posts; problems become warnings on stderr. */
    void send(Report report, PrintStream err) {
        for (Notifier notifier : notifiers) {
            Notifier.Outcome outcome = notifier.notify(report);
            for (String warning : outcome.warnings()) {
                err.println("palisade: warning: " + warning);
            }
        }
    }
}
