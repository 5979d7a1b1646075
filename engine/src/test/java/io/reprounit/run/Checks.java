package io.reprounit.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs fixture pipelines through the engine, never touching baselines, and reads their steps' results. */
final class Checks {

    private final Map<String, String> parameters = new LinkedHashMap<>();

    private Checks() {
        parameters.put("reprounit.baseline.mode", "none");
    }

    static Checks sameJvm() {
        return new Checks().with("reprounit.isolation", "same_jvm");
    }

    static Checks forked() {
        return new Checks().with("reprounit.isolation", "forked");
    }

    Checks with(String key, String value) {
        parameters.put(key, value);
        return this;
    }

    Events run(Class<?> pipeline) {
        return EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(parameters).selectors(selectClass(pipeline))
                .execute().allEvents();
    }

    /** The result of the step, by the last segment of its unique id. */
    static TestExecutionResult step(Events events, String step) {
        return events.finished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().getLastSegment().getValue().equals(step)
                        && event.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("step"))
                .map(event -> event.getRequiredPayload(TestExecutionResult.class))
                .findFirst()
                .orElseThrow(() -> new AssertionError("step " + step + " did not finish: " + events.list()));
    }

    /** The failure message of the step, or empty where it passed. */
    static Optional<String> failure(Events events, String step) {
        return step(events, step).getThrowable().map(Throwable::getMessage);
    }

    /** How many forked JVMs the check started, from the pipeline's report entry {@code reprounit.forked.runs}. */
    static int forkedRuns(Events events) {
        return events.reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("pipeline"))
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("reprounit.forked.runs"))
                .filter(java.util.Objects::nonNull)
                .mapToInt(Integer::parseInt)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no reprounit.forked.runs entry: " + events.list()));
    }

    /** The pipeline container's failure, where the check failed as a whole. */
    static Optional<Throwable> pipelineFailure(Events events) {
        return events.finished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("pipeline"))
                .map(event -> event.getRequiredPayload(TestExecutionResult.class))
                .findFirst()
                .flatMap(TestExecutionResult::getThrowable);
    }
}
