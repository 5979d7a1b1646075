package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;

import io.reprounit.baseline.Baseline;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link ReproUnit#check(Class, CheckOptions)} checks a pipeline. Immutable: every method returns a new value.
 *
 * <pre>{@code
 * ReproUnit.check(IrisPipeline.class, CheckOptions.defaults().runs(3).environmentVariables("CUDA_VISIBLE_DEVICES"));
 * }</pre>
 *
 * <p>Unlike the engine, these options read no configuration parameters or system properties: a check from a test
 * method does exactly what the test says.
 */
public final class CheckOptions {

    private static final CheckOptions DEFAULTS = new CheckOptions(null, true, List.of(), null);

    private final @Nullable Integer runs;
    private final boolean fingerprints;
    private final List<String> environmentVariables;
    private final @Nullable Baseline baseline;

    private CheckOptions(@Nullable Integer runs, boolean fingerprints, List<String> environmentVariables,
            @Nullable Baseline baseline) {
        this.runs = runs;
        this.fingerprints = fingerprints;
        this.environmentVariables = List.copyOf(environmentVariables);
        this.baseline = baseline;
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
        return new CheckOptions(count, fingerprints, environmentVariables, baseline);
    }

    /**
     * Takes no fingerprints: faster (the first git fingerprint in a JVM costs seconds), but a verdict against a baseline
     * can then no longer say which part changed.
     */
    public CheckOptions withoutFingerprints() {
        return new CheckOptions(runs, false, environmentVariables, baseline);
    }

    /** Records these environment variables in the environment fingerprint; secret-looking ones only as present. */
    public CheckOptions environmentVariables(String... names) {
        return new CheckOptions(runs, fingerprints, List.of(names), baseline);
    }

    /**
     * Also compares the check with this baseline, as the engine does in {@code verify} mode, so that a step whose output
     * differs from it is CHANGED (naming the part that explains it) or DIVERGED. Nothing is written: recording and
     * updating baselines is the engine's job. Read a committed file with
     * {@link io.reprounit.baseline.BaselineYaml#read(String, String)}.
     */
    public CheckOptions against(Baseline expected) {
        return new CheckOptions(runs, fingerprints, environmentVariables, requireNonNull(expected));
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
}
