package dev.palisade.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.core.Decision;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Report;
import dev.palisade.core.Severity;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A directory of run summaries, one JSON file per run ({@link HistoryRun}, format
 * {@value #FORMAT_NAME} version {@value #FORMAT_VERSION}, documented in {@code docs/output-formats.md}),
 * from which dashboards draw trends and tell new findings from old ones. Files are named
 * {@code run-YYYYMMDDTHHMMSS.mmmZ.json} after the run's time in UTC, moved on by a millisecond when
 * needed so that names sort in the order runs were appended; after each append only the newest
 * {@link #keep()} runs are kept. Other files in the directory are left alone. Appends are not meant to
 * run concurrently on one directory. Every problem (unreadable or malformed file, a file written by a
 * newer format) is a {@link PalisadeException} naming the file.
 */
public final class History {
    /** How many runs are kept unless a host says otherwise (a year of daily runs). */
    public static final int DEFAULT_KEEP = 365;
    /** The {@code format} field of every run file. */
    public static final String FORMAT_NAME = "palisade-history";
    /** The version of the run files this class writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern RUN_FILE = Pattern.compile("run-\\d{8}T\\d{6}\\.\\d{3}Z\\.json");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).build())
            .build());

    private final Path directory;
    private final int keep;

    private History(Path directory, int keep) {
        this.directory = directory;
        this.keep = keep;
    }

    /**
     * {@return the history in this directory, keeping {@value #DEFAULT_KEEP} runs}
     *
     * @param directory the directory
     */
    public static History open(Path directory) {
        return open(directory, DEFAULT_KEEP);
    }

    /**
     * {@return the history in this directory (created on the first append), keeping the newest {@code keep} runs}
     *
     * @param directory the directory
     * @param keep how many runs to keep
     * @throws PalisadeException when {@code keep} is less than 1
     */
    public static History open(Path directory, int keep) {
        Objects.requireNonNull(directory, "directory");
        if (keep < 1) {
            throw new PalisadeException("a history keeps at least 1 run, not " + keep);
        }
        return new History(directory, keep);
    }

    /** {@return the directory} */
    public Path directory() {
        return directory;
    }

    /** {@return how many runs are kept} */
    public int keep() {
        return keep;
    }

    /**
     * {@return every run in the directory, oldest first, without fingerprints; none when it does not exist}
     */
    public List<HistoryRun> runs() {
        List<HistoryRun> runs = new ArrayList<>();
        for (Path file : runFiles()) {
            runs.add(read(file));
        }
        return Collections.unmodifiableList(runs);
    }

    /**
     * {@return the fingerprints of a run's unexempted violations, read from its file}
     *
     * @param run the run
     */
    public Set<String> fingerprints(HistoryRun run) {
        Path file = directory.resolve(run.id() + ".json");
        JsonNode fingerprints = readTree(file).path("fingerprints");
        if (!fingerprints.isArray()) {
            throw malformed(file, "has no fingerprints array");
        }
        Set<String> all = new HashSet<>();
        for (JsonNode fingerprint : fingerprints) {
            if (!fingerprint.isTextual()) {
                throw malformed(file, "has a fingerprint that is not a string");
            }
            all.add(fingerprint.asText());
        }
        return Collections.unmodifiableSet(all);
    }

    /** {@return the runs and the fingerprints of the latest, to compare a new run with} */
    public Trends trends() {
        List<HistoryRun> runs = runs();
        if (runs.isEmpty()) {
            return Trends.NONE;
        }
        return new Trends(runs, fingerprints(runs.get(runs.size() - 1)));
    }

    /**
     * Appends a run and removes the oldest runs beyond {@link #keep()}.
     *
     * @param report the run's report
     * @param run its time (now when absent) and revision
     * @param owners the teams of the resources
     * @param toolVersion the tool's version ({@code ""} when unknown)
     * @return the run as stored, with its id
     */
    public HistoryRun append(Report report, RunInfo run, Owners owners, String toolVersion) {
        HistoryRun summary = HistoryRun.of(report, run, owners, toolVersion);
        Set<String> fingerprints = HistoryRun.fingerprints(report);
        try {
            Files.createDirectories(directory);
            List<Path> existing = runFiles();
            Instant name = summary.timestamp().truncatedTo(ChronoUnit.MILLIS);
            if (!existing.isEmpty()) {
                Instant last = fileTime(existing.get(existing.size() - 1));
                if (!name.isAfter(last)) {
                    name = last.plusMillis(1);
                }
            }
            Path temporary = Files.createTempFile(directory, ".run-", ".json.tmp");
            try {
                try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    write(summary, fingerprints, out);
                }
                while (true) {
                    String id = "run-" + FILE_TIME.format(name);
                    try {
                        Files.move(temporary, directory.resolve(id + ".json"));
                        summary = summary.withId(id);
                        break;
                    } catch (FileAlreadyExistsException e) {
                        name = name.plusMillis(1);
                    }
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            List<Path> all = runFiles();
            for (int i = 0; i < all.size() - keep; i++) {
                Files.deleteIfExists(all.get(i));
            }
            return summary;
        } catch (IOException e) {
            throw new PalisadeException("cannot append the run to the history " + directory + ": " + e.getMessage()
                    + "; check that the directory is writable", e);
        }
    }

    /**
     * Writes a run file: the summary and its fingerprints (sorted), pretty-printed.
     *
     * @throws IOException when writing fails
     * @param run the summary
     * @param fingerprints the fingerprints of its unexempted violations
     * @param out where to write (not closed)
     */
    public static void write(HistoryRun run, Set<String> fingerprints, Writer out) throws IOException {
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("format", FORMAT_NAME);
            json.writeNumberField("version", FORMAT_VERSION);
            json.writeStringField("timestamp", run.timestamp().toString());
            json.writeStringField("revision", run.revision());
            json.writeStringField("toolVersion", run.toolVersion());
            json.writeStringField("ownerKey", run.ownerKey());
            json.writeStringField("decision", run.decision().label());
            json.writeBooleanField("complete", run.complete());
            json.writeNumberField("resources", run.resources());
            json.writeNumberField("violations", run.violations());
            json.writeNumberField("suppressed", run.suppressed());
            json.writeNumberField("errors", run.errors());
            json.writeObjectFieldStart("bySeverity");
            for (Map.Entry<Severity, Integer> entry : run.bySeverity().entrySet()) {
                json.writeNumberField(entry.getKey().label(), entry.getValue());
            }
            json.writeEndObject();
            json.writeFieldName("score");
            writeScore(json, run.compliance().overall());
            writeGroups(json, "byTeam", run.compliance().byTeam());
            writeGroups(json, "byPolicy", run.compliance().byPolicy());
            writeGroups(json, "byNamespace", run.compliance().byNamespace());
            json.writeArrayFieldStart("fingerprints");
            for (String fingerprint : new TreeSet<>(fingerprints)) {
                json.writeString(fingerprint);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeGroups(JsonGenerator json, String field, Map<String, Compliance.Group> groups)
            throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, Compliance.Group> entry : groups.entrySet()) {
            json.writeObjectFieldStart(entry.getKey());
            json.writeNumberField("resources", entry.getValue().resources());
            json.writeNumberField("violations", entry.getValue().violations());
            json.writeFieldName("score");
            writeScore(json, entry.getValue().score());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeScore(JsonGenerator json, Compliance.Score score) throws IOException {
        json.writeStartObject();
        if (score.percent().isPresent()) {
            json.writeNumberField("percent", Math.round(score.percent().getAsDouble() * 100) / 100.0);
        } else {
            json.writeNullField("percent");
        }
        json.writeNumberField("passed", score.passed());
        json.writeNumberField("failed", score.failed());
        json.writeNumberField("errored", score.errored());
        json.writeNumberField("exempted", score.exempted());
        json.writeNumberField("passedWeight", score.passedWeight());
        json.writeNumberField("scoredWeight", score.scoredWeight());
        json.writeEndObject();
    }

    /**
     * Reads a run file's summary (its fingerprints are skipped, only counted).
     *
     * @return the summary
     * @param file a run file
     * @throws PalisadeException when it cannot be read, is malformed or has a newer format
     */
    public static HistoryRun read(Path file) {
        String name = file.getFileName().toString();
        String id = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        ObjectNode summary = MAPPER.createObjectNode();
        int fingerprints = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonParser parser = MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(file, "is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("fingerprints") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (parser.currentToken() != JsonToken.VALUE_STRING) {
                            throw malformed(file, "has a fingerprint that is not a string");
                        }
                        fingerprints++;
                    }
                } else {
                    summary.set(field, MAPPER.readTree(parser));
                }
            }
        } catch (NoSuchFileException e) {
            throw new PalisadeException("history run " + file + " does not exist", e);
        } catch (JsonProcessingException e) {
            throw malformed(file, "is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new PalisadeException("cannot read history run " + file + ": " + e.getMessage(), e);
        }
        return summary(file, id, summary, fingerprints);
    }

    private static HistoryRun summary(Path file, String id, JsonNode json, int fingerprints) {
        if (!FORMAT_NAME.equals(json.path("format").asText())) {
            throw malformed(file, "is not a " + FORMAT_NAME + " file (its \"format\" is not \"" + FORMAT_NAME + "\")");
        }
        int version = json.path("version").asInt(0);
        if (version > FORMAT_VERSION) {
            throw new PalisadeException("history run " + file + " has format version " + version + ", written by a newer"
                    + " Palisade; this one reads version " + FORMAT_VERSION + " (upgrade, or use another --history"
                    + " directory)");
        }
        if (version < 1) {
            throw malformed(file, "has no valid \"version\"");
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(text(file, json, "timestamp"));
        } catch (DateTimeParseException e) {
            throw malformed(file, "has a timestamp that is not an ISO-8601 instant");
        }
        Decision decision = null;
        String decisionText = text(file, json, "decision");
        for (Decision d : Decision.values()) {
            if (d.label().equals(decisionText)) {
                decision = d;
            }
        }
        if (decision == null) {
            throw malformed(file, "has an unknown decision '" + decisionText + "'");
        }
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        JsonNode severities = object(file, json, "bySeverity");
        for (Map.Entry<String, JsonNode> entry : severities.properties()) {
            Severity severity;
            try {
                severity = Severity.parse(entry.getKey());
            } catch (PalisadeException e) {
                throw malformed(file, "has an unknown severity '" + entry.getKey() + "' in bySeverity");
            }
            bySeverity.put(severity, count(file, entry.getValue(), "bySeverity." + entry.getKey()));
        }
        Compliance compliance = new Compliance(score(file, object(file, json, "score"), "score"),
                groups(file, json, "byTeam"), groups(file, json, "byPolicy"), groups(file, json, "byNamespace"));
        return new HistoryRun(id, timestamp, json.path("revision").asText(""), json.path("toolVersion").asText(""),
                json.path("ownerKey").asText(Owners.DEFAULT_KEY), decision, count(file, json.get("resources"), "resources"),
                count(file, json.get("violations"), "violations"), count(file, json.get("suppressed"), "suppressed"),
                count(file, json.get("errors"), "errors"), bySeverity, compliance, fingerprints);
    }

    private static Map<String, Compliance.Group> groups(Path file, JsonNode json, String field) {
        Map<String, Compliance.Group> groups = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : object(file, json, field).properties()) {
            String where = field + "." + entry.getKey();
            JsonNode group = entry.getValue();
            if (!group.isObject()) {
                throw malformed(file, "has " + where + " that is not an object");
            }
            groups.put(entry.getKey(), new Compliance.Group(count(file, group.get("resources"), where + ".resources"),
                    count(file, group.get("violations"), where + ".violations"),
                    score(file, object(file, group, "score"), where + ".score")));
        }
        return groups;
    }

    private static Compliance.Score score(Path file, JsonNode score, String where) {
        return new Compliance.Score(count(file, score.get("passed"), where + ".passed"),
                count(file, score.get("failed"), where + ".failed"), count(file, score.get("errored"), where + ".errored"),
                count(file, score.get("exempted"), where + ".exempted"),
                weight(file, score.get("passedWeight"), where + ".passedWeight"),
                weight(file, score.get("scoredWeight"), where + ".scoredWeight"));
    }

    private static String text(Path file, JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(file, "has no string \"" + field + "\"");
        }
        return value.asText();
    }

    private static JsonNode object(Path file, JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isObject()) {
            throw malformed(file, "has no object \"" + field + "\"");
        }
        return value;
    }

    private static int count(Path file, JsonNode value, String where) {
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw malformed(file, "has no count (a whole number, 0 or more) at \"" + where + "\"");
        }
        return value.asInt();
    }

    private static double weight(Path file, JsonNode value, String where) {
        if (value == null || !value.isNumber() || value.asDouble() < 0 || !Double.isFinite(value.asDouble())) {
            throw malformed(file, "has no weight (a number, 0 or more) at \"" + where + "\"");
        }
        return value.asDouble();
    }

    private static PalisadeException malformed(Path file, String what) {
        return new PalisadeException("history run " + file + " " + what + "; fix or delete the file");
    }

    private JsonNode readTree(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw malformed(file, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new PalisadeException("cannot read history run " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Path> runFiles() {
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new PalisadeException("the history " + directory + " is not a directory");
            }
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (RUN_FILE.matcher(entry.getFileName().toString()).matches() && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new PalisadeException("cannot list the history " + directory + ": " + e.getMessage(), e);
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    private static Instant fileTime(Path file) {
        String name = file.getFileName().toString();
        return Instant.from(FILE_TIME.parse(name.substring(4, name.length() - 5)));
    }
}
