package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one upload on their way from the step's thread to a temporary file. The step's thread only copies them
 * into chunks of the shared {@link ChunkPool}; a full chunk goes through a queue to a writer thread, which compresses
 * and writes it (or compares it with an earlier file of the same bytes) and gives the chunk back. Memory stays bounded
 * however large the output, and the step's thread runs ahead of the writer by up to the pool's size: a large output's
 * compression overlaps the next step rather than holding up this one. An output that never fills one chunk is written
 * on the step's thread at the end, without a writer thread.
 */
final class UploadPipe {

    private static final int FIRST_CHUNK = 8 * 1024;
    static final ExecutorService WRITERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "reprounit-artifact-writer");
        thread.setDaemon(true);
        return thread;
    });

    private record Chunk(byte[] bytes, int length) {}

    private static final Chunk END = new Chunk(new byte[0], 0);
    private static final Chunk ABANDON = new Chunk(new byte[0], 0);

    private final Path temporary;
    private final Path root;
    private final @Nullable RecentUploads recent;
    private final ChunkPool pool;
    private final BlockingQueue<Chunk> filled = new LinkedBlockingQueue<>();
    private byte[] current = new byte[FIRST_CHUNK];
    private int used;
    private @Nullable Future<UploadSink.Written> writer;

    /** @param recent the store's recent artifacts, which the sink compares with; null to always write */
    UploadPipe(Path temporary, Path root, @Nullable RecentUploads recent) {
        this(temporary, root, recent, ChunkPool.SHARED);
    }

    UploadPipe(Path temporary, Path root, @Nullable RecentUploads recent, ChunkPool pool) {
        this.pool = requireNonNull(pool);
        this.temporary = requireNonNull(temporary);
        this.root = requireNonNull(root);
        this.recent = recent;
    }

    void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (used == current.length) {
                if (current.length * 4 < ChunkPool.CHUNK) {
                    current = Arrays.copyOf(current, current.length * 4);
                } else if (current.length < ChunkPool.CHUNK) {
                    byte[] chunk = take(); // from here on, every chunk counts against the pool
                    System.arraycopy(current, 0, chunk, 0, used);
                    current = chunk;
                } else {
                    handOff();
                }
            }
            int n = Math.min(length, current.length - used);
            System.arraycopy(bytes, offset, current, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    private void handOff() {
        if (writer == null) {
            writer = WRITERS.submit(this::drain);
        }
        put(new Chunk(current, used));
        current = new byte[0]; // not ours any more, should take() be interrupted
        used = 0;
        current = take();
    }

    /** Whether a writer thread has the bytes: {@link #finish} then waits for it, which another thread may do. */
    boolean writing() {
        return writer != null;
    }

    /** Writes what is left and waits for the writer: the temporary file is then complete, or the failure says why not. */
    UploadSink.Written finish() {
        if (writer == null) {
            // Never filled a chunk: written here, which for a small output is cheaper than handing it to a thread.
            UploadSink sink = new UploadSink(temporary, root, recent);
            try {
                sink.accept(current, used);
                return sink.close(false);
            } finally {
                pool.give(current);
                current = new byte[0];
            }
        }
        if (used > 0) {
            put(new Chunk(current, used));
        }
        put(END);
        return await();
    }

    /** Stops writing and removes the temporary file; waits for the writer, so that no file is left once it returns. */
    void abandon() {
        pool.give(current);
        current = new byte[0];
        used = 0;
        if (writer != null) {
            put(ABANDON);
            awaitUninterruptibly();
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + temporary, e);
        }
    }

    /** The writer thread: chunk after chunk until the end; it keeps taking them after a failure, so nobody waits. */
    private UploadSink.Written drain() throws InterruptedException {
        UploadSink sink = new UploadSink(temporary, root, recent);
        @Nullable RuntimeException failure = null;
        while (true) {
            Chunk chunk = filled.take();
            if (chunk == END || chunk == ABANDON) {
                if (failure != null) {
                    sink.close(true);
                    throw failure;
                }
                return sink.close(chunk == ABANDON);
            }
            try {
                if (failure == null) {
                    sink.accept(chunk.bytes(), chunk.length());
                }
            } catch (RuntimeException e) {
                failure = e; // such as a codec's own exception: every chunk must still go back to the pool
            } finally {
                pool.give(chunk.bytes());
            }
        }
    }

    /** Never waits: the queue is unbounded, and the pool bounds the chunks in it. */
    private void put(Chunk chunk) {
        filled.add(chunk);
    }

    private byte[] take() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private UploadSink.Written await() {
        try {
            return requireNonNull(writer).get();
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (ExecutionException e) {
            return new UploadSink.Written(null, new IOException("The artifact writer failed", e.getCause()), null, null);
        }
    }

    /** Waits for the writer to remove its file even where this thread was interrupted, which is often why it abandons. */
    private void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                requireNonNull(writer).get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private UncheckedIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new UncheckedIOException(new InterruptedIOException("Interrupted while writing to " + temporary));
    }
}
