package dev.palisade.helm.internal;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Gives the JVM back its handlers for SIGINT, SIGTERM and SIGQUIT after Helm has run. helm-java's
 * install path (which {@code helm template} goes through) calls Go's {@code signal.Notify} for these
 * signals, and from then on the Go runtime takes them: Ctrl-C, {@code kill} and thread dumps would no
 * longer reach the JVM, and a CLI could not be stopped. The JVM's handlers are saved (as opaque
 * {@code struct sigaction} bytes, whatever the platform's layout) before Helm first runs and put back
 * after each rendering. Go installs its handler for a signal once, so after the first rendering the
 * JVM keeps its handlers. Nothing is done on Windows, which has no {@code sigaction}.
 */
final class Signals {
    private static final int SIGINT = 2;
    private static final int SIGQUIT = 3;
    private static final int SIGTERM = 15;
    private static final int[] SIGNALS = {SIGINT, SIGQUIT, SIGTERM};
    /** Larger than {@code struct sigaction} on every platform JNA supports (152 bytes on Linux). */
    private static final int SIGACTION_BYTES = 1024;

    /** The C library functions used. */
    public interface CLibrary extends Library {
        /** {@code sigaction(2)}. */
        int sigaction(int signal, Pointer action, Pointer previous);

        /** {@code raise(3)}. */
        int raise(int signal);
    }

    private final CLibrary libc;
    private final Memory[] saved;

    private Signals(CLibrary libc, Memory[] saved) {
        this.libc = libc;
        this.saved = saved;
    }

    /** Saves the current handlers (the JVM's); call before Helm first runs. */
    static Signals save() {
        if (Platform.isWindows()) {
            return new Signals(null, null);
        }
        CLibrary libc = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
        Memory[] saved = new Memory[SIGNALS.length];
        for (int i = 0; i < SIGNALS.length; i++) {
            saved[i] = new Memory(SIGACTION_BYTES);
            saved[i].clear();
            if (libc.sigaction(SIGNALS[i], null, saved[i]) != 0) {
                saved[i] = null;
            }
        }
        return new Signals(libc, saved);
    }

    /** Puts the saved handlers back. */
    synchronized void restore() {
        if (libc == null) {
            return;
        }
        for (int i = 0; i < SIGNALS.length; i++) {
            if (saved[i] != null) {
                libc.sigaction(SIGNALS[i], saved[i], null);
            }
        }
    }

    /**
     * Sends SIGINT to the process again, once the JVM's handler is back: for a signal that arrived
     * while Go held it (it only cancelled the rendering).
     */
    void redeliverInterrupt() {
        if (libc != null) {
            libc.raise(SIGINT);
        }
    }
}
