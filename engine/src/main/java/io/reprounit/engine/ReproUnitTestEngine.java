package io.reprounit.engine;

import io.reprounit.artifact.Materializers;
import io.reprounit.artifact.WarmUp;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.run.RunSettings;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * The ReproUnit test engine: every {@code @ReproducibleRun} class is a pipeline, every {@code @Step} a test that passes
 * when the step gave the same output in every run.
 */
public final class ReproUnitTestEngine implements TestEngine {

    @Override
    public String getId() {
        return Constants.ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("io.reprounit");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("reprounit-engine");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        ReproUnitConfiguration configuration = ReproUnitConfiguration.read(request.getConfigurationParameters(),
                System::getenv);
        ReproUnitEngineDescriptor engine = new ReproUnitEngineDescriptor(uniqueId, configuration);
        DiscoveryIssueReporter issues = DiscoveryIssueReporter.deduplicating(
                DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId));
        configuration.runsProblem().ifPresent(problem -> issues.reportIssue(DiscoveryIssue.create(Severity.ERROR,
                problem)));
        Materializers materializers = Materializers.load(classLoader());
        PipelineReader reader = new PipelineReader(configuration.defaultRuns(), materializers::whyUnsupported,
                configuration.paramOverrides());
        EngineDiscoveryRequestResolver.<ReproUnitEngineDescriptor>builder()
                .addClassContainerSelectorResolver(PipelineReader::isPipelineClass)
                .addSelectorResolver(context -> new PipelineSelectorResolver(context.getClassNameFilter(),
                        context.getIssueReporter(), reader))
                .build()
                .resolve(request, engine, issues);
        engine.getChildren().forEach(child -> ((PipelineDescriptor) child).orderStepsTopologically());
        BaselineOrphans.report(configuration.baselines(), issues);
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor root = request.getRootTestDescriptor();
        if (!root.getChildren().isEmpty()) {
            WarmUp.start();
        }
        ReproUnitConfiguration configuration = ((ReproUnitEngineDescriptor) root).configuration();
        Materializers materializers = Materializers.load(classLoader());
        Fingerprinter fingerprinter = configuration.fingerprintEnabled()
                ? Fingerprinter.create(classLoader(), configuration.environmentVariables(), materializers)
                : Fingerprinter.disabled();
        BaselineCheck baselines = new BaselineCheck(configuration.baselines(), request.getEngineExecutionListener(),
                java.nio.file.Path.of("").toAbsolutePath());
        try (CheckRecorder recorder = new CheckRecorder(configuration.store())) {
            new CheckExecutor(request.getEngineExecutionListener(), materializers, fingerprinter, baselines, recorder,
                    configuration.runs()).execute(root);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ReproUnitTestEngine.class.getClassLoader();
    }
}
