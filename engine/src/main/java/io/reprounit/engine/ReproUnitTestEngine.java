package io.reprounit.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Materializers;
import io.reprounit.artifact.WarmUp;
import io.reprounit.baseline.BaselineOrphans;
import io.reprounit.pipeline.PipelineReader;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;

/**
 * The ReproUnit test engine: every {@code @ReproducibleRun} class is a pipeline, every {@code @Step} a test that passes
 * when the step gave the same output in every run. Executed by the JUnit Platform's hierarchical executor: a pipeline's
 * node runs its check, its steps' nodes report the verdicts (see docs/architecture.md).
 */
@API(status = INTERNAL, since = "0.1")
public final class ReproUnitTestEngine extends HierarchicalTestEngine<ReproUnitExecutionContext> {

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
        configuration.summaryProblem().ifPresent(problem -> issues.reportIssue(DiscoveryIssue.create(Severity.WARNING,
                problem)));
        Materializers materializers = Materializers.load(classLoader());
        PipelineReader reader = new PipelineReader(configuration.defaultRuns(), materializers::whyUnsupported,
                configuration.paramOverrides());
        EngineDiscoveryRequestResolver.<ReproUnitEngineDescriptor>builder()
                .addClassContainerSelectorResolver(UnrunnableClasses::isAnnotated) // so that they are reported
                .addSelectorResolver(context -> new PipelineSelectorResolver(context.getClassNameFilter(),
                        context.getIssueReporter(), reader))
                .build()
                .resolve(request, engine, issues);
        engine.pipelines().forEach(PipelineDescriptor::orderStepsTopologically);
        if (!engine.pipelines().isEmpty()) {
            // from here, not from execution: the rest of discovery and the launcher's start give the other core time
            WarmUp.start(configuration.cache().on());
        }
        String cacheProblem = configuration.cache().problem();
        if (cacheProblem != null) {
            issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, cacheProblem));
        }
        if (configuration.cache().on()) {
            UnreadableOutputs.report(engine.pipelines(), materializers, issues);
        }
        SurefireIncludes.report(request, engine.pipelines(), issues);
        BaselineOrphans.find(configuration.baselines(), classLoader()).forEach(orphan -> issues.reportIssue(
                DiscoveryIssue.builder(Severity.WARNING, orphan.message())
                        .source(FileSource.from(orphan.file().toFile()))));
        return engine;
    }

    @Override
    protected ReproUnitExecutionContext createExecutionContext(ExecutionRequest request) {
        return new ReproUnitExecutionContext(ExecutionServices.create(request));
    }

    /** The platform's parallel executor where asked for, configured as Jupiter's and Cucumber's are; else one thread. */
    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        return configuration(request).parallel()
                .map(ParallelHierarchicalTestExecutorServiceFactory::create)
                .orElseGet(() -> super.createExecutorService(request));
    }

    private static ReproUnitConfiguration configuration(ExecutionRequest request) {
        return ((ReproUnitEngineDescriptor) request.getRootTestDescriptor()).configuration();
    }

    private static ClassLoader classLoader() {
        return ExecutionServices.classLoader();
    }
}
