package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactCondition;
import io.reprounit.artifact.ArtifactReadException;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.cache.CacheEntry;
import io.reprounit.cache.CacheKey;
import io.reprounit.cache.CacheLookup;
import io.reprounit.cache.JarReach;
import io.reprounit.cache.StepCache;
import io.reprounit.pipeline.StepDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Serves a step from the step cache instead of running it, where a recorded check proved its output: the stored output
 * is read back for the steps downstream (and verified as it is), or, where no step of the check reads it, only verified
 * in the store. A hit that cannot be served after all becomes a miss that says why, for every run of the check.
 */
final class CacheServing {

    /** The step as served, or what the cache answered where it must run. */
    record Answer(@Nullable StepExecution served, CacheLookup lookup) {}

    private final StepCache cache;
    private final Materializers materializers;
    private final List<StepDefinition> steps;
    private final RestoredFiles restored;
    private final ArtifactStore store;

    CacheServing(StepCache cache, Materializers materializers, List<StepDefinition> steps, RestoredFiles restored,
            ArtifactStore store) {
        this.cache = requireNonNull(cache);
        this.materializers = requireNonNull(materializers);
        this.steps = List.copyOf(steps);
        this.restored = requireNonNull(restored);
        this.store = requireNonNull(store);
    }

    /**
     * Asks the cache about {@code step} with {@code key}, {@code reach} telling which jars count for it; a value served
     * goes into {@code outputs}.
     */
    Answer serve(StepDefinition step, CacheKey key, JarReach reach, Map<String, Object> outputs) {
        CacheLookup lookup = cache.lookup(step.name(), key, reach);
        if (!(lookup instanceof CacheLookup.Hit hit)) {
            return new Answer(null, lookup);
        }
        try {
            return new Answer(served(step, hit, key, outputs), hit);
        } catch (Unservable e) {
            CacheLookup.Miss miss = new CacheLookup.Miss("the output that check " + hit.checkId() + " kept cannot be"
                    + " served: " + e.getMessage());
            cache.refused(step.name(), key, miss);
            return new Answer(null, miss);
        }
    }

    private StepExecution served(StepDefinition step, CacheLookup.Hit hit, CacheKey key, Map<String, Object> outputs)
            throws Unservable {
        long started = System.nanoTime();
        CacheEntry.StoredOutput stored = hit.output();
        boolean readDownstream = steps.stream().anyMatch(other -> other.upstream().contains(step.name()));
        try {
            if (readDownstream) {
                Object value = materializers.readBack(store, stored.digest(), stored.bytesDigest(), stored.mediaType(),
                        step.method().getGenericReturnType(), step.normalization(), restored.next());
                outputs.put(step.name(), value);
            } else {
                ArtifactCondition condition = store.condition(stored.digest());
                if (!condition.isIntact()) {
                    throw new Unservable("its artifact " + stored.digest() + " is " + condition.state().label()
                            + (condition.problem() == null ? "" : ": " + condition.problem()));
                }
            }
            Artifact output = Artifact.inStore(store, stored.digest(), stored.bytesDigest(), stored.size(),
                    stored.mediaType(), requireNonNull(stored.location())).orElseThrow(() -> new Unservable(
                            "its artifact " + stored.digest() + " is not in the artifact store"));
            return StepExecution.cached(step.name(), key.inputs(), output, Duration.ofNanos(System.nanoTime() - started),
                    key.step(), hit);
        } catch (ArtifactReadException e) {
            throw new Unservable(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new Unservable(String.valueOf(e.getMessage()));
        }
    }

    /** Why a hit's output cannot be served after all: the step then runs. */
    private static final class Unservable extends Exception {
        private static final long serialVersionUID = 1L;

        Unservable(@Nullable String reason) {
            super(reason, null, false, false);
        }
    }
}
