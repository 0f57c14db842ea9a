package dev.palisade.core;

/**
 * Limits that protect a host from huge or hostile input. Each has a safe default; errors that hit
 * one name the setting to raise.
 *
 * @param maxDocumentBytes largest YAML/JSON document (default 3 MiB, the API server's request limit)
 * @param maxFileBytes largest file or stream
 * @param maxDepth deepest nesting of mappings and sequences
 * @param maxAliasNodes most nodes that alias expansion may add to one document (alias bombs)
 */
public record ReaderLimits(long maxDocumentBytes, long maxFileBytes, int maxDepth, long maxAliasNodes) {

    /** Safe defaults. */
    public static final ReaderLimits DEFAULTS = new ReaderLimits(3L * 1024 * 1024, 256L * 1024 * 1024, 200, 10_000);

    /**
     * Checks that every limit is positive (the alias limit may be 0: no aliases at all).
     *
     * @param maxDocumentBytes largest YAML/JSON document (default 3 MiB, the API server's request limit)
     * @param maxFileBytes largest file or stream
     * @param maxDepth deepest nesting of mappings and sequences
     * @param maxAliasNodes most nodes that alias expansion may add to one document (alias bombs)
     */
    public ReaderLimits {
        requirePositive(maxDocumentBytes, "maxDocumentBytes (--max-document-bytes)");
        requirePositive(maxFileBytes, "maxFileBytes (--max-file-bytes)");
        requirePositive(maxDepth, "maxDepth (--max-depth)");
        if (maxAliasNodes < 0) {
            throw new PalisadeException("reader limit maxAliasNodes (--max-alias-nodes) must be 0 or more, not "
                    + maxAliasNodes);
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new PalisadeException("reader limit " + name + " must be positive, not " + value);
        }
    }

    /**
     * {@return the same limits with another largest document size in bytes (CLI {@code --max-document-bytes})}
     *
     * @param value the size
     */
    public ReaderLimits withMaxDocumentBytes(long value) {
        return new ReaderLimits(value, maxFileBytes, maxDepth, maxAliasNodes);
    }

    /**
     * {@return the same limits with another largest file or stream size in bytes (CLI {@code --max-file-bytes})}
     *
     * @param value the size
     */
    public ReaderLimits withMaxFileBytes(long value) {
        return new ReaderLimits(maxDocumentBytes, value, maxDepth, maxAliasNodes);
    }

    /**
     * {@return the same limits with another deepest nesting (CLI {@code --max-depth})}
     *
     * @param value the depth
     */
    public ReaderLimits withMaxDepth(int value) {
        return new ReaderLimits(maxDocumentBytes, maxFileBytes, value, maxAliasNodes);
    }

    /**
     * {@return the same limits with another alias-expansion budget in nodes (CLI {@code --max-alias-nodes})}
     *
     * @param value the budget
     */
    public ReaderLimits withMaxAliasNodes(long value) {
        return new ReaderLimits(maxDocumentBytes, maxFileBytes, maxDepth, value);
    }
}
