package dev.palisade.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.palisade.core.Report;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReportWritersTest {

    /** A writer that remembers whether anyone closed it. */
    private static final class Unclosable extends StringWriter {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    @Test
    void writersNeverCloseTheirOutput() throws IOException {
        Report report = SampleReports.full();
        for (ReportFormat format : ReportFormat.values()) {
            Unclosable out = new Unclosable();
            ReportWriters.of(format, ReportOptions.defaults()).write(report, out);
            assertFalse(out.closed, format + " closed the writer");
            assertFalse(out.toString().isEmpty(), format + " wrote nothing");
        }
    }

    @Test
    void oneWriterServesManyThreadsWithTheSameOutput() throws Exception {
        Report report = SampleReports.full();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (ReportFormat format : ReportFormat.values()) {
                ReportWriter writer = ReportWriters.of(format, ReportOptions.defaults());
                StringWriter expected = new StringWriter();
                writer.write(report, expected);
                List<Future<String>> outputs = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    outputs.add(pool.submit(() -> {
                        StringWriter out = new StringWriter();
                        writer.write(report, out);
                        return out.toString();
                    }));
                }
                for (Future<String> output : outputs) {
                    assertEquals(expected.toString(), output.get(), format.label());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
