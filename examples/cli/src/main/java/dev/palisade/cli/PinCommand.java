package dev.palisade.cli;

import dev.palisade.sigstore.pin.DigestPinner;
import dev.palisade.sigstore.pin.PinIssue;
import dev.palisade.sigstore.pin.PinOptions;
import dev.palisade.sigstore.pin.PinResult;
import dev.palisade.sigstore.pin.PinSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code palisade pin}: pins container images to digests in manifest files, with a lockfile. */
final class PinCommand implements Command {
    private static final Set<String> VALUED = ImageVerificationOptions.union(Set.of("lockfile"),
            ImageVerificationOptions.REGISTRY_VALUED);
    private static final Set<String> FLAGS = Set.of("write", "update", "offline");

    @Override
    public String name() {
        return "pin";
    }

    @Override
    public String summary() {
        return "pin container images to digests (image:tag -> image:tag@sha256:...) with a lockfile";
    }

    @Override
    public String usage() {
        return """
                usage: palisade pin [PATH]... [options]

                Finds every container image in the manifests below PATH (default: the current directory) and
                pins name:tag to name:tag@sha256:..., changing nothing else in the files. Digests come from the
                lockfile, or from the registry for tags the lockfile lacks (they are then recorded).
                Without --write, prints a unified diff of what would change.

                options:
                  --write                   rewrite the files and save the lockfile
                  --lockfile FILE           the lockfile (default: palisade.lock)
                  --update                  resolve every tag again and refresh the lockfile
                  --offline                 never contact a registry: every tag must be in the lockfile
                """ + ImageVerificationOptions.registryUsage() + """


                exit status: 0 nothing to change (or changes written), 1 changes pending without --write,
                2 errors (an image that cannot be pinned, an unreadable file or registry).""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(rawArgs, VALUED, FLAGS);
        List<Path> inputs = new ArrayList<>();
        for (String path : args.positional().isEmpty() ? List.of(".") : args.positional()) {
            inputs.add(Path.of(path));
        }
        PinOptions options = PinOptions.defaults().withWrite(args.flag("write")).withUpdate(args.flag("update"))
                .withOffline(args.flag("offline"))
                .withLockfile(Path.of(args.last("lockfile").orElse("palisade.lock")));
        if (args.last("registry-config").isPresent()) {
            options = options.withRegistryConfig(Path.of(args.last("registry-config").get()));
        }
        if (options.offline() && options.update()) {
            throw new UsageException("--update resolves tags with their registries, so it cannot be --offline");
        }
        PinSummary summary = DigestPinner.run(inputs, options, Clock.systemUTC(),
                ImageVerificationOptions.registryOptions(args));
        int changedFiles = 0;
        for (PinResult file : summary.files()) {
            for (PinIssue issue : file.issues()) {
                err.println("palisade pin: " + issue.describe());
            }
            if (file.changed()) {
                changedFiles++;
            }
        }
        if (!options.write()) {
            out.print(summary.diff());
        } else if (changedFiles > 0 || summary.lockfileChanged()) {
            out.println("pinned images in " + changedFiles + " file(s)" + (summary.lockfileChanged()
                    ? "; lockfile " + options.lockfile() + " updated" : ""));
        }
        if (summary.hasIssues()) {
            return Main.EXIT_ERROR;
        }
        boolean pending = changedFiles > 0 || summary.lockfileChanged();
        return !options.write() && pending ? 1 : 0;
    }
}
