package io.reprounit.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.reprounit.baseline.fixtures.Scoring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Malformed baselines and baselines that match no pipeline. */
class BaselineFilesTest {

    private static final String PIPELINE = "pipeline:io.reprounit.baseline.fixtures.Scoring";

    @TempDir
    Path directory;

    private BaselineTestKit kit;
    private Path baselines;

    @BeforeEach
    void data() throws Exception {
        baselines = Files.createDirectories(directory.resolve("baselines"));
        kit = new BaselineTestKit(baselines, Files.writeString(directory.resolve("rows.csv"), "a\n"));
    }

    @Test
    void aBaselineThatIsNotYamlFailsWithFileAndLineAndIsKept() throws Exception {
        String broken = "class: io.reprounit.baseline.fixtures.Scoring\npipeline: Scoring\nsteps:\n  load: [unclosed\n";
        Files.writeString(kit.expected(), broken);

        for (String mode : List.of("verify", "record-missing")) {
            kit.run(mode).containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                    finishedWithFailure(message(m -> m.contains(kit.expected() + ":") && m.contains("not valid YAML")
                            && m.contains("left as it is")))));
            assertThat(Files.readString(kit.expected())).as(mode).isEqualTo(broken);
        }
    }

    @Test
    void aBaselineWithAMissingFieldNamesItsLine() throws Exception {
        Files.writeString(kit.expected(), "class: io.reprounit.baseline.fixtures.Scoring\ndigests: 2\npipeline: Scoring\n"
                + "run: {}\nsteps:\n  load:\n    size: 3\n");

        kit.run("verify").containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                finishedWithFailure(message(m -> m.contains(kit.expected() + ":6:") && m.contains("'output' is missing")))));
    }

    @Test
    void aBaselineOfTheOldDigestSchemeSaysToRecordItAgainAndIsKeptUntilAskedTo() throws Exception {
        kit.run("update");
        String old = Files.readString(kit.expected()).replace("digests: 2\n", "");
        Files.writeString(kit.expected(), old);

        for (String mode : List.of("verify", "record-missing")) {
            kit.run(mode).containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                    finishedWithFailure(message(m -> m.contains(kit.expected() + ":1:")
                            && m.contains("digest scheme 1") && m.contains("-Dreprounit.baseline.mode=update")
                            && m.contains("left as it is")))));
            assertThat(Files.readString(kit.expected())).as(mode).isEqualTo(old);
        }

        kit.run("update").testEvents().assertStatistics(stats -> stats.succeeded(4));
        assertThat(Files.readString(kit.expected())).contains("digests: 2\n");
        kit.run("verify").testEvents().assertStatistics(stats -> stats.succeeded(4));
    }

    @Test
    void updateRewritesAMalformedBaseline() throws Exception {
        Files.writeString(kit.expected(), "not: [valid\n");

        kit.run("update").testEvents().assertStatistics(stats -> stats.succeeded(4));

        assertThat(Files.readString(kit.expected())).contains("pipeline: Scoring");
    }

    @Test
    void aBaselineWhoseClassIsGoneOrRenamedIsAWarning() throws Exception {
        kit.run("update");
        String recorded = Files.readString(kit.expected());
        Files.writeString(baselines.resolve("Deleted.yaml"), recorded.replace("io.reprounit.baseline.fixtures.Scoring",
                "io.reprounit.baseline.fixtures.Deleted").replace("pipeline: Scoring", "pipeline: Deleted"));
        Files.writeString(baselines.resolve("OldName.yaml"), recorded.replace("pipeline: Scoring", "pipeline: OldName"));
        Files.writeString(baselines.resolve("NotAPipeline.yaml"), recorded.replace("io.reprounit.baseline.fixtures.Scoring",
                "java.lang.String"));

        List<DiscoveryIssue> issues = EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(Map.of("reprounit.baseline.dir", baselines.toString()))
                .selectors(selectClass(Scoring.class)).discover().getDiscoveryIssues();

        assertThat(issues).hasSize(3).allSatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
            assertThat(issue.source()).containsInstanceOf(FileSource.class);
        });
        assertThat(issues).extracting(DiscoveryIssue::message)
                .anySatisfy(m -> assertThat(m).contains("Deleted.yaml matches no pipeline")
                        .contains("io.reprounit.baseline.fixtures.Deleted does not exist"))
                .anySatisfy(m -> assertThat(m).contains("OldName.yaml matches no pipeline")
                        .contains("is now the pipeline 'Scoring'"))
                .anySatisfy(m -> assertThat(m).contains("NotAPipeline.yaml").contains("no longer a @ReproducibleRun"));
    }
}
