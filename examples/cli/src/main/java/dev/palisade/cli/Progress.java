package dev.palisade.cli;

import java.io.PrintStream;

/**
 * A progress line on stderr while many files are read: shown only on a terminal, and only past
 * {@value #THRESHOLD} files, rewritten in place every {@value #EVERY} files, cleared at the end.
 */
final class Progress {
    static final int THRESHOLD = 200;
    static final int EVERY = 50;

    private final PrintStream err;
    private final boolean terminal;
    private int files;
    private boolean shown;

    Progress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    void file() {
        files++;
        if (terminal && files > THRESHOLD && files % EVERY == 0) {
            err.print("\rpalisade: read " + files + " files...");
            err.flush();
            shown = true;
        }
    }

    void done() {
        if (shown) {
            err.print("\rpalisade: read " + files + " files.   \n");
            err.flush();
        }
    }

    int files() {
        return files;
    }
}
