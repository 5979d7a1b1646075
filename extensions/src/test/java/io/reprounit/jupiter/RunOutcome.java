package io.reprounit.jupiter;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** How one run of a fixture ended under Jupiter, read from the test kit's events. */
record RunOutcome(String name, String status, @Nullable Throwable thrown, @Nullable String skipReason) {

    /** Runs {@code fixture} on a real Jupiter engine and gives one outcome per run, in order. */
    static List<RunOutcome> of(Class<?> fixture) {
        return of(execute(fixture));
    }

    static EngineExecutionResults execute(Class<?> fixture) {
        return execute(fixture, STORE);
    }

    /**
     * The store the fixtures record in: under target/, never the project's .reprounit/. One per test JVM is enough;
     * tests of the recording itself pass their own.
     */
    private static final String STORE = "jdbc:sqlite:" + java.nio.file.Path.of("target", "reprounit-test-store",
            "bridge.db").toAbsolutePath();

    static EngineExecutionResults execute(Class<?> fixture, String storeUrl) {
        return EngineTestKit.engine("junit-jupiter").configurationParameter("reprounit.store.url", storeUrl)
                .selectors(selectClass(fixture)).execute();
    }

    static List<RunOutcome> of(EngineExecutionResults results) {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (var execution : results.testEvents().executions().list()) {
            var termination = execution.getTerminationInfo();
            String name = execution.getTestDescriptor().getDisplayName();
            if (termination.skipped()) {
                outcomes.add(new RunOutcome(name, "SKIPPED", null, termination.getSkipReason()));
            } else {
                var result = termination.getExecutionResult();
                outcomes.add(new RunOutcome(name, result.getStatus().name(), result.getThrowable().orElse(null), null));
            }
        }
        // Skipped runs are never started, so they are not among the executions above in every version: add them.
        results.testEvents().skipped().stream()
                .filter(event -> outcomes.stream().noneMatch(o -> o.name().equals(event.getTestDescriptor().getDisplayName())))
                .forEach(event -> outcomes.add(new RunOutcome(event.getTestDescriptor().getDisplayName(), "SKIPPED", null,
                        event.getPayload(String.class).orElse(null))));
        return outcomes;
    }

    String message() {
        return thrown == null ? "" : String.valueOf(thrown.getMessage());
    }
}
