package dev.palisade.core.internal.reader;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a repository's layout says about its files before they are read: Kustomize files (a
 * kustomization, and the patches, generator inputs, transformer configurations and replacements it
 * names) and Helm chart files (a chart's {@code Chart.yaml}, values files, {@code templates/} and
 * {@code ci/}). Files that are neither are read, and classified by what they hold. Built from the
 * list of files a directory walk found; not thread-safe while it is filled.
 */
public final class RepositoryLayout {
    /** The categories of layout files. */
    public enum Kind {
        /** A kustomization, or a file that one names as a patch, generator input or configuration. */
        KUSTOMIZE,
        /** A file of a Helm chart (not rendered). */
        HELM_CHART
    }

    /** Why a file is a layout file. */
    public record Role(Kind kind, String reason) {
    }

    private final Map<Path, Role> named = new HashMap<>();
    private final Map<Path, Role> kustomizeCharts = new HashMap<>();

    /** Whether a file name is a kustomization's. */
    public static boolean isKustomization(String fileName) {
        return fileName.equals("kustomization.yaml") || fileName.equals("kustomization.yml")
                || fileName.equals("Kustomization");
    }

    /** Whether a file name is a Helm chart's metadata. */
    public static boolean isChartFile(String fileName) {
        return fileName.equals("Chart.yaml") || fileName.equals("Chart.yml");
    }

    /**
     * Records the files a kustomization names: {@code patches}, {@code patchesStrategicMerge},
     * {@code patchesJson6902}, {@code replacements}, {@code configMapGenerator} and
     * {@code secretGenerator} ({@code files}, {@code envs}, {@code env}), {@code configurations},
     * {@code transformers}, {@code generators}, {@code validators}, {@code openapi} and
     * {@code helmCharts[].valuesFile}. Resources ({@code resources}, {@code crds}) are judged, so
     * they are not recorded.
     */
    public void addKustomization(Path kustomization, JsonNode content) {
        Path directory = kustomization.toAbsolutePath().normalize().getParent();
        String why = "named by " + kustomization + "; Kustomize applies it. Judge the rendered output: kustomize build "
                + displayDirectory(kustomization) + " | palisade check -";
        for (String field : List.of("patchesStrategicMerge", "configurations", "transformers", "generators",
                "validators")) {
            for (JsonNode entry : content.path(field)) {
                if (entry.isTextual()) {
                    name(directory, entry.textValue(), why);
                }
            }
        }
        for (String field : List.of("patches", "patchesJson6902", "replacements")) {
            for (JsonNode entry : content.path(field)) {
                name(directory, entry.path("path").asText(""), why);
            }
        }
        for (String field : List.of("configMapGenerator", "secretGenerator")) {
            for (JsonNode generator : content.path(field)) {
                for (JsonNode file : generator.path("files")) {
                    String text = file.asText("");
                    name(directory, text.substring(text.indexOf('=') + 1), why);
                }
                for (JsonNode env : generator.path("envs")) {
                    name(directory, env.asText(""), why);
                }
                name(directory, generator.path("env").asText(""), why);
            }
        }
        name(directory, content.path("openapi").path("path").asText(""), why);
        String chartHome = content.path("helmGlobals").path("chartHome").asText("charts");
        for (JsonNode chart : content.path("helmCharts")) {
            name(directory, chart.path("valuesFile").asText(""), why);
            String name = chart.path("name").asText("");
            if (!name.isBlank() && !name.contains("/") && !chartHome.contains("://")) {
                try {
                    kustomizeCharts.putIfAbsent(directory.resolve(chartHome).resolve(name).normalize(),
                            new Role(Kind.KUSTOMIZE, "a Helm chart that " + kustomization + " renders with its own"
                                    + " values (helmCharts); judge what Kustomize builds: kustomize build --enable-helm "
                                    + displayDirectory(kustomization) + " | palisade check -"));
                } catch (java.nio.file.InvalidPathException e) {
                    // not a path: nothing to record
                }
            }
        }
    }

    /**
     * The role of a chart directory that a kustomization renders through {@code helmCharts} (under its
     * {@code chartHome}, {@code charts/} by default), or {@code null}: such a chart is rendered by
     * Kustomize with the kustomization's values, so it is not rendered on its own.
     */
    public Role kustomizeChart(Path chartDirectory) {
        return kustomizeCharts.get(chartDirectory.toAbsolutePath().normalize());
    }

    private static String displayDirectory(Path kustomization) {
        Path parent = kustomization.getParent();
        return parent == null ? "." : parent.toString();
    }

    private void name(Path directory, String reference, String why) {
        if (reference.isBlank() || reference.contains("\n") || reference.contains("://")) {
            return;
        }
        try {
            named.putIfAbsent(directory.resolve(reference.strip()).normalize(), new Role(Kind.KUSTOMIZE, why));
        } catch (java.nio.file.InvalidPathException e) {
            // Not a path (an inline patch, say): nothing to record.
        }
    }

    /** The role of a file by its place in the layout, or {@code null} when it is to be read. */
    public Role roleOf(Path file, Path chartRoot) {
        String name = file.getFileName().toString();
        if (isKustomization(name)) {
            return new Role(Kind.KUSTOMIZE, "a kustomization; Palisade judges what Kustomize renders: kustomize build "
                    + displayDirectory(file) + " | palisade check -");
        }
        Role role = named.get(file.toAbsolutePath().normalize());
        if (role != null) {
            return role;
        }
        if (chartRoot != null) {
            Path relative = chartRoot.relativize(file);
            String first = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
            String lower = name.toLowerCase(Locale.ROOT);
            boolean topLevel = relative.getNameCount() == 1;
            if (first.equals("templates") || first.equals("ci")
                    || topLevel && (isChartFile(name) || name.equals("Chart.lock") || lower.startsWith("values")
                            || lower.startsWith("requirements."))) {
                return new Role(Kind.HELM_CHART, "part of the Helm chart " + chartRoot + ", which is not rendered"
                        + " (no chart renderer: policy-helm renders charts in-process, and the palisade CLI does unless"
                        + " --no-helm); or judge the rendered chart: helm template " + chartRoot + " | palisade check -");
            }
        }
        if (isChartFile(name)) {
            return new Role(Kind.HELM_CHART, "Helm chart metadata; judge the rendered chart: helm template "
                    + displayDirectory(file) + " | palisade check -");
        }
        return null;
    }
}
