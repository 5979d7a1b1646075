package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.reprounit.api.Isolation;
import io.reprounit.api.Variation;
import io.reprounit.baseline.Baseline;
import io.reprounit.run.RunSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How {@link ReproUnit#check(Class, CheckOptions)} checks a pipeline. Immutable: every method returns a new value.
 *
 * <pre>{@code
 * ReproUnit.check(IrisPipeline.class, CheckOptions.defaults().runs(3).environmentVariables("CUDA_VISIBLE_DEVICES"));
 * }</pre>
 *
 * <p>Where runs execute is read as the engine reads it: {@link #isolation}, {@link #vary}, {@link #runTimeout} and
 * {@link #replay} where set here, else the system properties {@code reprounit.isolation}, {@code reprounit.vary},
 * {@code reprounit.run.timeout} and {@code reprounit.replay}, and the pipeline's {@code @ReproducibleRun} over both.
 * Every other setting is what the test says.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CheckOptions {

    private static final CheckOptions DEFAULTS = new CheckOptions(null, true, List.of(), null, null, Map.of());

    private final @Nullable Integer runs;
    private final boolean fingerprints;
    private final List<String> environmentVariables;
    private final @Nullable Baseline baseline;
    private final @Nullable RecordedCheck recorded;
    /** Run settings by their configuration key, over the system properties. */
    private final Map<String, String> settings;

    /** A check of a metadata store to compare with: its id, and the store's URL where the test names one. */
    record RecordedCheck(long id, @Nullable String storeUrl) {}

    private CheckOptions(@Nullable Integer runs, boolean fingerprints, List<String> environmentVariables,
            @Nullable Baseline baseline, @Nullable RecordedCheck recorded, Map<String, String> settings) {
        this.runs = runs;
        this.fingerprints = fingerprints;
        this.environmentVariables = List.copyOf(environmentVariables);
        this.baseline = baseline;
        this.recorded = recorded;
        this.settings = Map.copyOf(settings);
    }

    /** The pipeline's own number of runs ({@code @ReproducibleRun(runs)}), fingerprints taken, no baseline. */
    public static CheckOptions defaults() {
        return DEFAULTS;
    }

    /** Compares this many runs, whatever the pipeline's annotation says; at least 2. */
    public CheckOptions runs(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("A check compares at least 2 runs, not " + count);
        }
        return new CheckOptions(count, fingerprints, environmentVariables, baseline, recorded, settings);
    }

    /**
     * Takes no fingerprints: faster (the first git fingerprint in a JVM costs seconds), but a verdict against a baseline
     * can then no longer say which part changed.
     */
    public CheckOptions withoutFingerprints() {
        return new CheckOptions(runs, false, environmentVariables, baseline, recorded, settings);
    }

    /** Records these environment variables in the environment fingerprint; secret-looking ones only as present. */
    public CheckOptions environmentVariables(String... names) {
        return new CheckOptions(runs, fingerprints, List.of(names), baseline, recorded, settings);
    }

    /**
     * Also compares the check with this baseline, as the engine does in {@code verify} mode, so that a step whose output
     * differs from it is CHANGED (naming the part that explains it) or DIVERGED. Nothing is written: recording and
     * updating baselines is the engine's job. Read a committed file with
     * {@link io.reprounit.baseline.BaselineYaml#read(String, String)}.
     */
    public CheckOptions against(Baseline expected) {
        return new CheckOptions(runs, fingerprints, environmentVariables, requireNonNull(expected), null, settings);
    }

    /**
     * Also compares the check with check {@code id} of the metadata store, as {@code reprounit.against=check:<id>} does
     * for the engine: its first complete run stands for the baseline, so that a step whose output differs from it is
     * CHANGED (naming the part that explains it) or DIVERGED. The store is the one {@code reprounit.store.url} names,
     * else the default store of the working tree; nothing is written to it. Replaces {@link #against(Baseline)}.
     */
    public CheckOptions againstCheck(long id) {
        return new CheckOptions(runs, fingerprints, environmentVariables, null, new RecordedCheck(id, null), settings);
    }

    /** As {@link #againstCheck(long)}, with check {@code id} of the store at {@code storeUrl}. */
    public CheckOptions againstCheck(long id, String storeUrl) {
        return new CheckOptions(runs, fingerprints, environmentVariables, null,
                new RecordedCheck(id, requireNonNull(storeUrl)), settings);
    }

    /**
     * Runs each run in this JVM ({@link Isolation#SAME_JVM}) or each in a fresh one ({@link Isolation#FORKED}), as
     * {@code reprounit.isolation} does for the engine; {@link Isolation#CONFIGURED} leaves it to the system property.
     */
    public CheckOptions isolation(Isolation isolation) {
        return with(RunSettings.ISOLATION_KEY, requireNonNull(isolation) == Isolation.CONFIGURED ? null
                : isolation.name().toLowerCase(Locale.ROOT));
    }

    /** Varies these between runs, as {@code reprounit.vary} does; needs {@link Isolation#FORKED}. */
    public CheckOptions vary(Variation... variations) {
        return with(RunSettings.VARY_KEY, Arrays.stream(variations).map(v -> v.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(",")));
    }

    /** Kills a forked run that takes longer, as {@code reprounit.run.timeout} does. */
    public CheckOptions runTimeout(Duration timeout) {
        return with(RunSettings.TIMEOUT_KEY, timeout.toString());
    }

    /** Replays a diverged step this many times alone on run 1's inputs, as {@code reprounit.replay} does; 0 for none. */
    public CheckOptions replay(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("A step is replayed 0 or more times, not " + times);
        }
        return with(RunSettings.REPLAY_KEY, String.valueOf(times));
    }

    private CheckOptions with(String key, @Nullable String value) {
        Map<String, String> changed = new HashMap<>(settings);
        if (value == null) {
            changed.remove(key);
        } else {
            changed.put(key, value);
        }
        return new CheckOptions(runs, fingerprints, environmentVariables, baseline, recorded, changed);
    }

    /** A run setting by its key: set here, or else the system property. */
    Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).or(() -> Optional.ofNullable(System.getProperty(key)));
    }

    Optional<Integer> runs() {
        return Optional.ofNullable(runs);
    }

    boolean fingerprints() {
        return fingerprints;
    }

    List<String> environmentVariables() {
        return environmentVariables;
    }

    Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    Optional<RecordedCheck> recorded() {
        return Optional.ofNullable(recorded);
    }
}
