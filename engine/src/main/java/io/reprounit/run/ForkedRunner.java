package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs a pipeline once in a fresh JVM under given conditions and turns what it wrote into a {@link Run}, as if it had
 * run here. A run past the plan's timeout is killed with every process it started, and its unfinished steps fail with
 * a message that names the timeout, the run and the step that was running.
 */
final class ForkedRunner {

    /** Printed of a forked JVM's own output at most, so that a chatty pipeline does not flood the test report. */
    private static final int MAX_ECHOED_CHARS = 64 * 1024;

    /** Forked JVMs still running, ended if this JVM exits first (Surefire ends a fork that times out that way). */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ForkedRunner::kill), "reprounit-forks"));
    }

    /**
     * A forked run, its replays by step, its conditions as {@code name=value}, and by step the kinds of call with an
     * unspecified order it made, where its {@code java.base} recorded them.
     */
    record Outcome(Run run, Map<String, List<StepExecution>> replays, Map<String, String> conditions,
            Map<String, Set<String>> shuffledCalls) {}

    private final ForkSetup setup;
    private final PipelineDefinition pipeline;
    private final List<StepDefinition> steps;
    private final CheckPlan plan;
    private final Fingerprint runFingerprint;
    private final @Nullable ArtifactStore store;
    private final boolean keepData;
    private final List<ForkedRunRequest.StoredInput> given;
    private final boolean quick;
    private final Materializers materializers;
    private final Map<String, List<FingerprintPart>> stepParts;
    /** Forked JVMs started for the check, shared by the runners made from this one. */
    private final AtomicInteger forks;

    /**
     * @param runFingerprint what every run of the check shares, taken once in this JVM
     * @param store          where the forked JVMs keep outputs, over the same directory; null for nowhere
     * @param keepData       whether they keep each step's data sources there too (reprounit.data.snapshots)
     * @param materializers  this JVM's, whose providers the forked JVMs create without looking them up
     * @param stepParts      by step, the code and configuration parts of its fingerprint, taken once in this JVM
     */
    ForkedRunner(ForkSetup setup, PipelineDefinition pipeline, List<StepDefinition> steps, CheckPlan plan,
            Fingerprint runFingerprint, @Nullable ArtifactStore store, boolean keepData, Materializers materializers,
            Map<String, List<FingerprintPart>> stepParts) {
        this(setup, pipeline, steps, plan, runFingerprint, store, keepData, List.of(), false, materializers, stepParts,
                new AtomicInteger());
    }

    private ForkedRunner(ForkSetup setup, PipelineDefinition pipeline, List<StepDefinition> steps, CheckPlan plan,
            Fingerprint runFingerprint, @Nullable ArtifactStore store, boolean keepData,
            List<ForkedRunRequest.StoredInput> given, boolean quick, Materializers materializers,
            Map<String, List<FingerprintPart>> stepParts, AtomicInteger forks) {
        this.setup = requireNonNull(setup);
        this.pipeline = requireNonNull(pipeline);
        this.steps = List.copyOf(steps);
        this.plan = requireNonNull(plan);
        this.runFingerprint = requireNonNull(runFingerprint);
        this.store = store;
        this.keepData = keepData;
        this.given = List.copyOf(given);
        this.quick = quick;
        this.materializers = requireNonNull(materializers);
        this.stepParts = Map.copyOf(stepParts);
        this.forks = requireNonNull(forks);
    }

    /**
     * A runner of the same check that stops after {@code culprits} and the steps they need: what investigating a
     * divergence has to run, and no more.
     */
    ForkedRunner upTo(List<String> culprits) {
        List<String> needed = pipeline.stepsNeededFor(culprits).stream().map(StepDefinition::name).toList();
        return new ForkedRunner(setup, pipeline, steps.stream().filter(step -> needed.contains(step.name())).toList(),
                plan, runFingerprint, store, keepData, given, quick, this.materializers, stepParts, forks);
    }

    /**
     * A runner of {@code culprits} alone, given the outputs of the steps upstream of them as {@code control} kept
     * them ({@link StoredInputs}); where they cannot be given, {@link #upTo} them.
     */
    ForkedRunner onStoredInputs(List<String> culprits, Run control, Materializers materializers) {
        return StoredInputs.of(pipeline, control, culprits, materializers)
                .map(inputs -> new ForkedRunner(setup, pipeline,
                        steps.stream().filter(step -> culprits.contains(step.name())).toList(), plan, runFingerprint,
                        store, keepData, inputs, quick, this.materializers, stepParts, forks))
                .orElseGet(() -> upTo(culprits));
    }

    /**
     * This runner, starting JVMs that compile with C1 alone ({@code -XX:TieredStopAtLevel=1}): for runs that only
     * repeat steps that took a moment in run 1, where C2 compiling the engine's start-up would cost more CPU than the
     * run itself (a perturbed check of a small pipeline took 11.5–13.4 s of CPU so, not 15.4–16.8 s). Java's floating point is strict, so the
     * compiler changes no result; a run that differs all the same is caught as one that differs with no variation.
     */
    ForkedRunner quick() {
        return new ForkedRunner(setup, pipeline, steps, plan, runFingerprint, store, keepData, given, true,
                materializers, stepParts, forks);
    }

    /** How many forked JVMs this runner and those made from it have started, for the check's report. */
    int started() {
        return forks.get();
    }

    List<String> stepNames() {
        return steps.stream().map(StepDefinition::name).toList();
    }

    /** Whether this runner's runs start from stored inputs, for the findings' words. */
    boolean startsFromStoredInputs() {
        return !given.isEmpty();
    }

    Outcome run(int number, RunConditions conditions, List<String> replaySteps, int replayTimes) {
        try {
            Path directory = OwnerOnly.createTempDirectory(setup.checkDirectory(), "run-" + number + "-");
            ForkCommand command = new ForkCommand(setup, directory);
            if (quick) {
                command.option("-XX:TieredStopAtLevel=1");
            }
            conditions.applyTo(command);
            Path results = OwnerOnly.createFile(directory.resolve("results.jsonl"));
            ForkedRunRequest request = ForkedRunRequest.of(pipeline, materializers, steps, number, setup.originalDirectory(),
                    !runFingerprint.parts().isEmpty(), replaySteps, replayTimes, results, store, keepData, given,
                    stepParts, setup.classPath().reordered()
                            ? String.join(File.pathSeparator, setup.classPath().original()) : null);
            Path log = OwnerOnly.createFile(directory.resolve("output.log")); // the JVM's output keeps its mode
            Instant started = Instant.now();
            Process process = command.start(log);
            forks.incrementAndGet();
            LIVE.add(process);
            send(request, process);
            boolean ended;
            try {
                ended = process.waitFor(plan.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                if (process.isAlive()) {
                    kill(process);
                }
                LIVE.remove(process);
            }
            String output = echo(log);
            ForkedResults.Read read = ForkedResults.read(results, store);
            Map<String, String> described = conditions.describeAll(command);
            List<StepExecution> executions = executions(number, read, ended ? null : "was killed after " + plan.timeout()
                    + " (" + plan.timeoutSetting() + ")", ended ? process.exitValue() : -1, output);
            return new Outcome(new Run(number, executions, fingerprint(read.environment(), described), started,
                    Instant.now()), read.replays(), described, read.shuffledCalls());
        } catch (IOException e) {
            throw new UncheckedIOException("Forked run " + number + " of " + pipeline.name() + " failed to start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for forked run " + number, e);
        }
    }

    /**
     * Writes the request on the JVM's standard input, from a thread of its own: a JVM that never reads it must not
     * keep this one from its timeout.
     */
    private static void send(ForkedRunRequest request, Process process) {
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                request.write(in);
            } catch (IOException e) {
                // The JVM ended before it read its request: its exit code and output say why.
            }
        }, "reprounit-fork-request");
        writer.setDaemon(true);
        writer.start();
    }

    /** The steps it reported; the others failed with why the run ended without them. */
    private List<StepExecution> executions(int number, ForkedResults.Read read, @Nullable String killed, int exitCode,
            String output) {
        Map<String, StepExecution> reported = new LinkedHashMap<>();
        read.steps().forEach(execution -> reported.put(execution.step(), execution));
        List<StepExecution> executions = new ArrayList<>();
        for (StepDefinition step : steps) {
            StepExecution execution = reported.get(step.name());
            if (execution == null) {
                String why;
                if (killed != null) {
                    why = "run " + number + " " + killed + " while step '" + read.running().orElse("(none)")
                            + "' was running";
                } else if (read.problem().isPresent()) {
                    why = "run " + number + ": " + read.problem().get();
                } else {
                    why = "the JVM of forked run " + number + " exited with code " + exitCode + " before step '"
                            + read.running().orElse(step.name()) + "' finished; its output ended with: "
                            + output.substring(Math.max(0, output.length() - 2_000));
                }
                execution = StepExecution.failed(step.name(), Map.of(), new ForkedRunException(why),
                        java.time.Duration.ZERO, Fingerprint.empty());
            }
            executions.add(execution);
        }
        return executions;
    }

    /** The check's run parts, with what this JVM saw of the varied environment and the conditions it was given. */
    private Fingerprint fingerprint(Map<String, String> environment, Map<String, String> conditions) {
        if (runFingerprint.parts().isEmpty()) {
            return runFingerprint;
        }
        Map<String, FingerprintPart> parts = new LinkedHashMap<>();
        runFingerprint.parts().forEach(part -> parts.put(part.key(), part));
        environment.forEach((name, value) -> put(parts, FingerprintPart.of(Aspect.ENVIRONMENT, name, value)));
        put(parts, FingerprintPart.of(Aspect.ENVIRONMENT, "isolation", "forked"));
        conditions.forEach((name, value) -> put(parts, FingerprintPart.of(Aspect.ENVIRONMENT, "vary." + name, value)));
        return Fingerprint.of(parts.values());
    }

    private static void put(Map<String, FingerprintPart> parts, FingerprintPart part) {
        parts.put(part.key(), part);
    }

    /** Prints what the forked JVM printed, as a step in this JVM would have, and gives it back for messages. */
    private static String echo(Path log) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            if (!output.isEmpty()) {
                System.out.print(output.length() <= MAX_ECHOED_CHARS ? output
                        : output.substring(0, MAX_ECHOED_CHARS) + "\n[… " + (output.length() - MAX_ECHOED_CHARS)
                                + " more characters in the forked run's output]\n");
            }
            return output;
        } catch (IOException e) {
            return "(its output could not be read: " + e.getMessage() + ")";
        }
    }

    /** Ends the JVM and everything it started: a step may have started a process that would outlive it. */
    private static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
