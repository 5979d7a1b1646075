package io.reprounit.artifact;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The chunks every upload of this JVM takes its bytes' way to disk in: at most {@value #CHUNKS} of {@value #CHUNK} bytes
 * at a time, however many uploads run, so that the encoding adds a bounded amount of memory to what a check holds. A
 * step's thread may run that far ahead of the writer threads (compressing, writing, comparing with an earlier file) and
 * go on with the next step while they catch up; beyond it, it waits for a chunk to come back.
 */
final class ChunkPool {

    static final int CHUNK = 1 << 20;
    /** 64 MiB: what the issue on large outputs allows the encoding beside the outputs themselves. */
    static final int CHUNKS = 64;
    /** Chunks kept for reuse once written; the rest are left to the collector, so an idle JVM holds little. */
    private static final int KEPT = 4;

    static final ChunkPool SHARED = new ChunkPool(CHUNKS);

    private final Semaphore permits;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(KEPT);

    ChunkPool(int chunks) {
        this.permits = new Semaphore(chunks);
    }

    /** A chunk of {@value #CHUNK} bytes, once fewer than the maximum are taken. */
    byte[] take() throws InterruptedException {
        permits.acquire();
        byte[] chunk = free.poll();
        return chunk != null ? chunk : new byte[CHUNK];
    }

    /** Gives back a chunk that {@link #take} gave; any other array is only dropped. */
    void give(byte[] chunk) {
        if (chunk.length == CHUNK) {
            free.offer(chunk);
            permits.release();
        }
    }

    int available() {
        return permits.availablePermits();
    }
}
