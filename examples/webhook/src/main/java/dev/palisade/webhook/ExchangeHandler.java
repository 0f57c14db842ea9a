package dev.palisade.webhook;

import dev.palisade.core.FailurePolicy;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.admission.AdmissionResponse;
import dev.palisade.core.admission.AdmissionResponses;
import dev.palisade.core.admission.AdmissionReviewRequest;
import dev.palisade.core.admission.AdmissionReviews;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One connection's HTTP exchanges, on its event loop: routes each request, checks method, content
 * type and size, collects the body within the byte budget, and hands reviews to the worker pool
 * with a deadline. The event loop never parses a review or evaluates a policy; it only answers
 * health probes, rejects bad requests, and writes the answers workers send back.
 *
 * <p>Requests on a connection are answered in order: while one is being evaluated the connection
 * stops reading, and requests a client pipelined are held until the answer is written.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
    /** Fired on every connection when the server starts draining for shutdown. */
    static final Object DRAIN = new Object();

    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";
    /** The share of the request's timeout the server may spend before it answers unevaluated. */
    private static final int DEADLINE_PERCENT = 80;

    private final ServerState server;
    private final ConnectionTimeouts timeouts;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext context;

    // The request being read, then answered.
    private boolean busy;
    private boolean discarding;
    private HttpRequest request;
    private String path;
    private AdmissionHandler handler;
    private boolean keepAlive;
    private long headNanos;
    private CompositeByteBuf body;
    private long bodyBytes;
    private long reservedBytes;
    private Duration reviewTimeout;
    private Pending pending;

    /**
     * A review handed to a worker, answered exactly once: by the worker, its deadline, or overload.
     * Its {@link ReviewHeader} is scanned only when an answer needs it without the full reading (a
     * deadline or overload answer, a review that cannot be read): evaluated reviews never pay for it.
     */
    private static final class Pending {
        final byte[] body;
        final Duration timeout;
        volatile boolean answered;
        ScheduledFuture<?> timer;

        Pending(byte[] body, Duration timeout) {
            this.body = body;
            this.timeout = timeout;
        }

        ReviewHeader header() {
            return ReviewHeader.scan(body);
        }
    }

    /** A response computed by a worker. */
    private record Answer(HttpResponseStatus status, String contentType, byte[] body) {
    }

    ExchangeHandler(ServerState server, ConnectionTimeouts timeouts) {
        this.server = server;
        this.timeouts = timeouts;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (busy || !held.isEmpty()) {
            held.add(msg);
            return;
        }
        process(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == DRAIN) {
            if (timeouts.idle()) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // TLS failures, resets, write timeouts: the connection is done; requests on it are not answered.
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.answered = true;
            cancel(pending);
            pending = null;
        }
        resetRequest();
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        ctx.fireChannelInactive();
    }

    private void process(Object msg) {
        try {
            if (msg instanceof HttpRequest head) {
                onHead(head);
            }
            if (msg instanceof HttpContent content) {
                onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(HttpRequest head) {
        timeouts.headReceived();
        resetRequest();
        request = null;
        path = null;
        DecoderResult decoded = head.decoderResult();
        if (decoded.isFailure()) {
            Throwable cause = decoded.cause();
            if (cause instanceof TooLongHttpHeaderException) {
                reject(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request head is larger than "
                        + server.settings.maxHeaderBytes() + " bytes (--max-header-bytes)");
            } else if (cause instanceof TooLongHttpLineException) {
                reject(HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is longer than "
                        + WebhookServer.MAX_REQUEST_LINE + " bytes");
            } else {
                reject(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request: " + cause.getMessage());
            }
            return;
        }
        request = head;
        headNanos = System.nanoTime();
        keepAlive = HttpUtil.isKeepAlive(head);
        QueryStringDecoder uri = new QueryStringDecoder(head.uri());
        path = uri.path();
        if (path.equals("/healthz") || path.equals("/readyz")) {
            if (!head.method().equals(HttpMethod.GET)) {
                rejectMethod(HttpMethod.GET);
            }
            return;
        }
        handler = server.routes.get(path);
        if (handler == null) {
            reject(HttpResponseStatus.NOT_FOUND, "nothing is served at " + path + "; POST AdmissionReviews to "
                    + String.join(" or ", new TreeSet<>(server.routes.keySet())) + " (probes: GET /healthz, /readyz)");
        } else if (!head.method().equals(HttpMethod.POST)) {
            rejectMethod(HttpMethod.POST);
        } else if (unsupportedContentType(head.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
            String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
            reject(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "send the AdmissionReview as Content-Type: "
                    + "application/json" + (type == null ? "; the request has no Content-Type" : ", not '" + type + "'"));
        } else if (HttpUtil.getContentLength(head, -1L) > server.settings.maxBodyBytes()) {
            reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is "
                    + HttpUtil.getContentLength(head, -1L) + " bytes; this webhook reads at most "
                    + server.settings.maxBodyBytes() + " bytes (--max-body-bytes)");
        } else if (unsupportedExpectation(head.headers().get(HttpHeaderNames.EXPECT))) {
            reject(HttpResponseStatus.EXPECTATION_FAILED, "only 'Expect: 100-continue' is supported");
        } else {
            if (HttpUtil.is100ContinueExpected(head)) {
                context.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
            }
            body = context.alloc().compositeBuffer(Integer.MAX_VALUE);
            pending = null;
            reviewTimeout = reviewTimeout(uri.parameters());
        }
    }

    private void onContent(HttpContent content) {
        if (discarding || request == null) {
            return;
        }
        if (body != null) {
            int size = content.content().readableBytes();
            if (bodyBytes + size > server.settings.maxBodyBytes()) {
                reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is larger than "
                        + server.settings.maxBodyBytes() + " bytes (--max-body-bytes)");
                return;
            }
            if (size > 0) {
                if (!server.reserve(size)) {
                    reject(HttpResponseStatus.SERVICE_UNAVAILABLE, "the server holds its limit of "
                            + server.settings.maxBufferedBytes() + " bytes of request bodies (--max-buffered-bytes);"
                            + " retry later");
                    return;
                }
                reservedBytes += size;
                bodyBytes += size;
                body.addComponent(true, content.content().retain());
            }
        }
        if (content instanceof LastHttpContent) {
            timeouts.requestReceived();
            busy = true;
            context.channel().config().setAutoRead(false);
            if (body != null) {
                dispatch();
            } else if (path.equals("/healthz")) {
                send(HttpResponseStatus.OK, TEXT, "ok\n".getBytes(StandardCharsets.UTF_8));
            } else {
                boolean ready = !server.draining();
                send(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT,
                        (ready ? "ready\n" : "draining\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Hands the review to the worker pool, with a deadline that answers per the failure policy. */
    private void dispatch() {
        byte[] bytes = ByteBufUtil.getBytes(body);
        body.release();
        body = null;
        long budget = reservedBytes;
        reservedBytes = 0;
        AdmissionHandler target = handler;
        Pending review = new Pending(bytes, reviewTimeout);
        pending = review;
        long deadline = headNanos + review.timeout.toNanos() / 100 * DEADLINE_PERCENT;
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            server.release(budget);
            answerUnevaluated(review, "the review was not received within " + DEADLINE_PERCENT + "% of its "
                    + Durations.format(review.timeout) + " timeout");
            return;
        }
        review.timer = context.executor().schedule(() -> answerUnevaluated(review, "the review was not evaluated"
                + " within " + Durations.format(Duration.ofNanos(review.timeout.toNanos() / 100 * DEADLINE_PERCENT))
                + " (" + DEADLINE_PERCENT + "% of its " + Durations.format(review.timeout) + " timeout): the server"
                + " is busy"), remaining, TimeUnit.NANOSECONDS);
        ChannelHandlerContext ctx = context;
        try {
            server.workers.execute(() -> {
                Answer answer;
                try {
                    if (review.answered) {
                        return;
                    }
                    answer = judge(target, review,
                            Instant.now().plusNanos(deadline - System.nanoTime()));
                } finally {
                    server.release(budget);
                }
                try {
                    ctx.executor().execute(() -> answer(review, answer));
                } catch (RejectedExecutionException closing) {
                    // The server is shutting down its event loops; the connection is being closed.
                }
            });
        } catch (RejectedExecutionException e) {
            server.release(budget);
            answerUnevaluated(review, "the server is overloaded (" + server.settings.maxQueued()
                    + " reviews are waiting for evaluation, --max-queued)");
        }
    }

    /** On a worker: reads the review and runs the handler; fails closed when the handler throws. */
    private static Answer judge(AdmissionHandler handler, Pending pending, Instant answerBy) {
        AdmissionReviewRequest review;
        try {
            review = AdmissionReviews.read(pending.body);
        } catch (PalisadeException e) {
            return new Answer(HttpResponseStatus.BAD_REQUEST, JSON, badRequest(pending.header(), e.getMessage()));
        }
        AdmissionResponse response;
        try {
            response = handler.handle(review, answerBy);
        } catch (RuntimeException | StackOverflowError e) {
            response = AdmissionResponses.builder(review.uid()).apiVersion(review.apiVersion())
                    .deny("palisade webhook: evaluating the review failed (" + e + "); denied (fail closed)").build();
        }
        return new Answer(HttpResponseStatus.OK, JSON, response.toJson());
    }

    /** The AdmissionReview error response to a review that cannot be read: HTTP 400 with the reason. */
    static byte[] badRequest(ReviewHeader header, String message) {
        return new AdmissionResponse(header.answerVersion(), header.uid(), false,
                Optional.of(new AdmissionResponse.Status(400, "BadRequest", message)), List.of(), Map.of(),
                Optional.empty()).toJson();
    }

    /** On the event loop: writes a worker's answer unless the deadline answered first. */
    private void answer(Pending review, Answer answer) {
        if (review.answered || review != pending) {
            return;
        }
        review.answered = true;
        cancel(review);
        pending = null;
        send(answer.status(), answer.contentType(), answer.body());
    }

    /** On the event loop: answers a review that was not evaluated, per the failure policy. */
    private void answerUnevaluated(Pending review, String why) {
        if (review.answered || review != pending) {
            return;
        }
        review.answered = true;
        cancel(review);
        pending = null;
        ReviewHeader header = review.header();
        if (header.uid().isEmpty()) {
            // Without a uid there is no review to answer in kind; the body was not a readable review.
            send(HttpResponseStatus.BAD_REQUEST, JSON, badRequest(header, "malformed AdmissionReview: request.uid"
                    + " is missing (" + why + ")"));
            return;
        }
        AdmissionResponses.Builder response = AdmissionResponses.builder(header.uid()).apiVersion(header.answerVersion());
        if (server.settings.failurePolicy() == FailurePolicy.IGNORE) {
            response.warn("palisade webhook: " + why + "; allowed unevaluated (--failure-policy Ignore)");
        } else {
            response.deny("palisade webhook: " + why + "; denied (--failure-policy Fail)");
        }
        send(HttpResponseStatus.OK, JSON, response.build().toJson());
    }

    private static void cancel(Pending review) {
        if (review.timer != null) {
            review.timer.cancel(false);
        }
    }

    /**
     * Answers the request being read with an error and closes the connection with a
     * {@link LingeringClose}: whatever the client still sends (the rest of a body it is writing) is
     * read and dropped for a bounded time, so that the client reads the answer instead of a reset.
     */
    private void reject(HttpResponseStatus status, String message) {
        resetRequest();
        discarding = true;
        busy = true;
        timeouts.requestReceived();
        keepAlive = false;
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        send(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void rejectMethod(HttpMethod allowed) {
        String method = request.method().name();
        String target = path;
        reject(HttpResponseStatus.METHOD_NOT_ALLOWED, target + " takes " + allowed.name()
                + (allowed.equals(HttpMethod.POST) ? " with an AdmissionReview" : "") + ", not " + method);
    }

    private void send(HttpResponseStatus status, String contentType, byte[] content) {
        boolean reuse = keepAlive && !server.draining();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(content));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.length);
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, "/healthz".equals(path) || "/readyz".equals(path)
                    ? "GET" : "POST");
        }
        if (status == HttpResponseStatus.SERVICE_UNAVAILABLE && !"/readyz".equals(path)) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        }
        if (!reuse) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (request != null && request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        resetRequest();
        if (!reuse) {
            discarding = true; // nothing after this response is read: the connection ends with it
        }
        context.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                written.channel().close();
                return;
            }
            if (!reuse) {
                LingeringClose.start(written.channel(), LingeringClose.LINGER);
                return;
            }
            timeouts.responseSent();
            busy = false;
            written.channel().config().setAutoRead(true);
            while (!busy && !held.isEmpty()) {
                process(held.poll());
            }
        });
    }

    private void resetRequest() {
        if (body != null) {
            body.release();
            body = null;
        }
        server.release(reservedBytes);
        reservedBytes = 0;
        bodyBytes = 0;
        handler = null;
    }

    /** The review's timeout: the request's {@code ?timeout=} (capped), else the configured default. */
    private Duration reviewTimeout(Map<String, List<String>> parameters) {
        List<String> values = parameters.get("timeout");
        if (values == null || values.isEmpty()) {
            return server.settings.defaultReviewTimeout();
        }
        try {
            Duration requested = Durations.parse(values.get(0));
            if (requested.isZero()) {
                return server.settings.defaultReviewTimeout();
            }
            return requested.compareTo(server.settings.maxReviewTimeout()) > 0 ? server.settings.maxReviewTimeout()
                    : requested;
        } catch (IllegalArgumentException e) {
            return server.settings.defaultReviewTimeout();
        }
    }

    /** Whether an {@code Expect} header asks for anything but {@code 100-continue}. */
    private static boolean unsupportedExpectation(String expect) {
        return expect != null && !expect.strip().equalsIgnoreCase("100-continue");
    }

    /** Whether the Content-Type is anything but JSON (in UTF-8, the only charset JSON has). */
    static boolean unsupportedContentType(String header) {
        if (header == null) {
            return true;
        }
        String[] parts = header.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return true;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=")) {
                String charset = parameter.substring("charset=".length()).replace("\"", "");
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return true;
                }
            }
        }
        return false;
    }
}
