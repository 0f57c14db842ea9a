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

    public ReaderLimits {
        if (maxDocumentBytes <= 0 || maxFileBytes <= 0 || maxDepth <= 0 || maxAliasNodes < 0) {
            throw new PalisadeException("reader limits must be positive");
        }
    }

    public ReaderLimits withMaxDocumentBytes(long value) {
        return new ReaderLimits(value, maxFileBytes, maxDepth, maxAliasNodes);
    }

    public ReaderLimits withMaxFileBytes(long value) {
        return new ReaderLimits(maxDocumentBytes, value, maxDepth, maxAliasNodes);
    }

    public ReaderLimits withMaxDepth(int value) {
        return new ReaderLimits(maxDocumentBytes, maxFileBytes, value, maxAliasNodes);
    }

    public ReaderLimits withMaxAliasNodes(long value) {
        return new ReaderLimits(maxDocumentBytes, maxFileBytes, maxDepth, value);
    }
}
