package dev.palisade.benchmarks;

import dev.palisade.core.EvaluationError;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.ManifestSink;
import dev.palisade.core.Manifests;
import dev.palisade.core.Resource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shows that reading streams document by document through a {@link ManifestSink} with memory bounded
 * by the largest document: generates large inputs on disk, reads each through a sink that counts and
 * discards, and prints the peak heap use of each read. Run it with a small heap
 * ({@code .ci/reader-memory.sh} runs it at {@code -Xmx256m}); it exits 1 when a read runs out of
 * memory or does not produce the expected counts. Not a JMH benchmark: a scripted measurement.
 */
public final class ReaderMemory {

    private ReaderMemory() {
    }

    /** A sink that counts and keeps nothing. */
    private static final class Counting implements ManifestSink {
        long resources;
        long errors;
        long skipped;
        String firstError = "";

        @Override
        public void resource(Resource resource) {
            resources++;
        }

        @Override
        public void error(EvaluationError error) {
            if (errors++ == 0) {
                firstError = error.display();
            }
        }

        @Override
        public void skipped(Manifests.SkippedFile file) {
            skipped++;
        }
    }

    private record Scenario(String name, long expectedResources, long expectedErrors, Consumer<Counting> read) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("palisade-reader-memory");
        ManifestReader reader = ManifestReader.create();
        try {
            Path deployments = dir.resolve("deployments.yaml");
            long deploymentBytes = write(deployments, 62_091, ReaderMemory::deployment);
            Path resources = dir.resolve("resources.yaml");
            long resourceBytes = write(resources, 100_000, ReaderMemory::largerResource);
            Path small = dir.resolve("small.yaml");
            long smallBytes = write(small, 200_000, ReaderMemory::configMap);
            Path huge = dir.resolve("huge-document.yaml");
            long hugeBytes = writeHugeDocument(huge, 100L * 1024 * 1024);
            List<Scenario> scenarios = List.of(
                    new Scenario("62,091 Deployments in one file (" + mib(deploymentBytes) + ")", 62_091, 0,
                            sink -> reader.read(List.of(deployments.toString()), sink)),
                    new Scenario("100,000 resources in one file (" + mib(resourceBytes) + ")", 100_000, 0,
                            sink -> reader.read(List.of(resources.toString()), sink)),
                    new Scenario("200,000 small documents (" + mib(smallBytes) + ")", 200_000, 0,
                            sink -> reader.read(List.of(small.toString()), sink)),
                    new Scenario("one document of " + mib(hugeBytes) + " (over the 3 MiB limit)", 1, 1,
                            sink -> reader.read(List.of(huge.toString()), sink)),
                    new Scenario("an endless stream of NUL bytes (stdin from /dev/zero)", 0, 1,
                            sink -> reader.readStream("<stdin>", endless((byte) 0), sink)),
                    new Scenario("an endless stream of 'a' (stops at the 256 MiB stream limit)", 0, 1,
                            sink -> reader.readStream("<stdin>", endless((byte) 'a'), sink)));
            boolean failed = false;
            System.out.printf("max heap %d MiB%n", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            for (Scenario scenario : scenarios) {
                failed |= !run(scenario);
            }
            System.exit(failed ? 1 : 0);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static boolean run(Scenario scenario) {
        System.gc();
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                pools.add(pool);
            }
        }
        Counting sink = new Counting();
        long start = System.nanoTime();
        String outcome;
        boolean ok;
        try {
            scenario.read().accept(sink);
            ok = sink.resources == scenario.expectedResources() && sink.errors == scenario.expectedErrors();
            outcome = ok ? "ok" : "UNEXPECTED";
        } catch (OutOfMemoryError e) {
            ok = false;
            outcome = "OUT OF MEMORY";
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : pools) {
            peak += pool.getPeakUsage().getUsed();
        }
        System.out.printf("%-70s %s: %d resources, %d errors, %d ms, peak heap (sum of pool peaks) %d MiB%s%n",
                scenario.name(), outcome, sink.resources, sink.errors, millis, peak / (1024 * 1024),
                sink.errors > 0 ? "\n    first error: " + shorten(sink.firstError) : "");
        return ok;
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String mib(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }

    private interface Document {
        void write(Writer out, int i) throws IOException;
    }

    private static long write(Path file, int count, Document document) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                out.write("---\n");
                document.write(out, i);
            }
        }
        return Files.size(file);
    }

    private static void deployment(Writer out, int i) throws IOException {
        out.write("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app-%d
                  namespace: team-%d
                  labels:
                    app.kubernetes.io/name: app-%d
                    app.kubernetes.io/part-of: shop
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: app-%d
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: app-%d
                    spec:
                      containers:
                        - name: app
                          image: registry.example.com/shop/app-%d:1.4.%d
                          ports:
                            - containerPort: 8080
                          resources:
                            limits: {cpu: 500m, memory: 256Mi}
                            requests: {cpu: 100m, memory: 128Mi}
                          securityContext:
                            allowPrivilegeEscalation: false
                            runAsNonRoot: true
                """.formatted(i, i % 40, i, i, i, i, i % 10));
    }

    private static void largerResource(Writer out, int i) throws IOException {
        deployment(out, i);
        out.write("status:\n");
        for (int line = 0; line < 11; line++) {
            out.write("  note" + line + ": \"" + "x".repeat(90) + "\"\n");
        }
    }

    private static void configMap(Writer out, int i) throws IOException {
        out.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c" + i + "\ndata:\n  k: v\n");
    }

    private static long writeHugeDocument(Path file, long bytes) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n");
            String line = "  k%08d: \"" + "y".repeat(100) + "\"\n";
            long written = 0;
            for (int i = 0; written < bytes; i++) {
                String text = line.formatted(i);
                out.write(text);
                written += text.length();
            }
            out.write("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: after-the-huge-one\n");
        }
        return Files.size(file);
    }

    private static InputStream endless(byte value) {
        return new InputStream() {
            @Override
            public int read() {
                return value & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, value);
                return len;
            }
        };
    }
}
