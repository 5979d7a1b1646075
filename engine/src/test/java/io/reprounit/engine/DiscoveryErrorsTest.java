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
 * Every kind of malformed pipeline is one ERROR discovery issue with the class or method at fault as its source, and
 * the pipeline gets no descriptor, so none of its code runs.
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
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.message()).contains("runs = 1").contains(Constants.RUNS_PROPERTY_NAME);
            assertThat(issue.source()).contains(ClassSource.from(WordCount.class));
        });
        assertThat(discovery.getEngineDescriptor().getChildren()).isEmpty();
        EngineExecutionResults results = ReproUnitKit.execute(oneRun, selectClass(WordCount.class));
        assertThat(results.allEvents().started().count()).isLessThanOrEqualTo(1); // at most the engine itself
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
    void aBrokenPipelineFailsTheExecutionWithItsIssueInsteadOfBeingSkippedSilently() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(Cycle.class), selectClass(WordCount.class));

        // ERROR is a critical severity for the platform: the engine fails as a whole, naming the problem and its source.
        assertThat(results.allEvents().finished().stream()).singleElement().satisfies(engine -> {
            assertThat(engine.getTestDescriptor().getUniqueId()).isEqualTo(ReproUnitKit.ENGINE);
            TestExecutionResult result = engine.getRequiredPayload(TestExecutionResult.class);
            assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(result.getThrowable().orElseThrow().getMessage())
                    .contains("[ERROR] Pipeline " + Cycle.class.getName() + " cannot run: its steps form a cycle")
                    .contains("methodName = 'ping'");
        });
        assertThat(results.testEvents().count()).isZero();
    }

    private static DiscoveryIssue onlyIssue(Class<?> pipelineClass) {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(selectClass(pipelineClass));
        assertThat(discovery.getEngineDescriptor().getChildren()).as("descriptors of a broken pipeline").isEmpty();
        List<DiscoveryIssue> issues = discovery.getDiscoveryIssues();
        assertThat(issues).singleElement()
                .satisfies(issue -> assertThat(issue.severity()).isEqualTo(Severity.ERROR));
        return issues.get(0);
    }

    private static void assertMethodSource(DiscoveryIssue issue, Class<?> pipelineClass, String methodName) {
        TestSource source = issue.source().orElseThrow();
        assertThat(source).isInstanceOf(MethodSource.class);
        MethodSource method = (MethodSource) source;
        assertThat(method.getClassName()).isEqualTo(pipelineClass.getName());
        assertThat(method.getMethodName()).isEqualTo(methodName);
    }

    /** Executing the broken pipeline runs none of its steps and reports no test. */
    private static void assertNotRun(Class<?> pipelineClass, java.util.function.IntSupplier calls) {
        int before = calls.getAsInt();
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(pipelineClass));
        assertThat(calls.getAsInt()).as("calls of the broken pipeline's steps").isEqualTo(before);
        assertThat(results.testEvents().count()).isZero();
        assertThat(results.containerEvents().started().stream().map(event -> event.getTestDescriptor().getUniqueId()))
                .doesNotContain(ReproUnitKit.pipelineId(pipelineClass));
    }
}
