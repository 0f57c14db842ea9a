package dev.palisade.webhook;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Netty's pooling allocator with heap buffers for everything, socket reads included (Netty reads
 * into direct buffers even when heap buffers are preferred). The JDK's TLS decrypts records in the
 * buffer they arrive in, and its AES-GCM uses its intrinsics only on heap arrays: on direct buffers
 * it authenticates block by block in Java, which made decryption the largest cost of a review.
 * Reading into a heap buffer costs one copy from the JDK's per-thread direct buffer instead.
 */
final class HeapBufferAllocator extends AbstractByteBufAllocator {
    /** The one instance, shared by all connections (the allocator is thread-safe). */
    static final HeapBufferAllocator INSTANCE = new HeapBufferAllocator();

    private final ByteBufAllocator pool = new AdaptiveByteBufAllocator(false);

    private HeapBufferAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return pool.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return pool.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return pool.isDirectBufferPooled();
    }

    @Override
    public ByteBuf ioBuffer() {
        return heapBuffer();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        return heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return heapBuffer(initialCapacity, maxCapacity);
    }
}
