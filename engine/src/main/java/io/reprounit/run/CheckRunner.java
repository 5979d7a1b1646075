package io.reprounit.run;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.api.Variation;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.cache.StepCache;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Produces the runs of one check as its {@link CheckPlan} says: one after another in this JVM, or each in a fresh JVM,
 * several at a time, run 1 as the control and later runs as experiments. Where a step diverged it investigates before
 * handing the runs back: which variation makes the difference (one at a time, as reprotest's auto mode does) and what
 * replaying the step alone on run 1's inputs gives.
 */
@API(status = INTERNAL, since = "0.1")
public final class CheckRunner {

    /** Told of each run of the check as it starts and ends, such as the metadata store's recording. */
    public interface Recording {
        void runStarting(int number);

        /** Records the run and gives it back. */
        Run runFinished(Run run);

        /**
         * A step starts in this JVM, in run {@code run}; for a replay, run 1, whose inputs it is given. A step of a
         * forked run is not told: it runs in another JVM, which reports it.
         */
        default void stepStarting(int run, String step) {}

        default void stepFinished(int run, String step) {}

        /** The step cache that runs in this JVM ask before each step; off unless the recording offers one. */
        default StepCache cache() {
            return StepCache.OFF;
        }
    }

    /**
     * The check's runs in order, a finding for each step that diverged, to add to its verdict, and how many forked JVMs
     * the check started, investigation included (0 in the same JVM).
     */
    public record Result(List<Run> runs, Map<String, List<Finding>> findings, int forkedRuns) {}

    private final PipelineDefinition pipeline;
    private final List<StepDefinition> steps;
    private final Materializers materializers;
    private final Fingerprinter fingerprinter;
    private final CheckPlan plan;
    private final @Nullable ArtifactStore store;
    private final int runCount;

    /**
     * @param store where every run keeps its outputs as it digests them, in this JVM or a forked one; null for none
     * @param runs  how many runs the check compares: the pipeline's own number unless a caller asks for another
     */
    public CheckRunner(PipelineDefinition pipeline, List<StepDefinition> steps, Materializers materializers,
            Fingerprinter fingerprinter, CheckPlan plan, @Nullable ArtifactStore store, int runs) {
        if (runs < 2) {
            throw new IllegalArgumentException("A check compares at least 2 runs, not " + runs);
        }
        this.runCount = runs;
        this.pipeline = requireNonNull(pipeline);
        this.steps = List.copyOf(steps);
        this.materializers = requireNonNull(materializers);
        this.fingerprinter = requireNonNull(fingerprinter);
        this.plan = requireNonNull(plan);
        this.store = store;
    }

    public Result run(Recording recording) {
        return plan.isForked() ? forked(recording) : sameJvm(recording);
    }

    private Result sameJvm(Recording recording) {
        try (RestoredFiles restored = new RestoredFiles()) {
            return sameJvm(recording, restored);
        }
    }

    /** Forked runs never ask the cache: they are asked for to prove a step in fresh or perturbed JVMs. */
    private Result sameJvm(Recording recording, RestoredFiles restored) {
        PipelineRunner plain = new PipelineRunner(pipeline, steps, materializers, fingerprinter, store);
        PipelineRunner runner = store == null ? plain : plain.caching(recording.cache(), restored);
        Map<String, Object> controlOutputs = new HashMap<>(); // kept for replay: the objects run 1's steps received
        List<Run> runs = new ArrayList<>();
        for (int number = 1; number <= runCount; number++) {
            recording.runStarting(number);
            runs.add(recording.runFinished(runner.reporting(progress(recording, number))
                    .run(number, number == 1 ? controlOutputs : new HashMap<>())));
        }
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        for (Divergence divergence : Divergence.find(steps, runs)) {
            StepDefinition step = pipeline.step(divergence.step()).orElseThrow();
            List<StepExecution> replays = new ArrayList<>();
            String problem = null;
            for (int i = 0; i < plan.replay() && problem == null; i++) {
                recording.stepStarting(1, step.name());
                try {
                    replays.add(runner.replay(step, controlOutputs, runs.get(0)));
                } catch (IllegalStateException e) {
                    problem = e.getMessage();
                } finally {
                    recording.stepFinished(1, step.name());
                }
            }
            Findings.replay(step.name(), plan.replay(), replays, problem, runs.get(0), null)
                    .ifPresent(text -> findings.put(step.name(),
                            List.of(new Finding(Finding.Kind.REPLAY, text + Findings.sameJvmCause(replays)))));
        }
        return new Result(runs, findings, 0);
    }

    /** Tells {@code recording} of each step of run {@code run} as it starts and ends. */
    private static PipelineRunner.Progress progress(Recording recording, int run) {
        return new PipelineRunner.Progress() {
            @Override
            public void stepStarting(String step) {
                recording.stepStarting(run, step);
            }

            @Override
            public void stepFinished(StepExecution execution) {
                recording.stepFinished(run, execution.step());
            }
        };
    }

    private Result forked(Recording recording) {
        try (ForkSetup setup = ForkSetup.create()) {
            Fingerprint shared = fingerprinter.forRun(pipeline);
            ForkedRunner runner = new ForkedRunner(setup, pipeline, steps, plan, shared, store,
                    fingerprinter.keepsData(), materializers, fingerprinter.fixedParts(pipeline));
            List<Supplier<ForkedRunner.Outcome>> tasks = new ArrayList<>();
            for (int number = 1; number <= runCount; number++) {
                int run = number;
                RunConditions conditions = RunConditions.experiment(plan.variations(), number - 1, plan.seed());
                recording.runStarting(number);
                tasks.add(() -> runner.run(run, conditions, List.of(), 0));
            }
            List<Run> runs = new ArrayList<>();
            List<ForkedRunner.Outcome> outcomes = inParallel(tasks);
            for (ForkedRunner.Outcome outcome : outcomes) {
                runs.add(recording.runFinished(outcome.run()));
            }
            List<Divergence> divergences = Divergence.find(steps, runs);
            Optional<ForkedRunner.Outcome> diverged = divergences.stream().mapToInt(Divergence::firstRun).min()
                    .stream().mapToObj(number -> outcomes.get(number - 1)).findFirst();
            Map<String, List<Finding>> findings = divergences.isEmpty() ? Map.of()
                    : new Investigation(runner, plan, runs.get(0), divergences, diverged, materializers)
                            .findings(this::inParallel, concurrency());
            return new Result(runs, findings, runner.started());
        }
    }

    /**
     * Runs the tasks at most as many at a time as there are processors, and gives their results in task order. Runs of
     * a pipeline whose steps are given files or directories take turns instead: they would read and write the same
     * files (an export to {@code target/features.csv}), and one run truncating a file while another digests it shows
     * as a difference that no run made. So do the runs of a check under {@code cpu_contention}: an experiment's busy
     * threads would load the machine under the control too.
     */
    <T> List<T> inParallel(List<Supplier<T>> tasks) {
        int threads = Math.max(1, Math.min(tasks.size(), concurrency()));
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "reprounit-fork");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<T>> futures = tasks.stream()
                    .map(task -> CompletableFuture.supplyAsync(task, executor)).toList();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            executor.shutdownNow();
        }
    }

    /** How many forked runs of this check run at once: one where they must take turns, else the processors. */
    int concurrency() {
        boolean givenFiles = steps.stream().anyMatch(step -> !step.dataSources().isEmpty());
        boolean contention = plan.variations().contains(Variation.CPU_CONTENTION);
        return givenFiles || contention ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /** For messages: {@code [locale, time_zone]} as configured. */
    static String names(java.util.Collection<Variation> variations) {
        return variations.stream().map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList().toString();
    }
}
