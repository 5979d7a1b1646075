package io.reprounit.cache;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The step cache of one check: asked before each step runs whether a recorded check of the pipeline already had the
 * step REPRODUCED with the same key ({@link CacheKey}), and told by the store which checks recorded what. A step that
 * ever DIVERGED with the same key is never served, whatever reproduced it elsewhere: nondeterminism seen once is not
 * proven away by a lucky check. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class StepCache {

    /** The cache of a check that asks no recorded check: every step runs. */
    public static final StepCache OFF = new StepCache(Map::of, false);

    /** How many recorded checks per step a miss is explained against: the latest that reproduced it. */
    public static final int ENTRIES_PER_STEP = 20;

    private final Supplier<Map<String, List<CacheEntry>>> entries;
    private final boolean on;
    /** The answers given so far in this check: every run of a check gets the same one for the same step and key. */
    private final Map<String, Map<CacheKey, CacheLookup>> answered = new java.util.concurrent.ConcurrentHashMap<>();

    private StepCache(Supplier<Map<String, List<CacheEntry>>> entries, boolean on) {
        this.entries = requireNonNull(entries);
        this.on = on;
    }

    /**
     * A cache over what the store recorded, by step name, latest check first; {@code entries} is asked once, when the
     * first step looks up, so that loading overlaps the check's start.
     */
    public static StepCache over(Supplier<Map<String, List<CacheEntry>>> entries) {
        return new StepCache(memoized(entries), true);
    }

    public boolean isOn() {
        return on;
    }

    /**
     * Whether the step {@code step}, about to run with {@code key}, may be served instead. Asked again in a later run of
     * the same check, with the same key, it gives the same answer, so that the runs of a check agree on what ran.
     */
    public CacheLookup lookup(String step, CacheKey key) {
        return answered.computeIfAbsent(step, s -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> answer(step, k));
    }

    /**
     * The hit given for {@code step} with {@code key} could not be served after all ({@code miss} says why): later runs
     * of this check run the step too.
     */
    public void refused(String step, CacheKey key, CacheLookup.Miss miss) {
        answered.computeIfAbsent(step, s -> new java.util.concurrent.ConcurrentHashMap<>()).put(key, miss);
    }

    private CacheLookup answer(String step, CacheKey key) {
        List<CacheEntry> recorded = entries.get().getOrDefault(step, List.of());
        Optional<CacheEntry> diverged = recorded.stream()
                .filter(entry -> !entry.reproduced() && entry.key().equals(key)).findFirst();
        if (diverged.isPresent()) {
            return new CacheLookup.Miss("step '" + step + "' diverged with this very code, configuration, data,"
                    + " environment and inputs in check " + diverged.get().checkId() + ", so it is never served from the"
                    + " cache");
        }
        List<CacheEntry> same = recorded.stream().filter(entry -> entry.reproduced() && entry.key().equals(key)).toList();
        Optional<CacheEntry> kept = same.stream()
                .filter(entry -> entry.output() != null && entry.output().location() != null).findFirst();
        if (kept.isPresent()) {
            return new CacheLookup.Hit(kept.get());
        }
        if (!same.isEmpty()) {
            return new CacheLookup.Miss("check " + same.get(0).checkId() + " reproduced it with this very key, but its"
                    + " output is not in the artifact store");
        }
        Optional<CacheEntry> latest = recorded.stream().filter(CacheEntry::reproduced).findFirst();
        if (latest.isEmpty()) {
            return new CacheLookup.Miss("no reproduced check recorded");
        }
        List<String> differences = key.differencesFrom(latest.get().key(), step);
        return new CacheLookup.Miss((differences.isEmpty() ? "what step '" + step + "' depends on changed"
                : String.join("; ", differences)) + " (since check " + latest.get().checkId() + ")");
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile @org.jspecify.annotations.Nullable T value;

            @Override
            public synchronized T get() {
                T known = value;
                if (known == null) {
                    known = requireNonNull(supplier.get());
                    value = known;
                }
                return known;
            }
        };
    }
}
