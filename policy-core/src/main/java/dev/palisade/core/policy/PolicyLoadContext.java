package dev.palisade.core.policy;

import dev.palisade.core.Resource;
import dev.palisade.core.SourceLocation;
import java.util.List;

/** What a {@link PolicyFormat} sees while compiling: every loaded document, and where to report problems. */
public interface PolicyLoadContext {

    /**
     * {@return every document loaded together, of every format (for parameter objects and cross-references)}
     */
    List<Resource> allDocuments();

    /**
     * Reports a problem in a policy document; the load fails with exit status 2.
     *
     * @param location where
     * @param message what is wrong
     */
    void error(SourceLocation location, String message);
}
