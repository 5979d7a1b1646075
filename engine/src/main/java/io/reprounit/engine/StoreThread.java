package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.store.MetadataStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The metadata store of one engine execution, written on a thread of its own: opening SQLite, writing a run's
 * fingerprint parts and committing take hundreds of milliseconds that the steps need not wait for. Work runs in the
 * order it is submitted, on one connection opened on first use and closed with this.
 */
final class StoreThread implements AutoCloseable {

    private final Supplier<MetadataStore> opener;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(work -> {
        Thread writer = new Thread(work, "reprounit-store");
        writer.setDaemon(true); // a check cut short must not keep the JVM alive; what was committed stays
        return writer;
    });
    /** Touched only on the store's thread. */
    private @Nullable MetadataStore store;

    StoreThread(Supplier<MetadataStore> opener) {
        this.opener = requireNonNull(opener);
    }

    /** Runs {@code work} on the store's thread, after everything submitted before it. */
    <T extends @Nullable Object> CompletableFuture<T> submit(Function<MetadataStore, T> work) {
        return CompletableFuture.supplyAsync(() -> work.apply(store()), thread);
    }

    private MetadataStore store() {
        if (store == null) {
            store = opener.get();
        }
        return store;
    }

    /** Waits for every write submitted, then closes the connection. */
    @Override
    public void close() {
        CompletableFuture.runAsync(() -> {
            if (store != null) {
                store.close();
            }
        }, thread).join();
        thread.shutdown();
    }
}
