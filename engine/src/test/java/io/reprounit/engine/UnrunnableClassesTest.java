package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import io.reprounit.engine.fixtures.unrunnable.BasePipeline;
import io.reprounit.engine.fixtures.unrunnable.Concrete;
import io.reprounit.engine.fixtures.unrunnable.Hidden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;

/**
 * A class annotated {@code @ReproducibleRun} that cannot be a pipeline is reported as a discovery issue on its class,
 * never skipped in silence: abstract ones as INFO (a base whose subclasses are pipelines), local and anonymous ones as
 * WARNING; neither fails the pipelines beside it.
 */
class UnrunnableClassesTest {

    @Test
    void anAbstractPipelineClassIsReportedAsInfoAndItsConcreteSubclassRuns() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(selectClass(BasePipeline.class),
                selectClass(Concrete.class));

        assertThat(discovery.getDiscoveryIssues()).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.INFO);
            assertThat(issue.message()).contains(BasePipeline.class.getName()).contains("abstract")
                    .contains("subclasses are pipelines");
            assertThat(issue.source()).contains(ClassSource.from(BasePipeline.class));
        });
        assertThat(discovery.getEngineDescriptor().getChildren()).singleElement()
                .satisfies(pipeline -> assertThat(pipeline.getUniqueId()).isEqualTo(ReproUnitKit.pipelineId(Concrete.class)));
    }

    @Test
    void aLocalPipelineClassIsReportedAsAWarning() {
        Class<?> local = Hidden.local();

        DiscoveryIssue issue = onlyIssue(ReproUnitKit.discover(selectClass(local)));

        assertThat(issue.severity()).isEqualTo(Severity.WARNING);
        assertThat(issue.message()).contains(local.getName()).contains("a local class").contains("static nested");
        assertThat(issue.source()).contains(ClassSource.from(local));
    }

    @Test
    void anAnonymousSubclassOfAPipelineIsReportedAsAWarning() {
        DiscoveryIssue issue = onlyIssue(ReproUnitKit.discover(selectClass(Hidden.ANONYMOUS)));

        assertThat(issue.severity()).isEqualTo(Severity.WARNING);
        assertThat(issue.message()).contains(Hidden.ANONYMOUS.getName()).contains("an anonymous class");
        assertThat(issue.source()).contains(ClassSource.from(Hidden.ANONYMOUS));
    }

    @Test
    void scanningAPackageReportsEachUnrunnableClassOnceAndRunsTheRest() {
        EngineDiscoveryResults discovery = ReproUnitKit.discover(selectPackage(Concrete.class.getPackageName()));

        assertThat(discovery.getDiscoveryIssues()).filteredOn(issue -> !issue.message().contains("Surefire's"))
                .extracting(issue -> issue.source().orElseThrow())
                .containsExactlyInAnyOrder(ClassSource.from(BasePipeline.class), ClassSource.from(Hidden.local()),
                        ClassSource.from(Hidden.ANONYMOUS));
        assertThat(discovery.getEngineDescriptor().getChildren()).extracting(child -> child.getUniqueId())
                .containsExactly(ReproUnitKit.pipelineId(Concrete.class));
    }

    private static DiscoveryIssue onlyIssue(EngineDiscoveryResults discovery) {
        List<DiscoveryIssue> issues = discovery.getDiscoveryIssues();
        assertThat(issues).hasSize(1);
        assertThat(discovery.getEngineDescriptor().getChildren()).isEmpty();
        return issues.get(0);
    }
}
