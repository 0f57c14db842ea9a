package dev.palisade.notify;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.Finding;
import dev.palisade.core.Report;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Result;
import dev.palisade.notify.internal.Poster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Posts a run's new violations to a {@link Channel}: one message per new violation
 * ({@link Mode#NEW}) or one summary per run that has new violations ({@link Mode#RUN}). A violation
 * is new when its {@link Finding#fingerprint()} is not in the {@link NotificationState}, so the same
 * violation does not alert every run. Messages are limited per run and per minute (the minute
 * counted across runs through the state); what is over the limit is counted in one last message and
 * notified in a later run. Posts are retried on 429 (honouring {@code Retry-After}), 5xx and
 * connection failures, within a deadline. {@link #notify(Report)} never throws for the receiver's
 * failures: they are returned as warnings, so a check's outcome never depends on chat.
 *
 * <p>A notifier is immutable; each {@code notify} call reads and writes its state file. Calls
 * sharing a state file must not overlap.
 */
public final class Notifier {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@=,+-]+");

    /** When to post. */
    public enum Mode {
        /** One message per new violation. */
        NEW,
        /** One summary per run that has new violations. */
        RUN
    }

    /**
     * What a call did.
     *
     * @param messages messages delivered
     * @param notified new violations delivered (and remembered)
     * @param alreadyNotified violations skipped because they were notified before
     * @param deferred new violations not delivered (over the rate limit, or the receiver failed);
     *     they are new again in the next run
     * @param warnings what went wrong, one sentence each, for stderr or a log
     */
    public record Outcome(int messages, int notified, int alreadyNotified, int deferred, List<String> warnings) {
        /**
         * Copies the warnings.
         *
         * @param messages messages delivered
         * @param notified new violations delivered (and remembered)
         * @param alreadyNotified violations skipped because they were notified before
         * @param deferred new violations not delivered (over the rate limit, or the receiver failed);
         *     they are new again in the next run
         * @param warnings what went wrong, one sentence each, for stderr or a log
         */
        public Outcome {
            warnings = List.copyOf(warnings);
        }
    }

    private final Channel channel;
    private final Mode mode;
    private final Owners owners;
    private final Function<ResourceId, Optional<String>> teams;
    private final Optional<String> reportUrl;
    private final Optional<Path> stateFile;
    private final int maxEntries;
    private final EnforcementAction minimumAction;
    private final int maxPerRun;
    private final int maxPerMinute;
    private final Duration deadline;
    private final Duration requestTimeout;
    private final Duration backoff;
    private final int exemptionDays;
    private final Clock clock;

    private Notifier(Builder b) {
        this.channel = Objects.requireNonNull(b.channel, "a notifier needs a channel");
        this.mode = b.mode;
        this.owners = b.owners;
        this.teams = b.teams;
        this.reportUrl = b.reportUrl;
        this.stateFile = b.stateFile;
        this.maxEntries = b.maxEntries;
        this.minimumAction = b.minimumAction;
        this.maxPerRun = b.maxPerRun;
        this.maxPerMinute = b.maxPerMinute;
        this.deadline = b.deadline;
        this.requestTimeout = b.requestTimeout;
        this.backoff = b.backoff;
        this.exemptionDays = b.exemptionDays;
        this.clock = b.clock;
    }

    /** {@return a builder; only the channel is required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Posts the report's new violations as configured; never throws for delivery problems.
     *
     * @param report a run's report; only its new, unexempted violations at or above the minimum action are posted
     * @return what was posted, skipped and deferred, and the warnings
     */
    public Outcome notify(Report report) {
        List<String> warnings = new ArrayList<>();
        Instant started = clock.instant();
        Instant until = started.plus(deadline);
        NotificationState state = loadState(warnings);

        Map<String, Finding> current = new LinkedHashMap<>();
        for (Result result : report.results()) {
            for (Finding finding : result.violations()) {
                if (finding.action().compareTo(minimumAction) >= 0) {
                    current.putIfAbsent(finding.fingerprint(), finding);
                }
            }
        }
        List<Notice> fresh = new ArrayList<>();
        int already = 0;
        for (Map.Entry<String, Finding> entry : current.entrySet()) {
            if (state.entry(entry.getKey()).isPresent()) {
                state.notified(entry.getKey(), started);
                already++;
            } else {
                fresh.add(notice(entry.getValue()));
            }
        }
        Report.Totals totals = report.totals();
        int budget = Math.min(maxPerRun, maxPerMinute - state.sentInMinuteBefore(started));
        Poster poster = new Poster(clock, requestTimeout, backoff);
        int messages = 0;
        int notified = 0;
        if (!fresh.isEmpty() && budget <= 0) {
            warnings.add("notification rate limit reached (" + maxPerMinute + " messages a minute, " + maxPerRun
                    + " a run): " + fresh.size() + " new violations deferred to a later run");
        } else if (!fresh.isEmpty() && mode == Mode.RUN) {
            Message message = new Message(Message.Kind.RUN, fresh, 0, totals, reportUrl);
            if (post(poster, message, until, warnings, state)) {
                messages++;
                notified = fresh.size();
                fresh.forEach(n -> state.notified(n.finding().fingerprint(), clock.instant()));
            }
        } else if (!fresh.isEmpty()) {
            int individually = fresh.size() <= budget ? fresh.size() : budget - 1;
            boolean up = true;
            for (Notice notice : fresh.subList(0, individually)) {
                Message message = new Message(Message.Kind.VIOLATION, List.of(notice), 0, totals, reportUrl);
                if (!post(poster, message, until, warnings, state)) {
                    up = false;
                    break;
                }
                messages++;
                notified++;
                state.notified(notice.finding().fingerprint(), clock.instant());
            }
            if (up && individually < fresh.size()) {
                List<Notice> rest = fresh.subList(individually, fresh.size());
                Message overflow = new Message(Message.Kind.OVERFLOW, rest, 0, totals, reportUrl);
                if (post(poster, overflow, until, warnings, state)) {
                    messages++;
                }
                warnings.add("notification rate limit reached: " + rest.size() + " new violations were summarised"
                        + " in one message and are notified in a later run");
            }
        }
        saveState(state, warnings);
        return new Outcome(messages, notified, already, fresh.size() - notified, warnings);
    }

    private boolean post(Poster poster, Message message, Instant until, List<String> warnings, NotificationState state) {
        Poster.Outcome outcome = poster.post(channel.endpoint(), channel.render(message), until);
        if (outcome.delivered()) {
            state.sent(clock.instant());
            return true;
        }
        warnings.add("could not post to " + channel.name() + " after " + outcome.attempts() + " attempt"
                + (outcome.attempts() == 1 ? "" : "s") + ": " + outcome.problem());
        return false;
    }

    private NotificationState loadState(List<String> warnings) {
        if (stateFile.isEmpty()) {
            return NotificationState.empty(maxEntries);
        }
        try {
            return NotificationState.load(stateFile.get(), maxEntries);
        } catch (IOException e) {
            warnings.add("cannot read the notification state (" + e.getMessage() + "); starting afresh, so"
                    + " violations notified before may be notified again");
            return NotificationState.empty(maxEntries);
        }
    }

    private void saveState(NotificationState state, List<String> warnings) {
        if (stateFile.isPresent()) {
            try {
                state.save(stateFile.get(), clock.instant());
            } catch (IOException e) {
                warnings.add("cannot write the notification state " + stateFile.get() + " (" + e.getMessage()
                        + "); the same violations may be notified again");
            }
        }
    }

    private Notice notice(Finding finding) {
        Optional<String> team = teams.apply(finding.resource());
        Optional<String> mention = team.flatMap(owners::mention);
        return new Notice(finding, team, mention, exemptCommand(finding, team));
    }

    /** The {@code palisade exempt} command that writes an exemption for the finding. */
    String exemptCommand(Finding finding, Optional<String> team) {
        ResourceId id = finding.resource();
        String kind = id.group().isEmpty() ? id.kind() : id.kind() + "." + id.group();
        String resource = kind + "/" + (id.namespace().isEmpty() ? "" : id.namespace() + "/") + id.name();
        StringBuilder command = new StringBuilder("palisade exempt --policy ").append(shell(finding.policyId()))
                .append(" --resource ").append(shell(resource));
        finding.container().ifPresent(c -> command.append(" --container ").append(shell(c)));
        LocalDate expires = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(exemptionDays);
        command.append(" --reason '<why>' --owner ").append(shell(team.orElse("<owner>")))
                .append(" --expires ").append(expires)
                .append(" --finding ").append(finding.fingerprint());
        return command.toString();
    }

    /** A POSIX shell word. */
    static String shell(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Configures a {@link Notifier}. */
    public static final class Builder {
        private Channel channel;
        private Mode mode = Mode.NEW;
        private Owners owners = Owners.none();
        private Function<ResourceId, Optional<String>> teams = id -> Optional.empty();
        private Optional<String> reportUrl = Optional.empty();
        private Optional<Path> stateFile = Optional.empty();
        private int maxEntries = NotificationState.DEFAULT_MAX_ENTRIES;
        private EnforcementAction minimumAction = EnforcementAction.WARN;
        private int maxPerRun = 20;
        private int maxPerMinute = 10;
        private Duration deadline = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration backoff = Duration.ofMillis(500);
        private int exemptionDays = 30;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets where messages go (required).
         *
         * @param value where messages go
         * @return this builder
         */
        public Builder channel(Channel value) {
            this.channel = Objects.requireNonNull(value);
            return this;
        }

        /**
         * One message per new violation (default) or one per run.
         *
         * @param value how findings are grouped into messages
         * @return this builder
         */
        public Builder mode(Mode value) {
            this.mode = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Team → chat handle, for mentions.
         *
         * @param value the chat handle of each team
         * @return this builder
         */
        public Builder owners(Owners value) {
            this.owners = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the team owning a resource (by default none is known).
         *
         * @param value the team owning a resource
         * @return this builder
         */
        public Builder teams(Function<ResourceId, Optional<String>> value) {
            this.teams = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets a link to the full report.
         *
         * @param value a link to the full report
         * @return this builder
         */
        public Builder reportUrl(String value) {
            this.reportUrl = Optional.of(value);
            return this;
        }

        /**
         * Sets the state file (by default none: nothing is remembered between calls).
         *
         * @param value the state file
         * @return this builder
         */
        public Builder stateFile(Path value) {
            this.stateFile = Optional.of(value);
            return this;
        }

        /**
         * Sets the bound on remembered fingerprints (default {@value NotificationState#DEFAULT_MAX_ENTRIES}).
         *
         * @param value the bound on remembered fingerprints
         * @return this builder
         */
        public Builder maxStateEntries(int value) {
            this.maxEntries = positive(value, "maxStateEntries");
            return this;
        }

        /**
         * Sets the weakest action notified (default {@code WARN}: dry-run findings stay silent).
         *
         * @param value the weakest action notified
         * @return this builder
         */
        public Builder minimumAction(EnforcementAction value) {
            this.minimumAction = Objects.requireNonNull(value);
            return this;
        }

        /**
         * At most this many messages per call (default 20).
         *
         * @param value the most messages one call posts
         * @return this builder
         */
        public Builder maxPerRun(int value) {
            this.maxPerRun = positive(value, "maxPerRun");
            return this;
        }

        /**
         * At most this many messages in any minute, across calls sharing a state file (default 10).
         *
         * @param value the most messages posted in any minute
         * @return this builder
         */
        public Builder maxPerMinute(int value) {
            this.maxPerMinute = positive(value, "maxPerMinute");
            return this;
        }

        /**
         * Sets the time a call may spend posting, retries included (default 30 s).
         *
         * @param value the time a call may spend posting, retries included
         * @return this builder
         */
        public Builder deadline(Duration value) {
            this.deadline = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the timeout of one request (default 10 s).
         *
         * @param value the timeout of one request
         * @return this builder
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the first back-off after a failed attempt, doubled each time (default 500 ms).
         *
         * @param value the first back-off after a failed attempt, doubled each time
         * @return this builder
         */
        public Builder backoff(Duration value) {
            this.backoff = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Sets the validity proposed in exemption commands (default 30 days).
         *
         * @param value the validity proposed in exemption commands
         * @return this builder
         */
        public Builder exemptionDays(int value) {
            this.exemptionDays = positive(value, "exemptionDays");
            return this;
        }

        /**
         * Sets the clock (default UTC system clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** {@return the notifier} */
        public Notifier build() {
            return new Notifier(this);
        }

        private static int positive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be positive, not " + value);
            }
            return value;
        }
    }
}
