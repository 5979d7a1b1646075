package io.reprounit.engine;

import static io.reprounit.engine.ReproUnitKit.ENGINE;
import static io.reprounit.engine.ReproUnitKit.pipelineId;
import static io.reprounit.engine.ReproUnitKit.stepId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import io.reprounit.engine.fixtures.diverging.FirstDiverges;
import io.reprounit.engine.fixtures.diverging.LastDiverges;
import io.reprounit.engine.fixtures.diverging.MiddleDiverges;
import io.reprounit.engine.fixtures.simple.WordCount;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Every selector kind finds pipelines and steps, and class-name filters narrow what scanning finds. */
class SelectorsTest {

    private static final Set<UniqueId> WORD_COUNT = Set.of(pipelineId(WordCount.class),
            stepId(WordCount.class, "words"), stepId(WordCount.class, "counts"), stepId(WordCount.class, "noise"));

    @Test
    void aClassSelectorFindsThePipelineAndEveryStep() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(selectClass(WordCount.class));

        assertThat(discovery.getDiscoveryIssues()).isEmpty();
        assertThat(ids(discovery.getEngineDescriptor())).isEqualTo(WORD_COUNT);
    }

    @Test
    void aClassSelectorForAClassThatIsNoPipelineFindsNothing() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(selectClass(SelectorsTest.class));

        assertThat(discovery.getEngineDescriptor().getChildren()).isEmpty();
        assertThat(discovery.getDiscoveryIssues()).isEmpty();
    }

    @Test
    void aMethodSelectorFindsOnlyThatStep() throws Exception {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(
                selectMethod(WordCount.class, WordCount.class.getDeclaredMethod("counts", List.class)));

        assertThat(ids(discovery.getEngineDescriptor()))
                .containsExactlyInAnyOrder(pipelineId(WordCount.class), stepId(WordCount.class, "counts"));
    }

    @Test
    void aMethodSelectorByNameAndParameterTypesWorksAsWell() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(
                selectMethod(WordCount.class.getName() + "#counts(java.util.List)"));

        assertThat(ids(discovery.getEngineDescriptor()))
                .containsExactlyInAnyOrder(pipelineId(WordCount.class), stepId(WordCount.class, "counts"));
    }

    @Test
    void aMethodSelectorForAMethodThatIsNoStepFindsNothing() throws Exception {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(
                selectMethod(WordCount.class, WordCount.class.getMethod("toString")));

        assertThat(discovery.getEngineDescriptor().getChildren()).isEmpty();
    }

    @Test
    void aPackageSelectorFindsEveryPipelineInThePackage() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(
                selectPackage("io.reprounit.engine.fixtures.diverging"));

        assertThat(pipelines(discovery)).containsExactlyInAnyOrder(
                pipelineId(FirstDiverges.class), pipelineId(MiddleDiverges.class), pipelineId(LastDiverges.class));
        assertThat(otherThanSurefireIncludes(discovery)).isEmpty();
    }

    /** Where the engine scans, it notices pipelines that mvn test would not run, and says so without failing. */
    @Test
    void aScannedPipelineThatSurefireWouldNotIncludeIsAnInfoIssueNamingIt() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(
                selectPackage("io.reprounit.engine.fixtures.diverging"));

        assertThat(discovery.getDiscoveryIssues()).filteredOn(issue -> issue.source()
                .equals(java.util.Optional.of(org.junit.platform.engine.support.descriptor.ClassSource.from(
                        FirstDiverges.class))))
                .singleElement().satisfies(issue -> {
                    assertThat(issue.severity()).isEqualTo(org.junit.platform.engine.DiscoveryIssue.Severity.INFO);
                    assertThat(issue.message()).contains(FirstDiverges.class.getName())
                            .contains("Surefire's default includes").contains("FirstDivergesTest");
                });
        assertThat(ReproUnitKit.discover(selectClass(FirstDiverges.class)).getDiscoveryIssues())
                .as("a class selected by name, as Surefire does").isEmpty();
        assertThat(SurefireIncludes.isIncludedByDefault(SelectorsTest.class)).isTrue();
    }

    private static java.util.List<org.junit.platform.engine.DiscoveryIssue> otherThanSurefireIncludes(
            EngineDiscoveryResults discovery) {
        return discovery.getDiscoveryIssues().stream()
                .filter(issue -> !issue.message().contains("Surefire's default includes")).toList();
    }

    @Test
    void aClasspathRootSelectorFindsThePipelinesUnderTheRoot() throws Exception {
        Path testClasses = Path.of(WordCount.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        EngineDiscoveryResults discovery = ReproUnitKit.engine()
                .selectors(selectClasspathRoots(Set.of(testClasses)))
                .filters(includeClassNamePatterns("io\\.reprounit\\.engine\\.fixtures\\.(simple|diverging)\\..*"))
                .discover();

        assertThat(pipelines(discovery)).containsExactlyInAnyOrder(pipelineId(WordCount.class),
                pipelineId(FirstDiverges.class), pipelineId(MiddleDiverges.class), pipelineId(LastDiverges.class));
        assertThat(ids(discovery.getEngineDescriptor())).containsAll(WORD_COUNT);
        assertThat(otherThanSurefireIncludes(discovery)).isEmpty();
    }

    @Test
    void aUniqueIdSelectorOfAPipelineFindsThePipelineAndEveryStep() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(selectUniqueId(pipelineId(WordCount.class)));

        assertThat(ids(discovery.getEngineDescriptor())).isEqualTo(WORD_COUNT);
    }

    @Test
    void aUniqueIdSelectorOfAStepFindsOnlyThatStep() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(selectUniqueId(stepId(WordCount.class, "noise")));

        assertThat(ids(discovery.getEngineDescriptor()))
                .containsExactlyInAnyOrder(pipelineId(WordCount.class), stepId(WordCount.class, "noise"));
    }

    @Test
    void aUniqueIdOfAnUnknownStepOrClassFindsNothing() {
        EngineDiscoveryResults unknownStep = ReproUnitKit.discover(selectUniqueId(stepId(WordCount.class, "nope")));
        EngineDiscoveryResults unknownClass = ReproUnitKit.discover(
                selectUniqueId(ENGINE.append("pipeline", "io.reprounit.engine.fixtures.NoSuchPipeline")));

        assertThat(unknownStep.getEngineDescriptor().getChildren()).isEmpty();
        assertThat(unknownClass.getEngineDescriptor().getChildren()).isEmpty();
    }

    @Test
    void anIncludeFilterKeepsOnlyTheMatchingPipelinesOfAPackage() {
        EngineDiscoveryResults discovery = ReproUnitKit.engine()
                .selectors(selectPackage("io.reprounit.engine.fixtures"))
                .filters(includeClassNamePatterns(".*\\.(First|Last)Diverges"))
                .discover();

        assertThat(pipelines(discovery))
                .containsExactlyInAnyOrder(pipelineId(FirstDiverges.class), pipelineId(LastDiverges.class));
        assertThat(otherThanSurefireIncludes(discovery)).as("broken fixtures elsewhere in the package are filtered out")
                .isEmpty();
    }

    @Test
    void anExcludeFilterDropsTheMatchingPipelines() {
        EngineDiscoveryResults discovery = ReproUnitKit.engine()
                .selectors(selectPackage("io.reprounit.engine.fixtures.diverging"))
                .filters(excludeClassNamePatterns(".*Middle.*"))
                .discover();

        assertThat(pipelines(discovery))
                .containsExactlyInAnyOrder(pipelineId(FirstDiverges.class), pipelineId(LastDiverges.class));
    }

    @Test
    void aClassNameFilterAppliesToClassSelectorsToo() {
        EngineDiscoveryResults discovery = ReproUnitKit.engine()
                .selectors(selectClass(WordCount.class), selectClass(LastDiverges.class))
                .filters(includeClassNamePatterns(".*WordCount"))
                .discover();

        assertThat(pipelines(discovery)).containsExactly(pipelineId(WordCount.class));
    }

    @Test
    void classSelectorsAsSurefireHandsThemOverRunEachPipelineOnce() {
        EngineExecutionResults results = ReproUnitKit.execute(selectClass(WordCount.class),
                DiscoverySelectors.selectClass(WordCount.class.getName()));

        assertThat(results.containerEvents().started().count()).isEqualTo(2); // the engine and WordCount
        assertThat(results.testEvents().succeeded().stream().map(event -> event.getTestDescriptor().getUniqueId()))
                .containsExactlyInAnyOrder(stepId(WordCount.class, "words"), stepId(WordCount.class, "counts"),
                        stepId(WordCount.class, "noise"));
    }

    static Set<UniqueId> ids(TestDescriptor root) {
        return root.getDescendants().stream().map(TestDescriptor::getUniqueId).collect(Collectors.toSet());
    }

    private static List<UniqueId> pipelines(EngineDiscoveryResults discovery) {
        return discovery.getEngineDescriptor().getChildren().stream().map(TestDescriptor::getUniqueId).toList();
    }
}
