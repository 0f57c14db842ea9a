package dev.palisade.sigstore.pin;

import java.util.List;
import java.util.Objects;

/**
 * The pinning of one file.
 *
 * @param file the file name as given
 * @param originalText the text read
 * @param newText the text with image values pinned, otherwise byte-for-byte the original
 * @param diff a unified diff from the original to the new text ({@code ""} when unchanged)
 * @param patches one per resource with images, in file order
 * @param issues images that were not pinned (also listed per resource), and file-level problems
 */
public record PinResult(String file, String originalText, String newText, String diff, List<ResourcePatch> patches,
        List<PinIssue> issues) {

    /**
     * Checks that every component is present and copies the collections.
     *
     * @param file the file name as given
     * @param originalText the text read
     * @param newText the text with image values pinned, otherwise byte-for-byte the original
     * @param diff a unified diff from the original to the new text ({@code ""} when unchanged)
     * @param patches one per resource with images, in file order
     * @param issues images that were not pinned (also listed per resource), and file-level problems
     */
    public PinResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(originalText, "originalText");
        Objects.requireNonNull(newText, "newText");
        Objects.requireNonNull(diff, "diff");
        patches = List.copyOf(patches);
        issues = List.copyOf(issues);
    }

    /** {@return whether pinning changed the text} */
    public boolean changed() {
        return !originalText.equals(newText);
    }

    /** {@return whether some image could not be pinned} */
    public boolean hasIssues() {
        return !issues.isEmpty();
    }
}
