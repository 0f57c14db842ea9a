package dev.palisade.webhook;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.Palisade;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicySet;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A validating admission webhook over HTTPS: {@code POST /validate} judges AdmissionReviews (v1 and
 * v1beta1) with policies compiled once at start; with {@code --pin-images}, {@code POST /mutate} pins
 * image tags to digests ({@link DigestPinningMutator}); {@code GET /healthz} answers while the process
 * runs and {@code GET /readyz} until shutdown begins.
 *
 * <p>Connections are accepted and read on Netty event loops without blocking: the TLS handshake,
 * the request head, the body and idle keep-alive connections each have a deadline
 * ({@link ConnectionTimeouts}), so slow or silent clients hold no thread and are cut off. Reviews
 * are parsed and evaluated on a separate bounded worker pool, each with a deadline taken from the
 * API server's {@code ?timeout=}; a review that cannot be evaluated in time is answered per
 * {@link ServerSettings#failurePolicy()} instead of hanging. Paths map to {@link AdmissionHandler}s,
 * so a mutating endpoint is one more {@link Builder#route(String, AdmissionHandler) route}.
 *
 * <pre>
 * java -jar palisade-webhook.jar --tls-cert /tls/tls.crt --tls-key /tls/tls.key --policy builtin:default
 * </pre>
 * {@link Options} lists every flag; a PKCS#12 key store's password is read from the environment
 * variable {@code PALISADE_TLS_PASSWORD}.
 */
public final class WebhookServer implements AutoCloseable {
    /** Longest request line (method, path with query, version). */
    static final int MAX_REQUEST_LINE = 8192;

    private final ServerState state;
    private final Channel listener;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final ExecutorService workers;
    private final ScheduledExecutorService reloader;
    private final AtomicLong accepted;
    private final AtomicInteger open;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebhookServer(ServerState state, Channel listener, EventLoopGroup acceptor, EventLoopGroup io,
            ExecutorService workers, ScheduledExecutorService reloader, AtomicLong accepted, AtomicInteger open) {
        this.state = state;
        this.reloader = reloader;
        this.listener = listener;
        this.acceptor = acceptor;
        this.io = io;
        this.workers = workers;
        this.accepted = accepted;
        this.open = open;
    }

    /** A builder of a server. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures and starts a {@link WebhookServer}. */
    public static final class Builder {
        private InetSocketAddress address = new InetSocketAddress("0.0.0.0", 8443);
        private ServerSettings settings = ServerSettings.defaults();
        private Optional<ServerTls> tls = Optional.empty();
        private boolean plainHttp;
        private final Map<String, AdmissionHandler> routes = new LinkedHashMap<>();
        private Consumer<String> log = System.err::println;

        private Builder() {
        }

        /** The address and port to listen on (port 0 picks a free one); default {@code 0.0.0.0:8443}. */
        public Builder address(InetSocketAddress value) {
            this.address = Objects.requireNonNull(value, "address");
            return this;
        }

        /** Limits and timeouts; default {@link ServerSettings#defaults()}. */
        public Builder settings(ServerSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Serves HTTPS with this certificate, reloaded when its files change. */
        public Builder tls(ServerTls value) {
            this.tls = Optional.of(value);
            this.plainHttp = false;
            return this;
        }

        /** Serves plain HTTP, for local trials only: the API server calls webhooks over HTTPS. */
        public Builder plainHttp() {
            this.tls = Optional.empty();
            this.plainHttp = true;
            return this;
        }

        /** Answers AdmissionReviews POSTed to the path ({@code /validate}, {@code /mutate}) with the handler. */
        public Builder route(String path, AdmissionHandler handler) {
            if (!path.startsWith("/") || path.equals("/healthz") || path.equals("/readyz")) {
                throw new IllegalArgumentException("a route is a path starting with / other than /healthz and"
                        + " /readyz, not '" + path + "'");
            }
            routes.put(path, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Where the server reports certificate reloads; default standard error. */
        public Builder log(Consumer<String> value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        /**
         * Binds the address and starts serving.
         *
         * @throws IOException when the address cannot be bound
         * @throws IllegalStateException when neither TLS nor plain HTTP was chosen, or no route was added
         */
        public WebhookServer start() throws IOException {
            if (tls.isEmpty() && !plainHttp) {
                throw new IllegalStateException("choose tls(...) or plainHttp()");
            }
            if (routes.isEmpty()) {
                throw new IllegalStateException("add at least one route, such as /validate");
            }
            ServerSettings limits = settings;
            ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0,
                    TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(limits.maxQueued()),
                    new DefaultThreadFactory("palisade-evaluate", true), new ThreadPoolExecutor.AbortPolicy());
            EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1,
                    new DefaultThreadFactory("palisade-accept", false), NioIoHandler.newFactory());
            EventLoopGroup io = new MultiThreadIoEventLoopGroup(limits.ioThreads(),
                    new DefaultThreadFactory("palisade-io", false), NioIoHandler.newFactory());
            ServerState state = new ServerState(limits, routes, workers,
                    new DefaultChannelGroup("palisade-connections", GlobalEventExecutor.INSTANCE));
            AtomicLong accepted = new AtomicLong();
            AtomicInteger open = new AtomicInteger();
            Optional<ServerTls> certificate = tls;
            HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxInitialLineLength(MAX_REQUEST_LINE)
                    .setMaxHeaderSize(limits.maxHeaderBytes()).setMaxChunkSize(64 * 1024);
            ServerBootstrap bootstrap = new ServerBootstrap().group(acceptor, io).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, HeapBufferAllocator.INSTANCE)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            accepted.incrementAndGet();
                            if (open.incrementAndGet() > limits.maxConnections()) {
                                open.decrementAndGet();
                                channel.close();
                                return;
                            }
                            channel.closeFuture().addListener(f -> open.decrementAndGet());
                            state.channels.add(channel);
                            ChannelPipeline pipeline = channel.pipeline();
                            pipeline.addLast("write-timeout", new WriteTimeoutHandler(
                                    limits.writeTimeout().toNanos(), TimeUnit.NANOSECONDS));
                            if (certificate.isPresent()) {
                                SslHandler ssl = certificate.get().current().newHandler(channel.alloc());
                                ssl.setHandshakeTimeoutMillis(limits.handshakeTimeout().toMillis());
                                pipeline.addLast("tls", ssl);
                            }
                            ConnectionTimeouts timeouts = new ConnectionTimeouts(limits);
                            pipeline.addLast("timeouts", timeouts);
                            pipeline.addLast("http", new HttpServerCodec(decoder));
                            pipeline.addLast("exchange", new ExchangeHandler(state, timeouts));
                        }
                    });
            ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                workers.shutdownNow();
                acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                io.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                throw new IOException("cannot listen on " + address + ": " + bound.cause().getMessage(), bound.cause());
            }
            // Its own thread: reading files must never hold up accepting or serving connections.
            ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
                    new DefaultThreadFactory("palisade-tls-reload", true));
            certificate.ifPresent(t -> reloader.scheduleWithFixedDelay(() -> t.reloadIfChanged().ifPresent(log),
                    limits.tlsReloadInterval().toNanos(), limits.tlsReloadInterval().toNanos(), TimeUnit.NANOSECONDS));
            return new WebhookServer(state, bound.channel(), acceptor, io, workers, reloader, accepted, open);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Connections accepted since start (including ones closed at once for exceeding the limit). */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /** Whether the server takes new work ({@code /readyz} answers 200): false once {@link #close()} began. */
    public boolean ready() {
        return !state.draining();
    }

    /**
     * Shuts down gracefully: {@code /readyz} answers 503 at once; after the shutdown delay the server
     * stops accepting connections, closes idle ones, and lets requests in progress finish (their
     * responses close the connection) for up to the shutdown grace; then it closes what is left.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        state.startDraining();
        reloader.shutdownNow();
        sleep(state.settings.shutdownDelay().toMillis());
        listener.close().awaitUninterruptibly();
        for (Channel channel : state.channels) {
            channel.eventLoop().execute(() -> channel.pipeline().fireUserEventTriggered(ExchangeHandler.DRAIN));
        }
        long deadline = System.nanoTime() + state.settings.shutdownGrace().toNanos();
        while (!state.channels.isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
        }
        state.channels.close().awaitUninterruptibly();
        workers.shutdown();
        try {
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Loads the policies named on the command line ({@code builtin:default} when none), or fails
     * with every load error. The one place the webhook loads policies.
     */
    static PolicySet load(List<String> references) {
        PolicySet set = PolicySet.of(Palisade.policies(references.isEmpty() ? List.of("builtin:default") : references));
        if (!set.errors().isEmpty()) {
            // refuse to start rather than serve an incomplete set (which would deny every request)
            StringBuilder message = new StringBuilder("cannot load the policies:");
            set.errors().forEach(e -> message.append("\n  ").append(e.display()));
            throw new PalisadeException(message.toString());
        }
        return set;
    }

    /** Runs the webhook; see {@link Options} for the flags. Exit code 2 for bad flags or policies. */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("palisade-webhook: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return;
        }
        WebhookServer server;
        try {
            Builder builder = builder().address(new InetSocketAddress(options.bind(), options.port()))
                    .settings(options.settings())
                    .route("/validate", new PolicyValidator(load(options.policies()), EvaluationContext.defaults()));
            if (options.pinning().enabled()) {
                builder.route("/mutate", new DigestPinningMutator(options.pinning().pinner()));
            }
            if (options.keyStore().isPresent()) {
                builder.tls(ServerTls.keyStore(options.keyStore().get(), options.keyStorePassword()));
            } else if (options.certificate().isPresent()) {
                builder.tls(ServerTls.pem(options.certificate().get(), options.privateKey().orElseThrow()));
            } else {
                builder.plainHttp();
            }
            server = builder.start();
        } catch (PalisadeException | IOException e) {
            System.err.println("palisade-webhook: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.err.println("palisade-webhook: listening on " + options.bind() + ":" + server.port()
                + (options.plainHttp() ? " (plain HTTP: for local trials only)" : " (HTTPS)"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "palisade-shutdown"));
    }
}
