package dev.palisade.webhook;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after a response that closes it (a rejected request, a request timeout, an
 * answer while draining for shutdown, a client that asked for {@code Connection: close}) without
 * losing that response. Closing a TCP socket that still has unread input makes the kernel send a
 * reset, and a reset can arrive before the client has read the response, which is then lost: this
 * happens whenever the client sent more than the server read (a pipelined second request, the rest
 * of a body, a TLS close_notify). So the server half-closes instead: it sends the TLS close_notify,
 * then a TCP FIN (shutdown of its output, so the client reads the response and then the end of the
 * stream); it reads and drops whatever still arrives, as raw bytes in front of the TLS handler; and
 * it closes when the client closes its side, or after a bounded linger time at the latest.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {
    /** The longest a closing connection reads and drops input before it is closed anyway. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private static final String NAME = "lingering-close";

    private LingeringClose() {
    }

    /**
     * Starts the lingering close of the channel, on its event loop, once everything written before
     * has been flushed; does nothing when it has already started, and closes at once a channel that
     * is no longer connected.
     *
     * @param channel the connection
     * @param linger the longest time to keep dropping input
     */
    static void start(Channel channel, Duration linger) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> start(channel, linger));
            return;
        }
        if (channel.pipeline().get(NAME) != null) {
            return;
        }
        if (!channel.isActive() || !(channel instanceof DuplexChannel duplex)) {
            channel.close();
            return;
        }
        channel.pipeline().addFirst(NAME, new LingeringClose());
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> channel.close(), linger.toNanos(),
                TimeUnit.NANOSECONDS);
        channel.closeFuture().addListener(closed -> deadline.cancel(false));
        channel.config().setAutoRead(true);
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        ChannelFuture notified = tls == null ? channel.newSucceededFuture() : tls.closeOutbound();
        notified.addListener(sent -> {
            if (!sent.isSuccess()) {
                channel.close();
                return;
            }
            duplex.shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess()) {
                    channel.close();
                }
            });
        });
    }

    /** Drops input: the response has been sent, nothing more is read. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    /** Keeps reading even when a handler behind had stopped reading (a connection busy with a review). */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(true);
    }

    /** A failure while lingering (a reset, typically): nothing is left to send, so close. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
