package dev.palisade.core.internal.reader;

/** Texts of the errors raised when input exceeds a {@link dev.palisade.core.ReaderLimits} setting. */
public final class LimitMessages {

    private LimitMessages() {
    }

    /** A document larger than the document-size limit. */
    public static String documentTooLarge(long max) {
        return "document is larger than the limit of " + max + " bytes; raise it with"
                + " ReaderLimits.withMaxDocumentBytes or the CLI flag --max-document-bytes";
    }

    /** A file or stream larger than the file-size limit. */
    public static String fileTooLarge(long max) {
        return "input is larger than the limit of " + max + " bytes; raise it with"
                + " ReaderLimits.withMaxFileBytes or the CLI flag --max-file-bytes";
    }

    /** Mappings and sequences nested deeper than the depth limit. */
    public static String tooDeep(int max) {
        return "mappings and lists are nested more than " + max + " levels deep; raise the limit with"
                + " ReaderLimits.withMaxDepth or the CLI flag --max-depth";
    }

    /** Aliases that expand to more nodes than the alias limit (an alias bomb). */
    public static String tooManyAliasNodes(long max) {
        return "aliases (*name) expand to more than " + max + " nodes, as an alias bomb would; raise the"
                + " limit with ReaderLimits.withMaxAliasNodes or the CLI flag --max-alias-nodes";
    }
}
