package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.broken.Cycle;
import io.reprounit.engine.fixtures.broken.DuplicateName;
import io.reprounit.engine.fixtures.broken.MissingParam;
import io.reprounit.engine.fixtures.broken.ProblemsInEveryStep;
import io.reprounit.engine.fixtures.broken.SingleRun;
import io.reprounit.engine.fixtures.broken.StreamStep;
import io.reprounit.engine.fixtures.broken.UnknownInput;
import io.reprounit.engine.fixtures.broken.UnsupportedParam;
import io.reprounit.engine.fixtures.broken.VoidStep;
import io.reprounit.engine.fixtures.simple.WordCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Every kind of malformed pipeline is a container that fails naming its problem, and one INFO discovery issue with the
 * class or method at fault as its source; none of its code runs, and every other pipeline still does.
 */
class DiscoveryErrorsTest {

    @Test
    void aCycleIsReportedAtAStepOnIt() {
        DiscoveryIssue issue = onlyIssue(Cycle.class);

        assertThat(issue.message()).contains("Pipeline " + Cycle.class.getName() + " cannot run")
                .contains("form a cycle").contains("ping needs pong needs ping");
        assertMethodSource(issue, Cycle.class, "ping");
        assertNotRun(Cycle.class, () -> Cycle.calls);
    }

    @Test
    void anInputNamingNoStepIsReportedAtTheStepThatTakesIt() {
        DiscoveryIssue issue = onlyIssue(UnknownInput.class);

        assertThat(issue.message()).contains("step 'consume' takes @Input(\"missing\")")
                .contains("there is no step named 'missing'");
        assertMethodSource(issue, UnknownInput.class, "consume");
        assertNotRun(UnknownInput.class, () -> UnknownInput.calls);
    }

    @Test
    void aParamWithoutAValueNamesBothKeysThatCouldSetIt() {
        DiscoveryIssue issue = onlyIssue(MissingParam.class);

        assertThat(issue.message()).contains("@Param(\"epochs\") has no value")
                .contains("steps.train.epochs").contains("params.epochs").contains("MissingParam.yaml");
        assertMethodSource(issue, MissingParam.class, "train");
        assertNotRun(MissingParam.class, () -> MissingParam.calls);
    }

    @Test
    void problemsComeInTheOrderOfTheSourceEachEndingWithALinkToItsLine() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(selectClass(ProblemsInEveryStep.class));
        List<DiscoveryIssue> issues = discovery.getDiscoveryIssues();

        assertThat(issues).extracting(issue -> ((MethodSource) issue.source().orElseThrow()).getMethodName())
                .containsExactly("sample", "model", "evaluate"); // not the alphabet's evaluate, model, sample
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\n\\tat "
                + java.util.regex.Pattern.quote(ProblemsInEveryStep.class.getName()) + "\\.(\\w+)\\(ProblemsInEveryStep"
                + "\\.java:(\\d+)\\)$");
        List<Integer> lines = new java.util.ArrayList<>();
        for (DiscoveryIssue issue : issues) {
            java.util.regex.Matcher matcher = link.matcher(issue.message());
            assertThat(matcher.find()).as(issue.message()).isTrue();
            assertThat(matcher.group(1)).isEqualTo(((MethodSource) issue.source().orElseThrow()).getMethodName());
            lines.add(Integer.parseInt(matcher.group(2)));
        }
        assertThat(lines).isSorted().doesNotHaveDuplicates().allSatisfy(line -> assertThat(line).isGreaterThan(10));
        assertNotRun(ProblemsInEveryStep.class, () -> ProblemsInEveryStep.calls);
    }

    @Test
    void eachProblemIsReportedOnceHoweverManySelectorsReachTheClass() throws Exception {
        Class<?> pipeline = ProblemsInEveryStep.class;
        List<DiscoveryIssue> issues = ReproUnitKit.discover(selectClass(pipeline),
                org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod(pipeline,
                        pipeline.getDeclaredMethod("model", int.class, int.class)),
                org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId(
                        ReproUnitKit.stepId(pipeline, "evaluate"))).getDiscoveryIssues();

        assertThat(issues).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aParamOfAnUnsupportedTypeIsReported() {
        DiscoveryIssue issue = onlyIssue(UnsupportedParam.class);

        assertThat(issue.message()).contains("@Param(\"worker\") has type java.lang.Thread")
                .contains("configuration values cannot take");
        assertMethodSource(issue, UnsupportedParam.class, "work");
        assertNotRun(UnsupportedParam.class, () -> UnsupportedParam.calls);
    }

    @Test
    void aVoidStepIsReported() {
        DiscoveryIssue issue = onlyIssue(VoidStep.class);

        assertThat(issue.message()).contains("step 'save' returns void").contains("cannot be compared");
        assertMethodSource(issue, VoidStep.class, "save");
        assertNotRun(VoidStep.class, () -> VoidStep.calls);
    }

    @Test
    void aStepReturningAStreamIsReported() {
        DiscoveryIssue issue = onlyIssue(StreamStep.class);

        assertThat(issue.message()).contains("step 'lines' returns java.util.stream.Stream<java.lang.String>")
                .contains("has no content to compare");
        assertMethodSource(issue, StreamStep.class, "lines");
        assertNotRun(StreamStep.class, () -> StreamStep.calls);
    }

    @Test
    void twoStepsWithOneNameAreReportedAtTheSecond() {
        DiscoveryIssue issue = onlyIssue(DuplicateName.class);

        assertThat(issue.message()).contains("two steps are named 'load'").contains("load()").contains("reload()");
        assertThat(issue.source()).get().isInstanceOf(MethodSource.class);
        assertThat(((MethodSource) issue.source().orElseThrow()).getMethodName()).isIn("load", "reload");
        assertNotRun(DuplicateName.class, () -> DuplicateName.calls);
    }

    @Test
    void fewerThanTwoRunsOnTheAnnotationIsReportedOnTheClass() {
        DiscoveryIssue issue = onlyIssue(SingleRun.class);

        assertThat(issue.message()).contains("runs = 1").contains("at least 2 runs");
        assertThat(issue.source()).contains(ClassSource.from(SingleRun.class));
        assertNotRun(SingleRun.class, () -> SingleRun.calls);
    }

    @Test
    void fewerThanTwoRunsFromConfigurationIsReportedOnEveryPipelineThatKeepsTheDefault() {
        Map<String, String> oneRun = Map.of(Constants.RUNS_PROPERTY_NAME, "1");
        EngineDiscoveryResults discovery = ReproUnitKit.engine().configurationParameters(oneRun)
                .selectors(selectClass(WordCount.class)).discover();

        assertThat(discovery.getDiscoveryIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.INFO);
            assertThat(issue.message()).contains("runs = 1").contains(Constants.RUNS_PROPERTY_NAME);
            assertThat(issue.source()).contains(ClassSource.from(WordCount.class));
        });
        assertThat(discovery.getEngineDescriptor().getChildren()).singleElement()
                .isInstanceOf(MalformedPipelineDescriptor.class);
        EngineExecutionResults results = ReproUnitKit.execute(oneRun, selectClass(WordCount.class));
        assertThat(failureOf(results, WordCount.class)).contains("runs = 1");
        assertThat(results.testEvents().count()).isZero();
    }

    @Test
    void aRunsSettingThatIsNoNumberIsAnError() {
        List<DiscoveryIssue> issues = ReproUnitKit.engine().configurationParameter(Constants.RUNS_PROPERTY_NAME, "two")
                .selectors(selectClass(WordCount.class)).discover().getDiscoveryIssues();

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message()).contains(Constants.RUNS_PROPERTY_NAME).contains("'two'");
        });
    }

    @Test
    void aBrokenPipelineFailsOnItsOwnWhileEveryOtherPipelineRuns() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(Cycle.class), selectClass(WordCount.class));

        // The platform treats ERROR issues as critical and would fail the engine: no test would run at all.
        assertThat(failureOf(results, Cycle.class))
                .contains("Pipeline " + Cycle.class.getName() + " cannot run: its steps form a cycle")
                .contains("(at " + Cycle.class.getName() + ".ping)");
        assertThat(results.containerEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().equals(ReproUnitKit.ENGINE))
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getStatus()))
                .containsExactly(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(results.testEvents().succeeded().count()).isPositive();
        assertThat(results.testEvents().failed().count()).isZero();
    }

    @Test
    void selectingAStepOfABrokenPipelineShowsItsPipelineFailing() {
        EngineExecutionResults results = ReproUnitKit.execute(
                org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId(
                        ReproUnitKit.stepId(UnknownInput.class, "consume")));

        assertThat(failureOf(results, UnknownInput.class)).contains("there is no step named 'missing'");
    }

    private static DiscoveryIssue onlyIssue(Class<?> pipelineClass) {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(selectClass(pipelineClass));
        assertThat(discovery.getEngineDescriptor().getChildren()).as("descriptors of a broken pipeline")
                .singleElement().isInstanceOf(MalformedPipelineDescriptor.class);
        List<DiscoveryIssue> issues = discovery.getDiscoveryIssues();
        assertThat(issues).singleElement()
                .satisfies(issue -> assertThat(issue.severity()).isEqualTo(Severity.INFO));
        return issues.get(0);
    }

    /** The message the pipeline's container failed with. */
    private static String failureOf(EngineExecutionResults results, Class<?> pipelineClass) {
        return results.containerEvents().failed().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().equals(ReproUnitKit.pipelineId(pipelineClass)))
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()
                        .getMessage())
                .findFirst().orElseThrow(() -> new AssertionError(pipelineClass + " did not fail"));
    }

    private static void assertMethodSource(DiscoveryIssue issue, Class<?> pipelineClass, String methodName) {
        TestSource source = issue.source().orElseThrow();
        assertThat(source).isInstanceOf(MethodSource.class);
        MethodSource method = (MethodSource) source;
        assertThat(method.getClassName()).isEqualTo(pipelineClass.getName());
        assertThat(method.getMethodName()).isEqualTo(methodName);
    }

    /** Executing the broken pipeline runs none of its steps, reports no test, and fails its container. */
    private static void assertNotRun(Class<?> pipelineClass, java.util.function.IntSupplier calls) {
        int before = calls.getAsInt();
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(pipelineClass));
        assertThat(calls.getAsInt()).as("calls of the broken pipeline's steps").isEqualTo(before);
        assertThat(results.testEvents().count()).isZero();
        assertThat(failureOf(results, pipelineClass)).contains("cannot run");
    }
}
