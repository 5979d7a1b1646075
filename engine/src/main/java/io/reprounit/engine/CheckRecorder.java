package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.cache.CacheSettings;

import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreSettings;
import org.jspecify.annotations.Nullable;

/** Records this execution's checks where its {@link StoreSettings} say, on one {@link StoreThread}. */
final class CheckRecorder implements AutoCloseable {

    private final StoreSettings settings;
    private final CacheSettings cache;
    private final StoreThread store = new StoreThread(this::open);

    CheckRecorder(StoreSettings settings, CacheSettings cache) {
        this.settings = requireNonNull(settings);
        this.cache = requireNonNull(cache);
    }

    /**
     * Records that a check of {@code pipeline} starts, compared with recorded check {@code against} where one is given. The store is written on its own thread: a store that cannot be
     * opened or written fails the check when it ends, after its steps' results.
     *
     * @throws StoreException naming the setting to change when a setting is wrong
     */
    CheckRecording start(PipelineDefinition pipeline, String mode, @Nullable Long against) {
        return new CheckRecording(this, store, pipeline, settings.artifacts(), mode, against,
                cache.on() && mode.equals("repeat"));
    }

    MetadataStore open() {
        return settings.open();
    }

    @Nullable Integer retention() {
        return settings.retention();
    }

    /** Waits for the last writes and closes the store. */
    @Override
    public void close() {
        store.close();
    }
}
