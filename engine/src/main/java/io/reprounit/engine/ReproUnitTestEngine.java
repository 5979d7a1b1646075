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
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "ReproUnit");
        DiscoveryIssueReporter issues = DiscoveryIssueReporter.deduplicating(
                DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(), uniqueId));
        int defaultRuns = defaultRuns(request.getConfigurationParameters(), issues);
        Materializers materializers = Materializers.load(classLoader());
        PipelineReader reader = new PipelineReader(defaultRuns, materializers::whyUnsupported,
                paramOverrides(request.getConfigurationParameters()));
        EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                .addClassContainerSelectorResolver(PipelineReader::isPipelineClass)
                .addSelectorResolver(context -> new PipelineSelectorResolver(context.getClassNameFilter(),
                        context.getIssueReporter(), reader))
                .build()
                .resolve(request, engine, issues);
        engine.getChildren().forEach(child -> ((PipelineDescriptor) child).orderStepsTopologically());
        BaselineOrphans.report(BaselineSettings.from(request.getConfigurationParameters(), System::getenv), issues);
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        if (!request.getRootTestDescriptor().getChildren().isEmpty()) {
            WarmUp.start();
        }
        ConfigurationParameters parameters = request.getConfigurationParameters();
        Materializers materializers = Materializers.load(classLoader());
        Fingerprinter fingerprinter = parameters.getBoolean(Constants.FINGERPRINT_ENABLED_PROPERTY_NAME).orElse(true)
                ? Fingerprinter.create(classLoader(), environmentVariables(parameters), materializers)
                : Fingerprinter.disabled();
        BaselineCheck baselines = new BaselineCheck(BaselineSettings.from(parameters, System::getenv),
                request.getEngineExecutionListener(), java.nio.file.Path.of("").toAbsolutePath());
        RunSettings runs = new RunSettings(parameters::get, new RunSettings.Keys(Constants.ISOLATION_PROPERTY_NAME,
                Constants.VARY_PROPERTY_NAME, Constants.RUN_TIMEOUT_PROPERTY_NAME, Constants.REPLAY_PROPERTY_NAME));
        try (CheckRecorder recorder = CheckRecorder.from(parameters)) {
            new CheckExecutor(request.getEngineExecutionListener(), materializers, fingerprinter, baselines, recorder,
                    runs).execute(request.getRootTestDescriptor());
        }
    }

    private static int defaultRuns(ConfigurationParameters parameters, DiscoveryIssueReporter issues) {
        Optional<String> configured = parameters.get(Constants.RUNS_PROPERTY_NAME);
        if (configured.isEmpty()) {
            return Constants.DEFAULT_RUNS;
        }
        try {
            return Integer.parseInt(configured.get().strip());
        } catch (NumberFormatException e) {
            issues.reportIssue(DiscoveryIssue.create(Severity.ERROR, "Configuration parameter "
                    + Constants.RUNS_PROPERTY_NAME + " = '" + configured.get() + "' is not a whole number; set it to 2"
                    + " or more. Using " + Constants.DEFAULT_RUNS + "."));
            return Constants.DEFAULT_RUNS;
        }
    }

    /** Every {@code reprounit.param.*} setting, so that one that names no parameter can be reported, not ignored. */
    private static ParamOverrides paramOverrides(ConfigurationParameters parameters) {
        java.util.Map<String, String> settings = new java.util.TreeMap<>();
        for (String key : parameters.keySet()) {
            if (key.startsWith(Constants.PARAM_OVERRIDE_PREFIX)) {
                parameters.get(key).ifPresent(value -> settings.put(key, value));
            }
        }
        return ParamOverrides.of(Constants.PARAM_OVERRIDE_PREFIX, settings);
    }

    private static java.util.List<String> environmentVariables(ConfigurationParameters parameters) {
        return parameters.get(Constants.ENVIRONMENT_VARIABLES_PROPERTY_NAME)
                .map(names -> java.util.Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList())
                .orElse(java.util.List.of());
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ReproUnitTestEngine.class.getClassLoader();
    }
}
