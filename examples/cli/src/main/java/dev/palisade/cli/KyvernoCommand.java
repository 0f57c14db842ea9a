package dev.palisade.cli;

import dev.palisade.kyverno.KyvernoTestRunner;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code palisade kyverno test}: runs Kyverno test files as {@code kyverno test} does. */
final class KyvernoCommand implements Command {

    @Override
    public String name() {
        return "kyverno";
    }

    @Override
    public String summary() {
        return "kyverno test PATH...: run Kyverno kyverno-test.yaml files";
    }

    @Override
    public String usage() {
        return """
                usage: palisade kyverno test PATH... [--file-name NAME] [--strict]

                Finds Kyverno test files (kyverno-test.yaml, kind Test, cli.kyverno.io/v1alpha1) under each PATH
                and runs them as `kyverno test` does: the test's ClusterPolicies and Policies, and Kyverno's CEL
                policy kinds (ValidatingPolicy, MutatingPolicy, GeneratingPolicy), are applied to its resources
                (mutations, then validations, then generation) with its values, user info, context file and
                PolicyExceptions, offline, and each result entry is checked (policy, rule and its autogen variants,
                resources by name or namespace/name, result pass|fail|skip|warn|error, patchedResources,
                generatedResource). One assertion is one result entry for one resource. Prints one line per test
                file, each failing assertion, and `N passed, M failed`.

                options:
                  --file-name NAME   test file name to look for (default kyverno-test.yaml)
                  --strict           a rule that produced no response for a resource (it did not match or was
                                     excluded) fails the assertion; Kyverno counts it as passed

                Results about DeletingPolicy and ImageValidatingPolicy (they need a cluster or a registry) and
                about Kubernetes admission policies (ValidatingAdmissionPolicy, MutatingAdmissionPolicy) are
                reported as not applicable / not supported, never as passed.

                exit status: 0 every assertion passed, 1 some failed, 2 usage errors, test files that could not
                run, or assertions that are not applicable offline or not supported.""";
    }

    @Override
    public int run(List<String> rawArgs, PrintStream out, PrintStream err) {
        Arguments args = Arguments.parse(rawArgs, Set.of("file-name"), Set.of("strict"));
        List<String> positional = args.positional();
        if (positional.isEmpty() || !positional.get(0).equals("test")) {
            throw new UsageException("the kyverno command has one subcommand: test PATH...");
        }
        if (positional.size() < 2) {
            throw new UsageException("name at least one directory or kyverno-test.yaml file");
        }
        KyvernoTestRunner runner = KyvernoTestRunner.builder()
                .fileName(args.last("file-name").orElse(KyvernoTestRunner.DEFAULT_FILE_NAME))
                .strict(args.flag("strict"))
                .build();
        List<Path> paths = positional.subList(1, positional.size()).stream().map(Path::of).toList();
        PrintWriter writer = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        int status = runner.verify(paths, writer);
        writer.flush();
        return status;
    }
}
