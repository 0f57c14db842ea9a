package dev.palisade.webhook;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.admission.AdmissionReviews;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Load generator for the webhook, loopback only: sends a mix of AdmissionReviews (Pods and
 * Deployments; CREATE, UPDATE, DELETE; allowed, denied and warned) over kept-alive TLS connections
 * in two modes and prints reviews/s and latency percentiles: a closed loop (a fixed concurrency,
 * each connection sending its next review as soon as the last is answered: the maximum throughput,
 * with latencies that are mostly queueing once the machine is saturated) and, with {@code --rate},
 * an open loop (reviews due at a constant rate whatever the answers do, over a pool of connections,
 * latency counted from each review's intended send time: {@link OpenLoopSchedule}). Then it does
 * the same while slowloris clients (TLS connections sending one byte every 2 s, reconnecting when
 * cut off) and connections that never finish their TLS handshake are held open. Every answer is
 * checked against the library's verdict for that review. Bounded by request counts and a time limit.
 *
 * <p>Run it through {@code examples/webhook/bench/load.sh}, which starts the packaged server in its
 * own JVM. Flags: {@code --target 127.0.0.1:PORT --truststore FILE.p12} (password in
 * {@code PALISADE_TLS_PASSWORD}), {@code --requests N} (20000), {@code --warmup N} (20000 at least; then
 * rounds of 10000 while the server's JIT compilers use more than 5% of its CPU, up to
 * {@code --warmup-limit N}, 200000),
 * {@code --concurrency N} (16), {@code --rate N} (reviews/s offered in the open-loop runs; 0, the
 * default, skips them), {@code --duration D} (10s of open-loop load), {@code --connections N} (32,
 * the open loop's pool), {@code --slowloris N} (20), {@code --stalled N} (10),
 * {@code --time-limit D} (300s), {@code --server-pid PID} (to report the server's CPU time per review).
 */
public final class LoadBenchmark {
    private static final int DISTINCT_REVIEWS = 240;
    /** Warm-up continues while the server's JIT compilers use more than this share of its CPU. */
    private static final double MAX_JIT_SHARE = 0.05;
    /** Seconds of unmeasured open-loop load before each measured open-loop run. */
    private static final double PACED_WARMUP_SECONDS = 3;
    /** Reviews per further warm-up round. */
    private static final int WARMUP_CHUNK = 10_000;

    private final InetSocketAddress target;
    private final SSLContext tls;
    private final byte[][] requests;
    private final String[] uids;
    private final boolean[] allowed;
    private final long deadlineNanos;
    private final long serverPid;

    private LoadBenchmark(InetSocketAddress target, SSLContext tls, Duration timeLimit, long serverPid) {
        this.target = target;
        this.serverPid = serverPid;
        this.tls = tls;
        this.deadlineNanos = System.nanoTime() + timeLimit.toNanos();
        this.requests = new byte[DISTINCT_REVIEWS][];
        this.uids = new String[DISTINCT_REVIEWS];
        this.allowed = new boolean[DISTINCT_REVIEWS];
        PolicyValidator library = new PolicyValidator(WebhookServer.load(List.of("builtin:default")),
                EvaluationContext.defaults());
        for (int i = 0; i < DISTINCT_REVIEWS; i++) {
            SampleReviews.Sample sample = SampleReviews.sample(i, AdmissionReviews.API_VERSION);
            byte[] body = sample.body().getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST /validate?timeout=10s HTTP/1.1\r\nHost: " + target.getHostString() + ":"
                    + target.getPort() + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            requests[i] = new byte[head.length + body.length];
            System.arraycopy(head, 0, requests[i], 0, head.length);
            System.arraycopy(body, 0, requests[i], head.length, body.length);
            uids[i] = sample.uid();
            allowed[i] = library.handle(AdmissionReviews.read(body)).allowed();
        }
    }

    /**
     * The figures of one run; CPU times are -1 when unknown.
     *
     * @param offeredRate requests per second the schedule offered (open loop), or 0 for a closed loop
     * @param achievedRate reviews answered per second
     * @param latency per review: from its intended send time (open loop) or from its send (closed loop)
     * @param service per review from its actual send to its answer (open loop; null for a closed loop)
     * @param lateSends reviews sent more than 1 ms after their intended time (open loop)
     */
    record Run(int completed, int errors, double seconds, double offeredRate, double achievedRate,
            Percentiles latency, Percentiles service, long lateSends, String firstError, long serverCpuNanos,
            long serverSystemNanos, long clientCpuNanos, long serverSwitches, String serverThreads, double jitShare,
            String loadAtStart, String loadAtEnd) {
        String describe() {
            String cpu = completed == 0 ? "" : String.format(Locale.ROOT, "; CPU per review: server %s, this client %s",
                    serverCpuNanos < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f µs (%.0f µs in the kernel)",
                            serverCpuNanos / 1e3 / completed, serverSystemNanos / 1e3 / completed)
                            + (serverThreads.isEmpty() ? "" : String.format(Locale.ROOT, " [%s; %.1f thread switches]",
                                    serverThreads, (double) serverSwitches / completed)),
                    clientCpuNanos < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f µs", clientCpuNanos / 1e3 / completed));
            String rate = offeredRate > 0
                    ? String.format(Locale.ROOT, "%d reviews in %.2f s: %.0f reviews/s offered, %.0f achieved;"
                            + " latency from the intended send time", completed, seconds, offeredRate, achievedRate)
                    : String.format(Locale.ROOT, "%d reviews in %.2f s = %.0f reviews/s; latency", completed, seconds,
                            achievedRate);
            String serviceTime = service == null ? "" : String.format(Locale.ROOT, "; from the actual send: p50 %.2f ms,"
                    + " p99 %.2f ms; %d sent more than 1 ms late", service.millis(0.50), service.millis(0.99), lateSends);
            return String.format(Locale.ROOT, "%s p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%s; %d errors%s%s;"
                    + " load average %s at start, %s at end", rate, latency.millis(0.50), latency.millis(0.99),
                    latency.millis(0.999), latency.maxMillis(), serviceTime, errors,
                    firstError == null ? "" : " (first: " + firstError + ")", cpu, loadAtStart, loadAtEnd);
        }
    }

    /** CPU counters at the start of a run. */
    private final class Meter {
        final long serverCpu = cpuNanos(serverPid);
        final long serverSystem = systemCpuNanos(serverPid);
        final ServerThreads threads = ServerThreads.of(serverPid);
        final long clientCpu = cpuNanos(ProcessHandle.current().pid());
        final String load = loadAverage();

        Run finish(int completed, int errors, double seconds, double offered, double achieved, long[] latencies,
                long[] service, long late, String firstError) {
            long serverUsed = serverCpu < 0 ? -1 : cpuNanos(serverPid) - serverCpu;
            long serverSystemUsed = serverSystem < 0 ? -1 : systemCpuNanos(serverPid) - serverSystem;
            ServerThreads threadsNow = ServerThreads.of(serverPid);
            boolean split = threads.known() && threadsNow.known() && completed > 0;
            long switches = split ? threadsNow.switchesSince(threads) : -1;
            Map<ServerThreads.Role, Long> used = split ? threadsNow.cpuSince(threads) : Map.of();
            String byRole = split ? ServerThreads.perReview(used, completed) : "";
            long all = used.values().stream().mapToLong(Long::longValue).sum();
            double jitShare = all > 0 ? (double) used.get(ServerThreads.Role.JIT) / all : -1;
            long clientUsed = clientCpu < 0 ? -1 : cpuNanos(ProcessHandle.current().pid()) - clientCpu;
            return new Run(completed, errors, seconds, offered, achieved, new Percentiles(latencies, completed),
                    service == null ? null : new Percentiles(service, completed), late, firstError, serverUsed,
                    serverSystemUsed, clientUsed, switches, byRole, jitShare, load, loadAverage());
        }
    }

    /** Sends {@code count} reviews over {@code concurrency} kept-alive connections, each as soon as the last is answered. */
    private Run run(int count, int concurrency) throws InterruptedException {
        return drive(count, concurrency, null);
    }

    /**
     * Offers {@code count} reviews at {@code rate} per second over a pool of {@code connections}
     * kept-alive connections (opened before the clock starts): review i is due at
     * {@link OpenLoopSchedule#intendedNanos(long)}, the next free connection sends it then (or as soon as
     * one is free, when all are busy), and its latency counts from the due time.
     */
    private Run runAtRate(double rate, int count, int connections) throws InterruptedException {
        return drive(count, connections, rate);
    }

    /**
     * Sends {@code count} reviews over {@code connections} threads, each with its kept-alive
     * connection: in a closed loop when {@code rate} is null, else each review at its due time in the
     * open-loop schedule of that rate.
     */
    private Run drive(int count, int connections, Double rate) throws InterruptedException {
        boolean open = rate != null;
        long[] latencies = new long[count];
        long[] service = open ? new long[count] : null;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong late = new AtomicLong();
        AtomicLong lastCompletion = new AtomicLong(Long.MIN_VALUE);
        String[] firstError = new String[1];
        SSLSocket[] pool = new SSLSocket[connections];
        for (int c = 0; open && c < connections; c++) {
            try {
                pool[c] = connect(10_000);
            } catch (IOException e) {
                fail(errors, firstError, e.toString());
            }
        }
        Meter meter = new Meter();
        long start = System.nanoTime();
        OpenLoopSchedule schedule = open ? new OpenLoopSchedule(start + 20_000_000L, rate, count) : null;
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int slot = c;
            Thread client = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                SSLSocket socket = pool[slot];
                int failuresInARow = 0;
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        long due = open ? schedule.intendedNanos(i) : System.nanoTime();
                        if (due > deadlineNanos) {
                            return;
                        }
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        try {
                            if (socket == null) {
                                socket = connect(10_000);
                            }
                            long sent = System.nanoTime();
                            if (open && sent - due > 1_000_000L) {
                                late.incrementAndGet();
                            }
                            String error = exchange(socket, buffer, i % DISTINCT_REVIEWS);
                            long done = System.nanoTime();
                            int n = completed.getAndIncrement();
                            latencies[n] = done - (open ? due : sent);
                            if (open) {
                                service[n] = done - sent;
                            }
                            lastCompletion.accumulateAndGet(done, Math::max);
                            if (error != null) {
                                fail(errors, firstError, error);
                            }
                        } catch (IOException e) {
                            fail(errors, firstError, e.toString());
                            close(socket);
                            socket = null;
                            if (++failuresInARow >= 10) {
                                return; // the server is gone; the count of completed reviews tells
                            }
                            continue;
                        }
                        failuresInARow = 0;
                    }
                } finally {
                    close(socket);
                }
            }, (open ? "rate-" : "load-") + c);
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        int done = completed.get();
        if (!open) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return meter.finish(done, errors.get(), seconds, 0, done / seconds, latencies, null, 0, firstError[0]);
        }
        long last = lastCompletion.get();
        double seconds = done == 0 ? 0 : (last - schedule.intendedNanos(0)) / 1e9;
        return meter.finish(done, errors.get(), seconds, rate, schedule.achievedRate(done, last), latencies, service,
                late.get(), firstError[0]);
    }

    /**
     * Warms the server up in a closed loop: {@code first} reviews, then rounds of {@link #WARMUP_CHUNK}
     * while the server's JIT compilers use more than {@link #MAX_JIT_SHARE} of its CPU (while they
     * compile, their CPU counts as the server's and the code measured is not yet the compiled code),
     * up to {@code limit} reviews in all.
     *
     * @return what was done, with the figures of the last round
     */
    private String warmUp(int first, int limit, int concurrency) throws InterruptedException {
        Run warm = run(first, concurrency);
        int warmed = warm.completed();
        while (warm.jitShare() > MAX_JIT_SHARE && warmed < limit && warm.errors() == 0) {
            warm = run(WARMUP_CHUNK, concurrency);
            warmed += warm.completed();
        }
        return String.format(Locale.ROOT, "%d reviews at concurrency %d%s; the last %d: %s", warmed, concurrency,
                warm.jitShare() < 0 ? " (JIT activity unknown)" : String.format(Locale.ROOT,
                        ", until the JIT used %s%.0f%% of the server's CPU", warm.jitShare() > MAX_JIT_SHARE ? "still "
                                : "under ", Math.max(warm.jitShare(), MAX_JIT_SHARE) * 100), warm.completed(),
                warm.describe());
    }

    /**
     * An open-loop run preceded by {@link #PACED_WARMUP_SECONDS} of the same load, unmeasured: the
     * paced pattern (many connections, threads waking for each review) runs code paths and timings a
     * closed loop does not, and the JIT compiles them in the first seconds.
     */
    private Run pacedRun(double rate, int count, int connections) throws InterruptedException {
        runAtRate(rate, (int) OpenLoopSchedule.requestsFor(rate, PACED_WARMUP_SECONDS), connections);
        return runAtRate(rate, count, connections);
    }

    /** Sends one review on the connection and reads its answer; returns what is wrong with it, or null. */
    private String exchange(SSLSocket socket, byte[] buffer, int shape) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(requests[shape]);
        out.flush();
        return readAndCheck(new Reader(socket.getInputStream(), buffer), shape);
    }

    /** System (kernel) CPU time a process has used, from /proc; -1 when unknown. */
    private static long systemCpuNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[12]) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time (user + system) a process has used, from /proc; -1 when unknown. */
    private static long cpuNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static synchronized void fail(AtomicInteger errors, String[] first, String error) {
        errors.incrementAndGet();
        if (first[0] == null) {
            first[0] = error;
        }
    }

    private SSLSocket connect(int readTimeoutMillis) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(target.getAddress(), target.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(readTimeoutMillis);
        socket.startHandshake();
        return socket;
    }

    /** Reads one response; returns what is wrong with it, or null when it is the expected answer. */
    private String readAndCheck(Reader in, int shape) throws IOException {
        String status = in.line();
        int length = -1;
        String header;
        while (!(header = in.line()).isEmpty()) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).strip());
            }
        }
        if (length < 0) {
            throw new IOException("a response without Content-Length: " + status);
        }
        String body = new String(in.bytes(length), StandardCharsets.UTF_8);
        if (!status.startsWith("HTTP/1.1 200")) {
            return status + " " + body.strip();
        }
        if (!body.contains("\"uid\":\"" + uids[shape] + "\"")) {
            return "the answer does not echo uid " + uids[shape] + ": " + body;
        }
        if (!body.contains("\"allowed\":" + allowed[shape])) {
            return "expected allowed=" + allowed[shape] + ": " + body;
        }
        return null;
    }

    /** A minimal buffered reader of HTTP/1.1 responses. */
    private static final class Reader {
        private final InputStream in;
        private final byte[] buffer;
        private int position;
        private int limit;

        Reader(InputStream in, byte[] buffer) {
            this.in = in;
            this.buffer = buffer;
        }

        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit < 0) {
                throw new IOException("the server closed the connection");
            }
            return limit > 0;
        }

        String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (fill()) {
                byte b = buffer[position++];
                if (b == '\n') {
                    int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1
                            : line.length();
                    return line.substring(0, end);
                }
                line.append((char) b);
            }
            return line.toString();
        }

        byte[] bytes(int length) throws IOException {
            byte[] out = new byte[length];
            int done = 0;
            while (done < length && fill()) {
                int n = Math.min(length - done, limit - position);
                System.arraycopy(buffer, position, out, done, n);
                position += n;
                done += n;
            }
            if (position < limit) {
                throw new IOException("the server sent more than its Content-Length");
            }
            return out;
        }
    }

    /**
     * Slow clients held open while a run is measured: TLS connections trickling a request head one
     * byte every 2 s, and TCP connections that never start a handshake (silent, or stopping inside a
     * ClientHello). A client the server cuts off is replaced at the next tick.
     */
    private final class SlowClients implements AutoCloseable {
        private final Socket[] trickling;
        private final int[] sentBytes;
        private final Socket[] stalled;
        private final AtomicLong replaced = new AtomicLong();
        private final AtomicInteger minimumConnected = new AtomicInteger(Integer.MAX_VALUE);
        private final byte[] head;
        private final Thread ticker;
        private volatile boolean measuring;
        private volatile boolean stop;

        SlowClients(int trickles, int stalls) {
            trickling = new Socket[trickles];
            sentBytes = new int[trickles];
            stalled = new Socket[stalls];
            head = ("POST /validate?timeout=10s HTTP/1.1\r\nHost: " + target.getHostString() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            ticker = new Thread(this::tick, "slow-clients");
            ticker.setDaemon(true);
        }

        void start() throws InterruptedException {
            ticker.start();
            long until = System.nanoTime() + 30_000_000_000L;
            while (connected() < trickling.length + stalled.length && System.nanoTime() < until) {
                Thread.sleep(50);
            }
        }

        synchronized int connected() {
            int n = 0;
            for (Socket s : trickling) {
                n += s != null ? 1 : 0;
            }
            for (Socket s : stalled) {
                n += s != null ? 1 : 0;
            }
            return n;
        }

        private void tick() {
            while (!stop) {
                for (int i = 0; i < trickling.length && !stop; i++) {
                    tickTrickling(i);
                }
                for (int i = 0; i < stalled.length && !stop; i++) {
                    tickStalled(i);
                }
                if (measuring) {
                    minimumConnected.accumulateAndGet(connected(), Math::min);
                }
                sleep(2000);
            }
        }

        private void tickTrickling(int i) {
            try {
                Socket socket = trickling[i];
                if (socket == null) {
                    socket = connect(30_000);
                    synchronized (this) {
                        trickling[i] = socket;
                    }
                    sentBytes[i] = 0;
                }
                if (sentBytes[i] < head.length) {
                    socket.getOutputStream().write(head[sentBytes[i]++]);
                    socket.getOutputStream().flush();
                }
                if (socket.getInputStream().available() > 0) {
                    throw new IOException("answered (408)");
                }
            } catch (IOException e) {
                replace(trickling, i);
            }
        }

        private void tickStalled(int i) {
            try {
                Socket socket = stalled[i];
                if (socket == null) {
                    socket = new Socket(target.getAddress(), target.getPort());
                    if (i % 2 == 1) {
                        socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
                    }
                    synchronized (this) {
                        stalled[i] = socket;
                    }
                    return;
                }
                socket.setSoTimeout(1);
                try {
                    if (socket.getInputStream().read() < 0) {
                        throw new IOException("closed");
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // The server is still waiting for the handshake.
                }
            } catch (IOException e) {
                replace(stalled, i);
            }
        }

        private synchronized void replace(Socket[] sockets, int i) {
            LoadBenchmark.close(sockets[i]);
            if (sockets[i] != null) {
                replaced.incrementAndGet();
            }
            sockets[i] = null;
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            ticker.join(10_000);
            synchronized (this) {
                Arrays.stream(trickling).forEach(LoadBenchmark::close);
                Arrays.stream(stalled).forEach(LoadBenchmark::close);
            }
        }
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String mix(int count) {
        int[] kinds = new int[2];
        int[] operations = new int[3];
        int denied = 0;
        for (int i = 0; i < count; i++) {
            SampleReviews.Sample sample = SampleReviews.sample(i % DISTINCT_REVIEWS, AdmissionReviews.API_VERSION);
            kinds[sample.kind().equals("Pod") ? 0 : 1]++;
            operations[List.of("CREATE", "UPDATE", "DELETE").indexOf(sample.operation())]++;
            denied += sample.expectedAllowed() ? 0 : 1;
        }
        return String.format(Locale.ROOT, "%d Pod / %d Deployment; %d CREATE / %d UPDATE / %d DELETE; ~%d denied,"
                + " the rest allowed (half of those with warnings)", kinds[0], kinds[1], operations[0], operations[1],
                operations[2], denied);
    }

    /** Runs the benchmark; exit code 2 for bad flags or a non-loopback target, 1 when answers were wrong. */
    public static void main(String[] args) throws Exception {
        String targetText = null;
        Path trustStore = null;
        int requests = 20_000;
        int warmup = 20_000;
        int warmupLimit = 200_000;
        int concurrency = 16;
        int slowloris = 20;
        int stalled = 10;
        double rate = 0;
        Duration rateDuration = Duration.ofSeconds(10);
        int connections = 32;
        Duration timeLimit = Duration.ofSeconds(300);
        long serverPid = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--target" -> targetText = value;
                case "--truststore" -> trustStore = Path.of(value);
                case "--requests" -> requests = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--warmup-limit" -> warmupLimit = Integer.parseInt(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--slowloris" -> slowloris = Integer.parseInt(value);
                case "--stalled" -> stalled = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--duration" -> rateDuration = Durations.parse(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--time-limit" -> timeLimit = Durations.parse(value);
                case "--server-pid" -> serverPid = Long.parseLong(value);
                default -> {
                    System.err.println("unknown flag " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (targetText == null || trustStore == null || args.length % 2 != 0 || rate < 0 || connections < 1) {
            System.err.println("usage: LoadBenchmark --target 127.0.0.1:PORT --truststore FILE.p12 [--requests N]"
                    + " [--warmup N] [--warmup-limit N] [--concurrency N] [--rate N [--duration D] [--connections N]] [--slowloris N]"
                    + " [--stalled N] [--time-limit D] [--server-pid PID]");
            System.exit(2);
        }
        int colon = targetText.lastIndexOf(':');
        InetAddress host = InetAddress.getByName(targetText.substring(0, colon));
        if (!host.isLoopbackAddress()) {
            System.err.println("refusing " + targetText + ": the load benchmark only targets loopback addresses");
            System.exit(2);
        }
        InetSocketAddress target = new InetSocketAddress(host, Integer.parseInt(targetText.substring(colon + 1)));
        LoadBenchmark benchmark = new LoadBenchmark(target, trustContext(trustStore), timeLimit, serverPid);
        int rateRequests = rate > 0 ? (int) OpenLoopSchedule.requestsFor(rate, rateDuration.toNanos() / 1e9) : 0;
        String open = String.format(Locale.ROOT, "open loop, %.0f reviews/s offered over %d connections",
                rate, connections);

        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " processors, load average "
                + loadAverage() + " (1, 5, 15 min) at start; Java " + System.getProperty("java.version"));
        System.out.println("mix of " + requests + ": " + mix(requests));
        System.out.println("warm-up: " + benchmark.warmUp(warmup, warmupLimit, concurrency));
        Run plain = benchmark.run(requests, concurrency);
        System.out.println("closed loop (max throughput), concurrency " + concurrency + ": " + plain.describe());
        int errors = plain.errors();
        if (rate > 0) {
            Run paced = benchmark.pacedRun(rate, rateRequests, connections);
            System.out.println(open + ": " + paced.describe());
            errors += paced.errors();
        }
        if (slowloris + stalled > 0) {
            try (SlowClients slow = benchmark.new SlowClients(slowloris, stalled)) {
                slow.start();
                System.out.println("slow clients connected: " + slow.connected() + " (" + slowloris
                        + " trickling a byte every 2 s, " + stalled + " never finishing the TLS handshake)");
                // New paths run now (handshake and header timeouts, 408s, lingering closes): warm them up too.
                System.out.println("warm-up with the slow clients connected: "
                        + benchmark.warmUp(WARMUP_CHUNK, warmupLimit, concurrency));
                slow.measuring = true;
                Run loaded = benchmark.run(requests, concurrency);
                System.out.println("closed loop (max throughput), concurrency " + concurrency
                        + ", with the slow clients: " + loaded.describe());
                errors += loaded.errors();
                if (rate > 0) {
                    Run paced = benchmark.pacedRun(rate, rateRequests, connections);
                    System.out.println(open + ", with the slow clients: " + paced.describe());
                    errors += paced.errors();
                }
                slow.measuring = false;
                System.out.println("slow clients: at least " + Math.min(slow.minimumConnected.get(), slow.connected())
                        + " connected at every 2 s tick during the runs; " + slow.replaced.get()
                        + " cut off by the server and replaced");
            }
        }
        System.out.println("load average at end: " + loadAverage());
        System.exit(errors == 0 ? 0 : 1);
    }

    private static SSLContext trustContext(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(store))) {
            keys.load(in, System.getenv().getOrDefault("PALISADE_TLS_PASSWORD", "").toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
