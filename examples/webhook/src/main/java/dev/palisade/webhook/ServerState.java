package dev.palisade.webhook;

import io.netty.channel.group.ChannelGroup;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every connection of one server shares: settings, routes, the evaluation pool, the budget of
 * buffered body bytes, and whether the server is draining for shutdown.
 */
final class ServerState {
    final ServerSettings settings;
    final Map<String, AdmissionHandler> routes;
    final ExecutorService workers;
    final ChannelGroup channels;
    private final AtomicLong bufferedBytes = new AtomicLong();
    private volatile boolean draining;

    ServerState(ServerSettings settings, Map<String, AdmissionHandler> routes, ExecutorService workers,
            ChannelGroup channels) {
        this.settings = settings;
        this.routes = Map.copyOf(routes);
        this.workers = workers;
        this.channels = channels;
    }

    /** Takes bytes from the budget of buffered request bodies; false when that would exceed it. */
    boolean reserve(long bytes) {
        long limit = settings.maxBufferedBytes();
        while (true) {
            long now = bufferedBytes.get();
            if (now + bytes > limit) {
                return false;
            }
            if (bufferedBytes.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives bytes back to the budget. */
    void release(long bytes) {
        if (bytes > 0) {
            bufferedBytes.addAndGet(-bytes);
        }
    }

    /** Bytes of request bodies held now. */
    long bufferedBytes() {
        return bufferedBytes.get();
    }

    boolean draining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }
}
