package dev.palisade.core.report;

import dev.palisade.core.Report;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a {@link Report} in one format. Implementations are immutable and thread-safe; they never
 * close the writer they are given.
 */
@FunctionalInterface
public interface ReportWriter {

    /** Writes the whole report to {@code out} and flushes it. */
    void write(Report report, Writer out) throws IOException;
}
