package dev.palisade.cli;

import dev.palisade.core.PalisadeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Policy files as they are at a Git revision: {@code git ls-tree} lists what a path held there and
 * {@code git show REV:path} copies each file into a temporary directory, mirroring the repository's
 * layout, so the base policies load like any policy directory.
 */
final class GitSnapshot {
    private GitSnapshot() {
    }

    /**
     * Base references for {@code refs} at {@code revision}: {@code builtin:} references unchanged,
     * paths replaced by their copies under {@code into}; a path that did not exist at the revision
     * is left out (its policies are new) with a note on {@code err}.
     */
    static List<String> snapshot(String revision, List<String> refs, Path into, PrintStream err) throws IOException {
        List<String> base = new ArrayList<>();
        for (String ref : refs) {
            if (ref.startsWith("builtin:")) {
                base.add(ref);
                continue;
            }
            Path path = Path.of(ref);
            if (!Files.exists(path)) {
                throw new PalisadeException("--base-git: " + ref + " does not exist in the working tree");
            }
            Path real = path.toRealPath();
            Path directory = Files.isDirectory(real) ? real : real.getParent();
            // the repository the policy files are in, at the revision
            Path root = Path.of(git(directory, "rev-parse", "--show-toplevel").strip()).toRealPath();
            String commit = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}")
                    .strip();
            String relative = root.relativize(real).toString().replace(java.io.File.separatorChar, '/');
            String listing = git(root, "ls-tree", "-r", "--name-only", "-z", commit, "--", relative.isEmpty() ? "." : relative);
            List<String> files = new ArrayList<>();
            for (String name : listing.split("\0")) {
                if (!name.isEmpty()) {
                    files.add(name);
                }
            }
            if (files.isEmpty()) {
                err.println("palisade impact: " + ref + " did not exist at " + revision + "; its policies are new");
                continue;
            }
            for (String file : files) {
                Path target = into.resolve(file).normalize();
                if (!target.startsWith(into)) {
                    throw new PalisadeException("--base-git: unexpected path in the repository: " + file);
                }
                Files.createDirectories(target.getParent());
                Files.write(target, gitBytes(root, "show", commit + ":" + file));
            }
            base.add(into.resolve(relative.isEmpty() ? "." : relative).normalize().toString());
        }
        return base;
    }

    private static String git(Path dir, String... args) throws IOException {
        return new String(gitBytes(dir, args), StandardCharsets.UTF_8);
    }

    private static byte[] gitBytes(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new PalisadeException("--base-git needs git on the PATH: " + e.getMessage());
        }
        process.getOutputStream().close();
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] output = readAll(process.getInputStream());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PalisadeException("--base-git: git " + args[0] + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new PalisadeException("--base-git: interrupted while git ran");
        }
        if (process.exitValue() != 0) {
            String message = new String(errors.join(), StandardCharsets.UTF_8).strip();
            if (args[0].equals("rev-parse") && args.length > 1 && args[1].equals("--show-toplevel")) {
                throw new PalisadeException("--base-git: " + dir + " is not in a Git repository"
                        + (message.isEmpty() ? "" : " (" + message + ")"));
            }
            if (args[0].equals("rev-parse")) {
                throw new PalisadeException("--base-git: no commit '" + args[args.length - 1].replace("^{commit}", "")
                        + "' in this repository (fetch it first, e.g. git fetch origin main, in CI a deeper clone)");
            }
            throw new PalisadeException("--base-git: git " + String.join(" ", args) + " failed: " + message);
        }
        return output;
    }

    private static byte[] readAll(InputStream in) {
        try (InputStream stream = in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            stream.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
