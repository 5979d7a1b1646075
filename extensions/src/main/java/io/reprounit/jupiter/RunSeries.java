package io.reprounit.jupiter;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.artifact.Normalization;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.store.StoreSettings;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The runs of one {@link ReproducibleTest @ReproducibleTest} method: keeps the first run's outputs and compares every
 * later run with them. Jupiter runs the invocations of a template one after another; the methods are synchronized all
 * the same, so that a parallel configuration cannot compare a run with a first run that has not finished.
 */
final class RunSeries {

    private final int runs;
    private final Materializers materializers;
    private final Fingerprinter fingerprinter;
    private final TestRecording recording;
    private final Method method;
    private final Map<String, Verdict> verdicts = new LinkedHashMap<>();
    private @Nullable Map<String, Artifact> first;
    private @Nullable String firstRunProblem;

    RunSeries(int runs, Materializers materializers, Fingerprinter fingerprinter, TestRecording recording, Method method) {
        this.runs = runs;
        this.materializers = requireNonNull(materializers);
        this.fingerprinter = requireNonNull(fingerprinter);
        this.recording = requireNonNull(recording);
        this.method = requireNonNull(method);
    }

    /** What the run depended on, as report entries: the code, jars and environment, and the method's own code. */
    Map<String, String> fingerprintEntries(int number) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (number == 1) {
            entries.putAll(fingerprinter.forClass(method.getDeclaringClass()).reportEntries());
        }
        entries.putAll(fingerprinter.forMethod(method).reportEntries());
        return entries;
    }

    int runs() {
        return runs;
    }

    Materializers materializers() {
        return materializers;
    }

    /** Where the runs keep their outputs, as the recording says. */
    @Nullable ArtifactStore artifacts() {
        return recording.artifacts();
    }

    /** Why run {@code number} should be skipped: the first run gave nothing to compare it with. */
    synchronized Optional<String> whyNotRun(int number) {
        if (number == 1 || first != null) {
            return Optional.empty();
        }
        return Optional.of("run 1 " + (firstRunProblem != null ? firstRunProblem : "did not finish")
                + ", so run " + number + " would have nothing to compare with");
    }

    synchronized void threw(int number) {
        if (number == 1) {
            firstRunProblem = "threw";
        }
        if (number == runs) {
            recording.finish(verdicts);
        }
    }

    /**
     * Keeps the first run's outputs, or compares a later run's with them.
     *
     * @throws IllegalStateException where the run recorded nothing
     * @throws org.opentest4j.AssertionFailedError where an output differs from the first run's
     */
    synchronized void finished(int number, Map<String, Artifact> recorded, Map<String, Normalization> normalizations,
            Instant started, Instant finished) {
        if (!recorded.isEmpty()) {
            recording.run(number, started, finished, recorded, fingerprinter.forClass(method.getDeclaringClass()),
                    fingerprinter.forMethod(method));
        }
        judge(number, recorded, normalizations);
        if (number == runs) {
            recording.finish(verdicts);
        }
        compare(number, recorded, normalizations);
        if (number == runs && recording.failure().isPresent()) {
            RuntimeException failure = recording.failure().get();
            throw new IllegalStateException("The runs were compared, but recording them in the metadata store failed: "
                    + failure.getMessage() + " (setting " + StoreSettings.URL_KEY + ")", failure);
        }
    }

    /** Each output's verdict so far: reproduced until a run gives it another digest. */
    private void judge(int number, Map<String, Artifact> recorded, Map<String, Normalization> normalizations) {
        if (number == 1) {
            recorded.keySet().forEach(name -> verdicts.put(name, Verdict.REPRODUCED));
        } else if (first != null) {
            first.forEach((name, artifact) -> {
                Artifact later = recorded.get(name);
                if (later == null || !OutputComparison.agree(artifact, later,
                        normalizations.getOrDefault(name, Normalization.none()))) {
                    verdicts.put(name, Verdict.DIVERGED);
                }
            });
        }
    }

    private void compare(int number, Map<String, Artifact> recorded, Map<String, Normalization> normalizations) {
        if (recorded.isEmpty()) {
            if (number == 1) {
                firstRunProblem = "recorded no outputs";
            }
            throw new IllegalStateException("Run " + number + " of " + runs + " recorded no outputs, so there is nothing"
                    + " to compare between runs: pass what the test produced to outputs.record(name, value)");
        }
        if (number == 1) {
            first = recorded; // an unmodifiable copy in recorded order, so that failures name outputs in that order
            return;
        }
        OutputComparison.compare(requireNonNull(first, "the first run's outputs"), recorded, normalizations, number);
    }
}
