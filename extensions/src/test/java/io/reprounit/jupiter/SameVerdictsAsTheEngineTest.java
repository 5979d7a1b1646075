package io.reprounit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.api.Isolation;
import io.reprounit.api.Variation;
import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import io.reprounit.jupiter.fixtures.LocalePriceReport;
import io.reprounit.run.Finding;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code ReproUnit.check} and the engine check through the same core service: with forked runs and a variation they
 * give every step the same verdict, explanation and culprit.
 */
class SameVerdictsAsTheEngineTest {

    @Test
    void forkedRunsVaryingTheLocaleGiveTheEnginesVerdictsExplanationsAndCulprits() {
        Events engine = EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameter("reprounit.isolation", "forked")
                .configurationParameter("reprounit.vary", "locale")
                .configurationParameter("reprounit.replay", "1")
                .configurationParameter("reprounit.baseline.mode", "none")
                .selectors(selectClass(LocalePriceReport.class)).execute().allEvents();
        PipelineCheck check = ReproUnit.check(LocalePriceReport.class, CheckOptions.defaults()
                .isolation(Isolation.FORKED).vary(Variation.LOCALE).replay(1));

        assertThat(check.steps()).extracting(StepCheck::name, StepCheck::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("prices", Verdict.REPRODUCED),
                org.assertj.core.groups.Tuple.tuple("report", Verdict.DIVERGED),
                org.assertj.core.groups.Tuple.tuple("shouted", Verdict.TAINTED));
        assertThat(check.step("shouted").orElseThrow().culprits()).containsExactly("report");
        Map<String, TestExecutionResult.Status> statuses = stepStatuses(engine);
        assertThat(statuses).containsExactly(Map.entry("prices", TestExecutionResult.Status.SUCCESSFUL),
                Map.entry("report", TestExecutionResult.Status.FAILED),
                Map.entry("shouted", TestExecutionResult.Status.ABORTED));
        Map<String, String> explanations = explanations(engine);
        for (StepCheck step : check.steps()) {
            assertThat(explanations.get(step.name())).as(step.name()).isEqualTo(step.explanation());
        }
        assertThat(check.step("report").orElseThrow().explanation()).as("the variation investigated")
                .contains("locale=");
        StepVerdict report = check.step("report").orElseThrow().stepVerdict();
        assertThat(report.findings(Finding.Kind.VARIATION)).singleElement().extracting(Finding::text).asString()
                .contains("step 'report' differs under locale=");
        assertThat(report.findings(Finding.Kind.REPLAY)).singleElement().extracting(Finding::text).asString()
                .startsWith("replayed 1 times alone on run 1's inputs");
        assertThat(report.findings(Finding.Kind.BASELINE)).isEmpty();
        assertThat(explanations.get("shouted")).contains("because step 'report' diverged upstream");
    }

    private static Map<String, TestExecutionResult.Status> stepStatuses(Events events) {
        Map<String, TestExecutionResult.Status> statuses = new LinkedHashMap<>();
        events.finished().stream().filter(SameVerdictsAsTheEngineTest::isStep)
                .forEach(event -> statuses.put(stepName(event),
                        event.getRequiredPayload(TestExecutionResult.class).getStatus()));
        return statuses;
    }

    /** Each step's {@code reprounit.explanation} report entry. */
    private static Map<String, String> explanations(Events events) {
        Map<String, String> explanations = new LinkedHashMap<>();
        events.filter(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED && isStep(event))
                .forEach(event -> event.getPayload(ReportEntry.class).flatMap(entry -> java.util.Optional.ofNullable(
                        entry.getKeyValuePairs().get("reprounit.explanation")))
                        .ifPresent(explanation -> explanations.put(stepName(event), explanation)));
        return explanations;
    }

    private static boolean isStep(Event event) {
        return event.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("step");
    }

    private static String stepName(Event event) {
        return event.getTestDescriptor().getUniqueId().getLastSegment().getValue();
    }
}
