package io.reprounit.run;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Materializers;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.PipelineProblem;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.pipeline.PipelineReading;
import io.reprounit.pipeline.StepDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The main class of a forked run, which reads its {@link ForkedRunRequest} on standard input. It reads the pipeline
 * class again from the step methods the test JVM found, by the same rules and with the same overrides, runs the
 * requested steps once, replays the requested ones on this run's own outputs, and writes everything to the results
 * file as it goes (see {@link ForkedResults}). It exits as soon as it is
 * done, whatever threads a step left behind, and halts if the test JVM goes away, so that no run outlives its check.
 */
@API(status = INTERNAL, since = "0.1")
public final class ForkedRunMain {

    private ForkedRunMain() {}

    public static void main(String[] args) throws Exception {
        ForkedRunRequest request = ForkedRunRequest.read(System.in);
        if (request.classPath() != null) {
            System.setProperty("java.class.path", request.classPath()); // in the test JVM's order, as it was given
        }
        request.systemProperties().forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        int status = 0;
        try (ForkedResults.Writer results = new ForkedResults.Writer(Path.of(request.results()))) {
            try {
                run(request, results);
            } catch (Throwable t) {
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                results.problem("the forked JVM could not run the pipeline: " + trace);
                status = 1;
            }
        }
        System.out.flush();
        System.exit(status);
    }

    private static void run(ForkedRunRequest request, ForkedResults.Writer results) throws ClassNotFoundException {
        ClassLoader loader = ForkedRunMain.class.getClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> pipelineClass = Class.forName(request.pipelineClass(), false, loader);
        Materializers materializers = request.materializers() == null ? Materializers.load(loader)
                : Materializers.provided(request.materializers(), loader);
        Optional<PipelineDefinition> read = read(request, pipelineClass, materializers, loader, results);
        if (read.isEmpty()) {
            return;
        }
        PipelineDefinition pipeline = read.get();
        Map<String, Object> outputs = new HashMap<>();
        Map<String, StepExecution> given = GivenInputs.read(request, pipeline, materializers, outputs);
        List<StepDefinition> steps = pipeline.stepsNeededFor(request.steps(), given.keySet());
        Path original = Path.of(request.originalDirectory());
        Fingerprinter fingerprinter = request.fingerprint()
                ? Fingerprinter.create(loader, List.of(), materializers).readingDataFrom(original)
                        .keepingData(request.keepData())
                : Fingerprinter.disabled();
        fingerprinter.knowingFixedParts(pipeline, request.stepParts());
        PipelineRunner runner = new PipelineRunner(pipeline, steps, materializers, fingerprinter, request.store())
                .forked(results, original, StepConditions.fromSystemProperties());
        Run run = runner.run(request.run(), outputs, given);
        for (String step : request.replaySteps()) {
            StepDefinition definition = pipeline.step(step).orElseThrow();
            for (int i = 0; i < request.replayTimes(); i++) {
                try {
                    results.replayed(runner.replay(definition, outputs, run));
                } catch (IllegalStateException e) {
                    results.replayed(StepExecution.notRun(step, String.valueOf(e.getMessage()), io.reprounit.fingerprint.Fingerprint.empty()));
                    break;
                }
            }
        }
        results.finished(environment());
    }

    /**
     * The pipeline read from the step methods the test JVM found, by the rules it read them with; empty, with a
     * problem written to {@code results}, where the methods are not there or make another pipeline than the test
     * JVM's: its class changed since.
     */
    private static Optional<PipelineDefinition> read(ForkedRunRequest request, Class<?> pipelineClass,
            Materializers materializers, ClassLoader loader, ForkedResults.Writer results) {
        List<String> steps = request.stepMethods().stream().map(ForkedRunRequest.StepMethod::step).toList();
        List<Method> methods = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ForkedRunRequest.StepMethod method : request.stepMethods()) {
            try {
                methods.add(method.resolve(loader));
            } catch (ReflectiveOperationException | LinkageError e) {
                missing.add("step '" + method.step() + "' is " + method + ", which is not there (" + e + ")");
            }
        }
        String why;
        if (!missing.isEmpty()) {
            why = String.join("; ", missing);
        } else {
            PipelineReading reading = new PipelineReader(2, materializers::whyUnsupported, request.paramOverrides())
                    .readSteps(pipelineClass, methods);
            Optional<List<String>> read = reading.pipeline()
                    .map(pipeline -> pipeline.steps().stream().map(StepDefinition::name).toList());
            if (read.isPresent() && read.get().equals(steps)) {
                return reading.pipeline();
            }
            why = read.isEmpty()
                    ? reading.problems().stream().map(PipelineProblem::message).collect(Collectors.joining("; "))
                    : "its steps are " + read.get() + ", the test JVM's " + steps;
        }
        results.problem("the forked JVM read the pipeline differently: " + why + ". Its class changed after the test"
                + " JVM read it; compile it again and run the check again");
        return Optional.empty();
    }

    /** The environment parts that variations change, as this JVM sees them, for the run's fingerprint. */
    private static Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        environment.put("locale", Locale.getDefault().toLanguageTag());
        environment.put("time.zone", TimeZone.getDefault().getID());
        return environment;
    }
}
