package dev.palisade.helm.internal;

import dev.palisade.core.RenderedChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the templates of a chart (and of its unpacked subcharts) that declare Helm hooks. helm-java
 * renders a release's manifest, which Helm keeps apart from its hooks, so hook objects (a
 * {@code pre-install} Job, a test Pod) are not in its output; the templates that annotate objects with
 * {@code helm.sh/hook} are reported instead, so that they are skipped visibly rather than silently.
 */
public final class HookTemplates {
    private static final String HOOK = "helm.sh/hook";

    private HookTemplates() {
    }

    /** The hook templates of the chart, as omitted files with the reason. */
    public static List<RenderedChart.Omitted> find(Path chart, String display) {
        List<RenderedChart.Omitted> omitted = new ArrayList<>();
        scan(chart, chart, display, omitted);
        return omitted;
    }

    private static void scan(Path chart, Path directory, String display, List<RenderedChart.Omitted> omitted) {
        Path templates = directory.resolve("templates");
        if (Files.isDirectory(templates)) {
            try (Stream<Path> files = Files.walk(templates)) {
                for (Path file : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith("_") || name.equals("NOTES.txt") || !declaresHook(file)) {
                        continue;
                    }
                    String path = slashes(chart.relativize(file));
                    omitted.add(new RenderedChart.Omitted(path, "declares Helm hooks (" + HOOK + "), which are not"
                            + " rendered in-process (helm-java renders a release's manifest without its hooks); judge"
                            + " them with: helm template " + display + " --show-only " + path + " | palisade check -"));
                }
            } catch (IOException | UncheckedIOException e) {
                // Helm reads the same files and reports what it cannot read
            }
        }
        Path subcharts = directory.resolve("charts");
        if (Files.isDirectory(subcharts)) {
            try (Stream<Path> children = Files.list(subcharts)) {
                for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                    scan(chart, child, display, omitted);
                }
            } catch (IOException | UncheckedIOException e) {
                // likewise
            }
        }
    }

    private static boolean declaresHook(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(HOOK);
        } catch (IOException e) {
            return false;
        }
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
