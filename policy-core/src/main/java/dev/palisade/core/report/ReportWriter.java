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

    /**
     * Writes the whole report to {@code out} and flushes it.
     *
     * @param report the report
     * @param out where to write; flushed, not closed
     * @throws IOException when writing fails
     */
    void write(Report report, Writer out) throws IOException;
}
