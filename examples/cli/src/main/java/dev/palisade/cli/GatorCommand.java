package dev.palisade.cli;

import dev.palisade.rules.gatekeeper.GatorSuiteRunner;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code palisade gator verify}: runs Gatekeeper {@code suite.yaml} test suites as {@code gator verify} does. */
final class GatorCommand implements Command {

    @Override
    public String name() {
        return "gator";
    }

    @Override
    public String summary() {
        return "gator verify PATH...: run Gatekeeper suite.yaml test suites";
    }

    @Override
    public String usage() {
        return """
                usage: palisade gator verify PATH...

                Finds suite.yaml files (kind Suite, test.gatekeeper.sh/v1alpha1) under each PATH and runs them as
                `gator verify` does: templates and constraints are loaded, every case's object (or AdmissionReview)
                is evaluated with its inventory, and each assertion (violations: yes|no|N, message regex) is
                checked. Prints each failing assertion with its file, then `N passed, M failed`.

                exit status: 0 every assertion passed, 1 some failed (or a path holds no suite), 2 usage errors
                and paths that cannot be read.""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(rawArgs, Set.of(), Set.of());
        List<String> positional = args.positional();
        if (positional.isEmpty() || !positional.get(0).equals("verify")) {
            throw new UsageException("the gator command has one subcommand: verify PATH...");
        }
        if (positional.size() < 2) {
            throw new UsageException("name at least one directory or suite.yaml file");
        }
        List<Path> paths = positional.subList(1, positional.size()).stream().map(Path::of).toList();
        for (Path path : paths) {
            if (!java.nio.file.Files.exists(path)) {
                err.println("palisade gator: cannot read " + path + ": no such file or directory");
                return Main.EXIT_ERROR;
            }
            if (!java.nio.file.Files.isReadable(path)) {
                err.println("palisade gator: cannot read " + path + ": permission denied");
                return Main.EXIT_ERROR;
            }
        }
        PrintWriter writer = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        int status = GatorSuiteRunner.create().verify(paths, writer);
        writer.flush();
        return status;
    }
}
