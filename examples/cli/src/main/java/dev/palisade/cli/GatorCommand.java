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
                usage: palisade gator verify PATH... [--engine rego|cel|native|auto]

                Finds suite.yaml files (kind Suite, test.gatekeeper.sh/v1alpha1) under each PATH and runs them as
                `gator verify` does: templates and constraints are loaded, every case's object (or AdmissionReview)
                is evaluated with its inventory, and each assertion (violations: yes|no|N, message regex) is
                checked. Prints each failing assertion with its file, then `N passed, M failed`.

                --engine ENGINE   which code of each template runs: auto (default: CEL if the template has
                                  some, else Palisade's native kind, else its Rego), rego (the template's Rego
                                  alone, on Palisade's interpreter), cel, or native

                exit status: 0 every assertion passed, 1 some failed (or a path holds no suite), 2 usage errors
                and paths that cannot be read.""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(rawArgs, Set.of("engine"), Set.of());
        dev.palisade.rules.gatekeeper.GatekeeperEngine engine = Engine.gatekeeperEngine(args);
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
        int status = GatorSuiteRunner.create(engine).verify(paths, writer);
        writer.flush();
        return status;
    }
}
