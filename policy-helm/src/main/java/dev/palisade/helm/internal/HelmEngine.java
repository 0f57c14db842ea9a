package dev.palisade.helm.internal;

import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import dev.palisade.core.PalisadeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Helm's native library, loaded once, and the one thread that calls it. Renderings run one at a time
 * on that daemon thread (Helm keeps process-wide state), each within a time limit: Helm's template
 * engine has no cost budget of its own, so a chart that loops is stopped waiting for, and later
 * renderings are refused until the runaway one ends (native code cannot be interrupted). The native
 * library is taken from the class path only; helm-java's fallback that downloads it from Maven
 * Central at run time is never used.
 */
public final class HelmEngine {
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "palisade-helm");
        thread.setDaemon(true);
        return thread;
    });

    /** Loaded on the worker thread, on first use. */
    private static HelmLib library;
    private static volatile Signals signals;
    private static String loadFailure;
    /** The chart whose rendering ran past its time limit and is still running, if any. */
    private static volatile String runaway;

    private HelmEngine() {
    }

    /** A rendering request, as {@code helm template} flags. */
    public record Request(Path chart, String display, String releaseName, String namespace,
            Optional<String> kubeVersion, List<Path> valuesFiles, Map<String, String> set,
            Map<String, Path> setFiles, Duration timeout) {
    }

    /** Helm's error message for a chart it could not render. */
    public static final class HelmFailure extends Exception {
        private static final long serialVersionUID = 1L;

        HelmFailure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Renders a chart like {@code helm template}, returning Helm's output.
     *
     * @throws HelmFailure when Helm reports an error (its message)
     * @throws PalisadeException when Helm cannot run: no native library, the time limit
     */
    public static String template(Request request) throws HelmFailure {
        String busy = runaway;
        if (busy != null) {
            throw new PalisadeException("cannot render the Helm chart " + request.display() + ": Helm is still"
                    + " rendering the chart " + busy + ", which ran past its time limit; native code cannot be"
                    + " stopped, so no other chart is rendered in this process until it ends");
        }
        Future<String> result = WORKER.submit(() -> run(request));
        try {
            return result.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            runaway = request.display();
            WORKER.submit(() -> {
                runaway = null;
            });
            Signals saved = signals;
            if (saved != null) {
                saved.restore();
            }
            throw new PalisadeException("rendering the Helm chart " + request.display() + " did not finish within "
                    + seconds(request.timeout()) + "; Helm's template engine has no cost budget of its own (a"
                    + " template may loop or build huge output). Raise the limit with ChartOptions.withTimeout or"
                    + " the CLI flag --helm-timeout if the chart is just large");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PalisadeException("interrupted while rendering the Helm chart " + request.display(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HelmFailure failure) {
                throw failure;
            }
            if (cause instanceof PalisadeException palisade) {
                throw palisade;
            }
            throw new PalisadeException("cannot render the Helm chart " + request.display() + ": " + cause, cause);
        }
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** On the worker thread. */
    private static String run(Request request) throws HelmFailure {
        HelmLib helm = library();
        TemplateCommand command = new TemplateCommand(helm, request.chart().toAbsolutePath().normalize())
                .withName(request.releaseName())
                .withNamespace(request.namespace());
        request.kubeVersion().ifPresent(command::withKubeVersion);
        for (Path values : request.valuesFiles()) {
            command.withValuesFile(values.toAbsolutePath().normalize());
        }
        request.set().forEach(command::set);
        request.setFiles().forEach(command::setFile);
        try {
            return command.call();
        } catch (IllegalStateException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.toLowerCase(Locale.ROOT).contains("context canceled")) {
                signals.restore();
                signals.redeliverInterrupt();
            }
            throw new HelmFailure(message);
        } finally {
            signals.restore();
        }
    }

    private static HelmLib library() {
        if (library != null) {
            return library;
        }
        if (loadFailure != null) {
            throw new PalisadeException(loadFailure);
        }
        NativeLibrary nativeLibrary = NativeLibrary.serviceProviderLibrary(HelmEngine.class.getClassLoader());
        if (nativeLibrary == null) {
            loadFailure = "Helm's native library for " + platform() + " is not on the class path; add"
                    + " com.marcnuri.helm-java:" + platform() + " (the version of helm-java) next to policy-helm."
                    + " helm-java publishes linux-amd64, linux-arm64, darwin-amd64, darwin-arm64 and windows-amd64";
            throw new PalisadeException(loadFailure);
        }
        try {
            signals = Signals.save();
            library = nativeLibrary.load();
            return library;
        } catch (RuntimeException | LinkageError e) {
            loadFailure = "cannot load Helm's native library " + nativeLibrary.getBinaryName() + ": " + e;
            throw new PalisadeException(loadFailure, e);
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "windows" : "linux";
        String machine = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
        return system + "-" + machine;
    }
}
