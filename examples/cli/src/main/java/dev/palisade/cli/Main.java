package dev.palisade.cli;

import dev.palisade.core.PalisadeException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code palisade} command line. */
public final class Main {
    /** Exit status for usage, input and policy errors. */
    static final int EXIT_ERROR = 2;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    private Main() {
        for (Command command : List.<Command>of(new CheckCommand(), new EvalCommand(), new GatorCommand(),
                new KyvernoCommand(), new PinCommand(), new VerifyImageCommand(), new VerifyBlobCommand(),
                new VerifyAttestationCommand(), new TrustCommand(), new ImpactCommand(), new ExemptCommand(),
                new ExemptionsCommand())) {
            commands.put(command.name(), command);
        }
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (Throwable e) {
            // nothing may end the CLI with a status other than 0, 1 or 2, and 1 means "violations"
            status = EXIT_ERROR;
        }
        System.exit(status);
    }

    /** Runs the CLI with the given streams and returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Main().dispatch(Arrays.asList(args), out, err);
    }

    private int dispatch(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            if (args.size() > 1 && commands.containsKey(args.get(1))) {
                out.println(commands.get(args.get(1)).usage());
            } else {
                out.println(overview());
            }
            return args.isEmpty() ? EXIT_ERROR : 0;
        }
        if (args.get(0).equals("--version") || args.get(0).equals("version")) {
            out.println("palisade " + Version.current());
            return 0;
        }
        Command command = commands.get(args.get(0));
        if (command == null) {
            err.println("palisade: unknown command '" + args.get(0) + "'\n\n" + overview());
            return EXIT_ERROR;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(command.usage());
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("palisade " + command.name() + ": " + e.getMessage() + "\n\n" + command.usage());
            return EXIT_ERROR;
        } catch (PalisadeException e) {
            err.println("palisade " + command.name() + ": " + e.describe());
            return EXIT_ERROR;
        } catch (OutOfMemoryError e) {
            err.println("palisade " + command.name() + ": out of memory (maximum heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB); give Java more memory"
                    + " (PALISADE_JAVA_OPTS=-Xmx2g), check fewer files at once, or lower --max-findings for text");
            return EXIT_ERROR;
        } catch (StackOverflowError e) {
            err.println("palisade " + command.name() + ": input nested too deeply to evaluate (stack overflow);"
                    + " lower --max-depth or raise the thread stack size (PALISADE_JAVA_OPTS=-Xss8m)");
            return EXIT_ERROR;
        } catch (Exception | Error e) {
            err.println("palisade " + command.name() + ": internal error: " + e
                    + " (please report it; exit status 2 means the run was not completed)");
            return EXIT_ERROR;
        }
    }

    private String overview() {
        StringBuilder text = new StringBuilder("usage: palisade <command> [options]\n\ncommands:\n");
        commands.values().forEach(c -> text.append(String.format("  %-14s %s%n", c.name(), c.summary())));
        text.append("\n'palisade <command> --help' shows a command's options.");
        return text.toString();
    }
}
