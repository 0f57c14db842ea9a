package dev.palisade.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of the CLI. */
interface Command {

    /** The name typed after {@code palisade}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The usage text of this command. */
    String usage();

    /** Runs the command and returns the exit status. */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
