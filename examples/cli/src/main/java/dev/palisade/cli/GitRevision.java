package dev.palisade.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The git commit a directory is checked out at, for reports and histories: read from the repository's
 * files ({@code .git/HEAD}, the ref it names, {@code packed-refs}; worktrees and submodules, whose
 * {@code .git} is a file, included), else from {@code git rev-parse HEAD} when git is on the PATH;
 * empty when neither works (not a repository, no git): the revision is then simply unknown.
 */
final class GitRevision {
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private GitRevision() {
    }

    /** The commit of the repository holding {@code start}, if it can be found. */
    static Optional<String> of(Path start) {
        Optional<String> read = fromFiles(start.toAbsolutePath().normalize());
        return read.isPresent() ? read : fromGit(start.toAbsolutePath().normalize());
    }

    /** Reads HEAD from the repository files, walking up from {@code start} to the {@code .git} entry. */
    static Optional<String> fromFiles(Path start) {
        try {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path dotGit = dir.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return head(dotGit, dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String line = firstLine(dotGit);
                    if (!line.startsWith("gitdir:")) {
                        return Optional.empty();
                    }
                    Path gitDir = dir.resolve(line.substring("gitdir:".length()).trim()).normalize();
                    Path common = gitDir;
                    Path commonFile = gitDir.resolve("commondir");
                    if (Files.isRegularFile(commonFile)) {
                        common = gitDir.resolve(firstLine(commonFile)).normalize();
                    }
                    return head(gitDir, common);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> head(Path gitDir, Path commonDir) throws IOException {
        String head = firstLine(gitDir.resolve("HEAD"));
        if (OBJECT_ID.matcher(head).matches()) {
            return Optional.of(head);
        }
        if (!head.startsWith("ref:")) {
            return Optional.empty();
        }
        String ref = head.substring(4).trim();
        if (ref.contains("..")) {
            return Optional.empty();
        }
        for (Path dir : List.of(gitDir, commonDir)) {
            Path file = dir.resolve(ref);
            if (Files.isRegularFile(file)) {
                String id = firstLine(file);
                return OBJECT_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ", 2);
                if (parts.length == 2 && parts[1].equals(ref) && OBJECT_ID.matcher(parts[0]).matches()) {
                    return Optional.of(parts[0]);
                }
            }
        }
        return Optional.empty();
    }

    /** Asks git (at most 10 seconds; its one line of output fits the pipe); empty when git is absent or fails. */
    static Optional<String> fromGit(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            git.getOutputStream().close();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            byte[] out = git.getInputStream().readNBytes(256);
            String id = new String(out, StandardCharsets.US_ASCII).trim();
            return git.exitValue() == 0 && OBJECT_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String firstLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(0).trim();
    }
}
