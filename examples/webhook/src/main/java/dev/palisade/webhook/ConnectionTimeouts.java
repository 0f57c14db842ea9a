package dev.palisade.webhook;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for each phase of a connection, on its event loop (no thread waits for a slow client).
 * It sits after the TLS handler, so it sees decrypted bytes, and before the HTTP decoder:
 * <ul>
 *   <li>the TLS handshake is bounded by the TLS handler's handshake timeout; then (or on accepting a
 *       plain connection) the first request head must be complete within the header timeout;
 *   <li>on a kept-alive connection the first byte of the next request must come within the idle
 *       timeout, and the rest of its head within the header timeout after that byte;
 *   <li>the body must be complete within the body timeout after the head;
 *   <li>while a request is being evaluated and answered no read deadline runs (the review deadline
 *       and the write timeout bound that phase).
 * </ul>
 * A request that misses its deadline is answered 408 and the connection closed (a
 * {@link LingeringClose}, so the client reads the 408 even while it is still sending); an idle connection
 * is closed quietly. Sending a byte does not extend a deadline, so a client trickling bytes (a
 * slowloris) is cut off like a silent one. {@link ExchangeHandler} reports the phase changes.
 */
final class ConnectionTimeouts extends ChannelInboundHandlerAdapter {
    private enum Phase { HANDSHAKE, FIRST_REQUEST, IDLE, HEAD, BODY, BUSY, CLOSED }

    private final ServerSettings settings;
    private ChannelHandlerContext context;
    private Phase phase = Phase.FIRST_REQUEST;
    private ScheduledFuture<?> timer;

    ConnectionTimeouts(ServerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
        if (ctx.pipeline().get(SslHandler.class) != null) {
            phase = Phase.HANDSHAKE; // bounded by the TLS handler's handshake timeout
        } else {
            arm(settings.headerTimeout());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess() && phase == Phase.HANDSHAKE) {
            phase = Phase.FIRST_REQUEST;
            arm(settings.headerTimeout());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (phase == Phase.CLOSED) {
            ReferenceCountUtil.release(msg); // answered 408: nothing more of this connection is read
            return;
        }
        if (phase == Phase.HANDSHAKE) {
            // Application data before the handshake event was seen: the handshake is done.
            phase = Phase.HEAD;
            arm(settings.headerTimeout());
        } else if (phase == Phase.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            phase = Phase.HEAD;
            arm(settings.headerTimeout());
        } else if (phase == Phase.FIRST_REQUEST && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            // The header deadline has run since the connection (or its TLS session) opened; the first
            // byte does not reset it.
            phase = Phase.HEAD;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        phase = Phase.CLOSED;
        cancel();
        ctx.fireChannelInactive();
    }

    /** The request head has been decoded: the body deadline starts. */
    void headReceived() {
        if (phase != Phase.CLOSED) {
            phase = Phase.BODY;
            arm(settings.bodyTimeout());
        }
    }

    /** The whole request has arrived: no read deadline while it is evaluated and answered. */
    void requestReceived() {
        if (phase != Phase.CLOSED) {
            phase = Phase.BUSY;
            cancel();
        }
    }

    /** The response has been written: the connection waits for its next request. */
    void responseSent() {
        if (phase != Phase.CLOSED) {
            phase = Phase.IDLE;
            arm(settings.idleTimeout());
        }
    }

    /** Whether the connection is between requests (it can be closed without cutting one off). */
    boolean idle() {
        return phase == Phase.IDLE;
    }

    private void arm(Duration timeout) {
        cancel();
        timer = context.executor().schedule(this::expired, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expired() {
        timer = null;
        switch (phase) {
            case FIRST_REQUEST, HEAD -> timeout("the request head was not received within "
                    + Durations.format(settings.headerTimeout()) + " (--header-timeout)");
            case BODY -> timeout("the request body was not received within "
                    + Durations.format(settings.bodyTimeout()) + " (--body-timeout)");
            case IDLE -> context.close();
            case HANDSHAKE, BUSY, CLOSED -> { }
        }
    }

    /**
     * Answers 408 and closes. Written as bytes from here, below the HTTP encoder: no response is in
     * progress while a request is still being read.
     */
    private void timeout(String message) {
        phase = Phase.CLOSED;
        SslHandler tls = context.pipeline().get(SslHandler.class);
        if (tls != null && !tls.handshakeFuture().isDone()) {
            context.close(); // no TLS session to answer in
            return;
        }
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: "
                + body.length + "\r\nconnection: close\r\n\r\n";
        ByteBuf response = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body);
        context.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess()) {
                LingeringClose.start(written.channel(), LingeringClose.LINGER);
            } else {
                written.channel().close();
            }
        });
    }
}
