package dev.palisade.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a read produced: resources in input order, errors (malformed documents, limits, files that
 * cannot be read), and what was skipped with the reason and a category.
 */
public record Manifests(List<Resource> resources, List<EvaluationError> errors, List<SkippedFile> skipped) {

    /**
     * Copies the lists.
     *
     * @param resources the resources read, in input order
     * @param errors what could not be read
     * @param skipped files and documents that were not judged
     */
    public Manifests {
        resources = List.copyOf(resources);
        errors = List.copyOf(errors);
        skipped = List.copyOf(skipped);
    }

    /**
     * {@return the skipped files grouped by category, in the categories' order; categories without files are absent}
     */
    public Map<SkippedFile.Category, List<SkippedFile>> skippedByCategory() {
        return group(skipped);
    }

    /**
     * Groups skipped files by category, in the categories' order.
     *
     * @param files skipped files
     * @return the files per category
     */
    public static Map<SkippedFile.Category, List<SkippedFile>> group(List<SkippedFile> files) {
        Map<SkippedFile.Category, List<SkippedFile>> groups = new EnumMap<>(SkippedFile.Category.class);
        for (SkippedFile file : files) {
            groups.computeIfAbsent(file.category(), c -> new java.util.ArrayList<>()).add(file);
        }
        groups.replaceAll((category, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(groups);
    }

    /**
     * A file (or, for {@link Category#NOT_KUBERNETES}, documents of a file) that was not judged, why,
     * and its category.
     *
     * @param file the path as named or found in a directory walk
     * @param reason why, and what to do to judge it when that is possible
     * @param category the kind of file
     */
    public record SkippedFile(String file, String reason, Category category) {

        /**
         * Checks that nothing is null.
         *
         * @param file the path as named or found in a directory walk
         * @param reason why, and what to do to judge it when that is possible
         * @param category the kind of file
         */
        public SkippedFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(category, "category");
        }

        /**
         * A skipped file of another file type ({@link Category#OTHER_FILE}).
         *
         * @param file the file's name
         * @param reason why it was skipped
         */
        public SkippedFile(String file, String reason) {
            this(file, reason, Category.OTHER_FILE);
        }

        /** Why a file was not judged. */
        public enum Category {
            /** A kustomization, or a patch, generator input or configuration that a kustomization names. */
            KUSTOMIZE("kustomization"),
            /** A Helm chart's metadata, values or templates (charts are judged once rendered). */
            HELM_CHART("Helm chart"),
            /** A template (Go or Jinja markup such as <code>{{ .Values.x }}</code>) that is not YAML until rendered. */
            TEMPLATE("templates"),
            /** YAML or JSON that is not a Kubernetes object: no apiVersion and kind (application config). */
            NOT_KUBERNETES("not Kubernetes objects"),
            /** A file that is not {@code .yaml}, {@code .yml} or {@code .json}. */
            OTHER_FILE("other file types"),
            /** A hidden file or directory (name starting with a dot), such as {@code .git}. */
            HIDDEN("hidden"),
            /** Excluded by {@code .palisadeignore} or an exclude pattern. */
            EXCLUDED("excluded"),
            /** A symbolic link to a directory, or something other than a regular file, in a directory walk. */
            NOT_FOLLOWED("links and special files");

            private final String label;

            Category(String label) {
                this.label = label;
            }

            /** {@return how a summary names the category ("12 Helm chart")} */
            public String label() {
                return label;
            }
        }
    }
}
