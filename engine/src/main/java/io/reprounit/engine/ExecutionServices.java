package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Materializers;
import io.reprounit.baseline.BaselineCheck;
import io.reprounit.check.CheckService;
import io.reprounit.fingerprint.Fingerprinter;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;

/**
 * What one engine execution checks and reports its pipelines with, built from the configuration its engine descriptor
 * kept from discovery: the check, the step reporter, and the metadata store's recorder, closed when the engine's node
 * is cleaned up.
 */
final class ExecutionServices implements AutoCloseable {

    private final CheckExecutor checks;
    private final StepReporter steps;
    private final CheckRecorder recorder;
    private final ConsoleSummary summary;
    private final ReportAfterExecution report;

    private ExecutionServices(CheckExecutor checks, StepReporter steps, CheckRecorder recorder, ConsoleSummary summary,
            ReportAfterExecution report) {
        this.checks = requireNonNull(checks);
        this.steps = requireNonNull(steps);
        this.recorder = requireNonNull(recorder);
        this.summary = requireNonNull(summary);
        this.report = requireNonNull(report);
    }

    static ExecutionServices create(ExecutionRequest request) {
        TestDescriptor root = request.getRootTestDescriptor();
        ReproUnitConfiguration configuration = ((ReproUnitEngineDescriptor) root).configuration();
        ClassLoader classLoader = classLoader();
        Materializers materializers = Materializers.load(classLoader);
        Fingerprinter fingerprinter = configuration.fingerprintEnabled()
                ? Fingerprinter.create(classLoader, configuration.environmentVariables(), materializers)
                        .keepingData(configuration.store().dataSnapshots())
                : Fingerprinter.disabled();
        BaselineReporting baselines = new BaselineReporting(new BaselineCheck(configuration.baselines(),
                Path.of("").toAbsolutePath()), configuration.paramOverrides(), request.getEngineExecutionListener());
        CheckRecorder recorder = new CheckRecorder(configuration.store(), configuration.cache());
        AgainstChecks against = new AgainstChecks(configuration.against(), configuration.store(),
                Path.of("").toAbsolutePath(), root.getChildren().stream().filter(PipelineDescriptor.class::isInstance)
                        .map(child -> ((PipelineDescriptor) child).pipeline().name()).collect(Collectors.toSet()));
        return new ExecutionServices(new CheckExecutor(request.getEngineExecutionListener(),
                new CheckService(configuration.runs(), materializers, fingerprinter), baselines, recorder, against),
                new StepReporter(request.getEngineExecutionListener(), new StepEvidence(
                        request.getOutputDirectoryCreator(), request.getEngineExecutionListener())),
                recorder, new ConsoleSummary(configuration.summary() ? System.out : null),
                new ReportAfterExecution(configuration.report(), configuration.store()));
    }

    CheckExecutor checks() {
        return checks;
    }

    StepReporter steps() {
        return steps;
    }

    ConsoleSummary summary() {
        return summary;
    }

    /** Waits for the metadata store's last writes and closes it; then writes the report, where one is asked for. */
    @Override
    public void close() {
        recorder.close();
        report.write();
    }

    static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ReproUnitTestEngine.class.getClassLoader();
    }
}
