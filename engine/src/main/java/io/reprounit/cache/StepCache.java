package io.reprounit.cache;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.fingerprint.PartChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The step cache of one check: asked before each step runs whether a recorded check of the pipeline already had the
 * step REPRODUCED with the same key ({@link CacheKey}), and told by the store which checks recorded what. A step that
 * ever DIVERGED with the same key is never served, whatever reproduced it elsewhere: nondeterminism seen once is not
 * proven away by a lucky check. A key that differs from a recorded one in class path jars alone is taken as equal where
 * none of those jars counts for the step ({@link JarReach}, asked only then: it reads library classes). Thread-safe.
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
     * Whether the step {@code step}, about to run with {@code key}, may be served instead, every jar counting for it.
     */
    public CacheLookup lookup(String step, CacheKey key) {
        return lookup(step, key, JarReach.EVERY_JAR);
    }

    /**
     * Whether the step {@code step}, about to run with {@code key}, may be served instead; {@code reach} tells which of
     * the jars that differ from a recorded check's count for it, asked only where nothing else differs. Asked again in
     * a later run of the same check, with the same key, it gives the same answer, so that the runs of a check agree on
     * what ran.
     */
    public CacheLookup lookup(String step, CacheKey key, JarReach reach) {
        return answered.computeIfAbsent(step, s -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> answer(step, k, reach));
    }

    /**
     * The hit given for {@code step} with {@code key} could not be served after all ({@code miss} says why): later runs
     * of this check run the step too.
     */
    public void refused(String step, CacheKey key, CacheLookup.Miss miss) {
        answered.computeIfAbsent(step, s -> new java.util.concurrent.ConcurrentHashMap<>()).put(key, miss);
    }

    private CacheLookup answer(String step, CacheKey key, JarReach reach) {
        List<CacheEntry> recorded = entries.get().getOrDefault(step, List.of());
        JarsCounted jars = new JarsCounted(key, reach);
        // A divergence with the same key, or with other jars only, none of which the step reaches, bars every hit.
        for (CacheEntry entry : recorded) {
            if (!entry.reproduced() && entry.key().equals(key)) {
                return divergedMiss(step, entry, "");
            }
        }
        for (CacheEntry entry : recorded) {
            if (!entry.reproduced() && jars.noneCounts(entry)) {
                return divergedMiss(step, entry, " (the jars that differ being out of its reach)");
            }
        }
        List<CacheEntry> same = recorded.stream().filter(entry -> entry.reproduced() && entry.key().equals(key)).toList();
        Optional<CacheEntry> kept = same.stream().filter(StepCache::kept).findFirst();
        if (kept.isPresent()) {
            return new CacheLookup.Hit(kept.get());
        }
        if (!same.isEmpty()) {
            return new CacheLookup.Miss("check " + same.get(0).checkId() + " reproduced it with this very key, but its"
                    + " output is not in the artifact store");
        }
        // Other jars alone: served where none of them counts for the step (JarReach works that out, only now).
        for (CacheEntry entry : recorded) {
            if (entry.reproduced() && kept(entry) && jars.noneCounts(entry)) {
                return new CacheLookup.Hit(entry);
            }
        }
        Optional<CacheEntry> latest = recorded.stream().filter(CacheEntry::reproduced).findFirst();
        if (latest.isEmpty()) {
            return new CacheLookup.Miss("no reproduced check recorded");
        }
        List<String> differences;
        if (jars.differ(latest.get())) {
            differences = jars.describe(latest.get(), step);
            if (differences.isEmpty()) {
                return new CacheLookup.Miss("check " + latest.get().checkId() + " reproduced it with what it depends on"
                        + " (the jars that differ being out of its reach), but its output is not in the artifact store");
            }
        } else {
            differences = key.differencesFrom(latest.get().key(), step);
        }
        return new CacheLookup.Miss((differences.isEmpty() ? "what step '" + step + "' depends on changed"
                : String.join("; ", differences)) + " (since check " + latest.get().checkId() + ")");
    }

    private static CacheLookup.Miss divergedMiss(String step, CacheEntry diverged, String jars) {
        return new CacheLookup.Miss("step '" + step + "' diverged with this very code, configuration, data, environment"
                + " and inputs" + jars + " in check " + diverged.checkId() + ", so it is never served from the cache");
    }

    private static boolean kept(CacheEntry entry) {
        return entry.output() != null && entry.output().location() != null;
    }

    /**
     * The jars that count for a step among those that differ from a recorded key's where nothing else does; worked out
     * on first need, once per set of differing jars.
     */
    private static final class JarsCounted {

        private final CacheKey key;
        private final JarReach reach;
        private final Map<Set<String>, Map<String, String>> known = new HashMap<>();

        JarsCounted(CacheKey key, JarReach reach) {
            this.key = key;
            this.reach = reach;
        }

        /** Whether {@code recorded}'s key differs from this one in jars alone. */
        boolean differ(CacheEntry recorded) {
            return !key.jarsAloneChangedSince(recorded.key()).isEmpty();
        }

        /** Whether {@code recorded}'s key differs from this one in jars alone, none of which counts for the step. */
        boolean noneCounts(CacheEntry recorded) {
            List<PartChange> changes = key.jarsAloneChangedSince(recorded.key());
            return !changes.isEmpty() && counted(changes).isEmpty();
        }

        /** {@code jars of step train: org.example:solver 1.2 → 1.3 (reached by its code)}. */
        List<String> describe(CacheEntry recorded, String step) {
            List<PartChange> changes = key.jarsAloneChangedSince(recorded.key());
            Map<String, String> counted = counted(changes);
            List<String> jars = new ArrayList<>();
            for (PartChange change : changes) {
                if (counted.containsKey(change.name())) {
                    jars.add(CacheKey.jar(change) + " (" + counted.get(change.name()) + ")");
                }
            }
            return jars.isEmpty() ? List.of() : List.of("jars of step " + step + ": " + String.join(", ", jars));
        }

        private Map<String, String> counted(List<PartChange> changes) {
            Set<String> names = new TreeSet<>();
            changes.forEach(change -> names.add(change.name()));
            return known.computeIfAbsent(names, reach::counted);
        }
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
