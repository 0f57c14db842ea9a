package dev.palisade.sigstore.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.core.EvaluationError;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.ManifestSink;
import dev.palisade.core.Manifests;
import dev.palisade.core.Resource;
import dev.palisade.sigstore.Digest;
import dev.palisade.sigstore.ImageReference;
import dev.palisade.sigstore.registry.RegistryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade pin} reads manifests with the same {@link ManifestReader} as {@code palisade check}: the
 * same files (hidden files and directories, other extensions and the lockfile are not pinned), the same
 * documents (a malformed document does not stop the others) and the same values, spliced at the
 * positions the reader located.
 */
class PinReadsLikeCheckTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:00:00Z"), ZoneOffset.UTC);
    private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n  containers:\n"
            + "    - name: app\n      image: nginx:1.27\n";

    @TempDir
    Path directory;

    private Lockfile lockfile() {
        return Lockfile.empty().with(ImageReference.parse("nginx:1.27"),
                new LockEntry(Digest.sha256("nginx 1.27"), CLOCK.instant()));
    }

    @Test
    void pinAndCheckReadTheSameFiles() throws Exception {
        Files.createDirectories(directory.resolve("apps/.git"));
        Files.createDirectories(directory.resolve(".hidden"));
        Files.writeString(directory.resolve("apps/pod.yaml"), POD.formatted("a"));
        Files.writeString(directory.resolve("apps/pod.YML"), POD.formatted("b"));
        Files.writeString(directory.resolve("apps/pod.json"), "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"c\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.27\"}]}}");
        Files.writeString(directory.resolve("apps/.dot.yaml"), POD.formatted("hidden-file"));
        Files.writeString(directory.resolve("apps/.git/pod.yaml"), POD.formatted("in-git"));
        Files.writeString(directory.resolve(".hidden/pod.yaml"), POD.formatted("hidden-dir"));
        Files.writeString(directory.resolve("apps/pod.yaml.txt"), POD.formatted("text"));
        Files.writeString(directory.resolve("apps/notes.md"), "image: nginx:1.27\n");
        Path lock = directory.resolve("apps/palisade.lock.json");
        lockfile().save(lock);
        PinSummary summary = DigestPinner.run(List.of(directory), PinOptions.defaults().withOffline(true)
                .withLockfile(lock).withWrite(true), CLOCK, RegistryOptions.defaults());
        Set<String> pinned = summary.files().stream().filter(PinResult::changed).map(PinResult::file)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> read = new TreeSet<>();
        ManifestReader.create().read(List.of(directory.toString()), new ManifestSink() {
            @Override
            public void resource(Resource resource) {
                read.add(resource.source().file());
            }

            @Override
            public void error(EvaluationError error) {
                // the lockfile is not a Kubernetes object; check reports it, pin leaves it alone
            }
        });
        read.remove(lock.toString());
        assertEquals(read, pinned);
        assertEquals(3, pinned.size(), pinned.toString());
        assertTrue(Files.readString(directory.resolve("apps/.dot.yaml")).contains("image: nginx:1.27\n"));
        assertTrue(Files.readString(directory.resolve(".hidden/pod.yaml")).contains("image: nginx:1.27\n"));
        assertTrue(Files.readString(directory.resolve("apps/pod.YML")).contains("image: nginx:1.27@sha256:"));
        assertEquals(lockfile(), Lockfile.load(lock), "the lockfile itself is never pinned");
    }

    @Test
    void aMalformedDocumentLeavesTheOthersPinnable() {
        String text = POD.formatted("a") + "---\nkind: [unclosed\n---\n" + POD.formatted("b");
        DigestPinner pinner = new DigestPinner(new LockfileResolver(lockfile(), "palisade.lock",
                java.util.Optional.empty(), false, CLOCK), Lockfile.empty());
        PinResult result = pinner.pin("two.yaml", text);
        Manifests read = ManifestReader.create().readString("two.yaml", text);
        assertEquals(2, read.resources().size());
        assertEquals(2, result.newText().split("@sha256:", -1).length - 1, result.newText());
        assertEquals(1, result.issues().size(), result.issues().toString());
        assertTrue(result.issues().get(0).describe().startsWith("two.yaml:"), result.issues().get(0).describe());
    }

    @Test
    void columnsCountCodePointsBeforeTheKey() {
        String text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                + "    - {name: \"\uD83D\uDE00x\", image: nginx:1.27}\n";
        DigestPinner pinner = new DigestPinner(new LockfileResolver(lockfile(), "palisade.lock",
                java.util.Optional.empty(), false, CLOCK), Lockfile.empty());
        PinResult result = pinner.pin("emoji.yaml", text);
        assertEquals(List.of(), result.issues());
        assertEquals(text.replace("image: nginx:1.27}", "image: nginx:1.27@" + Digest.sha256("nginx 1.27") + "}"),
                result.newText());
        assertFalse(result.diff().isEmpty());
    }
}
