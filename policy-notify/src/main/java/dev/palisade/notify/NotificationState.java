package dev.palisade.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What was notified before: finding fingerprints with the first and last time they were notified,
 * and the times of recent messages (for the per-minute limit across runs). Bounded: past
 * {@code maxEntries} the entries notified longest ago are dropped. Stored as JSON:
 * <pre>{"version": 1, "notified": {"&lt;fingerprint&gt;": {"first": "...", "last": "..."}}, "sent": ["..."]}</pre>
 * Not thread-safe: one run owns a state.
 */
public final class NotificationState {
    /** The default bound on remembered fingerprints. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Map<String, Entry> notified = new HashMap<>();
    private final List<Instant> sent = new ArrayList<>();
    private final int maxEntries;

    /**
     * When a finding was notified.
     *
     * @param first the first time
     * @param last the last time it was seen again in a run (and not notified again)
     */
    public record Entry(Instant first, Instant last) {
    }

    private NotificationState(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /**
     * {@return an empty state}
     *
     * @param maxEntries the most fingerprints remembered; the oldest are forgotten first
     */
    public static NotificationState empty(int maxEntries) {
        return new NotificationState(maxEntries);
    }

    /**
     * Reads a state file; a missing file is an empty state.
     *
     * @throws IOException when the file cannot be read or is not a state file (the caller decides
     *     whether to start afresh)
     * @param file the state file written by {@link #save(Path, Instant)}
     * @param maxEntries the most fingerprints remembered; the oldest are forgotten first
     * @return the state the file holds, or an empty state when there is no file
     */
    public static NotificationState load(Path file, int maxEntries) throws IOException {
        NotificationState state = new NotificationState(maxEntries);
        if (!Files.exists(file)) {
            return state;
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + " is not a notification state file: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("notified").isObject()) {
            throw new IOException(file + " is not a notification state file (expected {\"version\": 1, \"notified\": {...}})");
        }
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("notified").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                state.notified.put(field.getKey(), new Entry(Instant.parse(field.getValue().path("first").asText()),
                        Instant.parse(field.getValue().path("last").asText())));
            }
            for (JsonNode time : root.path("sent")) {
                state.sent.add(Instant.parse(time.asText()));
            }
        } catch (DateTimeParseException e) {
            throw new IOException(file + " has an unreadable time: " + e.getMessage(), e);
        }
        state.bound();
        return state;
    }

    /**
     * When the finding was notified, if it was.
     *
     * @param fingerprint a {@link dev.palisade.core.Finding#fingerprint()}
     * @return when it was first notified and last seen; empty when it never was
     */
    public Optional<Entry> entry(String fingerprint) {
        return Optional.ofNullable(notified.get(fingerprint));
    }

    /** {@return the number of remembered fingerprints} */
    public int size() {
        return notified.size();
    }

    /**
     * Records that the finding was notified (now), or seen again after being notified.
     *
     * @param fingerprint a {@link dev.palisade.core.Finding#fingerprint()}
     * @param now the time of this run
     */
    public void notified(String fingerprint, Instant now) {
        notified.merge(fingerprint, new Entry(now, now), (old, fresh) -> new Entry(old.first(), now));
        bound();
    }

    /**
     * Records that a message was posted at the instant.
     *
     * @param at when the message was posted
     */
    public void sent(Instant at) {
        sent.add(at);
    }

    /**
     * How many messages were posted in the minute before the instant.
     *
     * @param now the end of the minute counted
     * @return the number of messages posted in the minute up to {@code now}
     */
    public int sentInMinuteBefore(Instant now) {
        Instant since = now.minus(Duration.ofMinutes(1));
        int count = 0;
        for (Instant at : sent) {
            if (at.isAfter(since)) {
                count++;
            }
        }
        return count;
    }

    private void bound() {
        if (notified.size() <= maxEntries) {
            return;
        }
        List<Map.Entry<String, Entry>> oldest = new ArrayList<>(notified.entrySet());
        oldest.sort(Comparator.comparing((Map.Entry<String, Entry> e) -> e.getValue().last())
                .thenComparing(Map.Entry::getKey));
        for (int i = 0; i < oldest.size() - maxEntries; i++) {
            notified.remove(oldest.get(i).getKey());
        }
    }

    /**
     * Writes the state (messages older than a minute are dropped), replacing the file atomically where possible.
     *
     * @param file the state file to write; its directory must exist
     * @param now the time of this run, from which older messages are dropped
     * @throws IOException when the file cannot be written
     */
    public void save(Path file, Instant now) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode entries = root.putObject("notified");
        notified.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode entry = entries.putObject(e.getKey());
            entry.put("first", e.getValue().first().toString());
            entry.put("last", e.getValue().last().toString());
        });
        ArrayNode times = root.putArray("sent");
        Instant since = now.minus(Duration.ofMinutes(1));
        sent.stream().filter(at -> at.isAfter(since)).sorted().forEach(at -> times.add(at.toString()));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
