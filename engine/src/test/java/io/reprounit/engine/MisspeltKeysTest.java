package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.badinput.Tunable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * A misspelt key is one mistake and one discovery error, naming the key that was probably meant, rather than a missing
 * value here and an unknown key there; and keys no step reads are reported together with every other problem.
 */
class MisspeltKeysTest {

    private static final String FILE = "io/reprounit/engine/fixtures/badinput/Tunable.yaml";

    @TempDir
    Path directory;

    @Test
    void aKeyInTheWrongCaseIsOneErrorNamingTheParameterItWasMeantFor() throws Exception {
        List<DiscoveryIssue> issues = issues(Tunable.VALID_CONFIG.replace("    epochs: 3", "    Epochs: 3"));

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.message()).contains("step 'train': @Param(\"epochs\") has no value, but " + FILE
                    + ":8: steps.train.Epochs is read by no step: did you mean epochs?");
            assertThat(issue.source()).contains(MethodSource.from(Tunable.class.getName(), "train",
                    "java.util.List, int, java.util.Map"));
        });
    }

    @Test
    void aMisspeltSharedParamIsOneErrorToo() throws Exception {
        List<DiscoveryIssue> issues = issues(Tunable.VALID_CONFIG.replace("  label: score", "  lable: score"));

        assertThat(issues).singleElement().satisfies(issue -> assertThat(issue.message())
                .contains("@Param(\"label\") has no value, but " + FILE + ":3: params.lable is read by no step: did you"
                        + " mean label?"));
    }

    @Test
    void aSharedParamMisspeltOnceIsTheSlipOfEveryStepThatTakesIt() throws Exception {
        Path file = Files.writeString(directory.resolve("SharedRate.yaml"), "params:\n  Rate: 0.1\n");
        List<DiscoveryIssue> issues = ReproUnitKit.engine().selectors(selectClass(ConfiguredFixture.load(
                io.reprounit.engine.fixtures.badinput.SharedRate.class, file))).discover().getDiscoveryIssues();

        assertThat(issues).extracting(DiscoveryIssue::message).satisfiesExactly(
                message -> assertThat(message).contains("step 'warmUp': @Param(\"rate\") has no value, but")
                        .contains("params.Rate is read by no step: did you mean rate?"),
                message -> assertThat(message).contains("step 'train': @Param(\"rate\") has no value, but")
                        .contains("params.Rate is read by no step: did you mean rate?"));
    }

    @Test
    void stepForStepsIsOneUnknownKeyNamingStepsAndEveryValueItStranded() throws Exception {
        List<DiscoveryIssue> issues = issues(Tunable.VALID_CONFIG.replace("steps:", "step:"));

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.message()).contains(FILE + ":4: unknown key 'step' (did you mean steps?)")
                    .contains("@Param(\"rows\") of step 'load', @Param(\"epochs\") of step 'train',"
                            + " @Param(\"weights\") of step 'train', @Param(\"verbose\") of step 'report' have no value");
            assertThat(issue.source()).get().isInstanceOf(ClassSource.class);
        });
    }

    @Test
    void aMisspeltStepNameIsOneErrorNamingTheStep() throws Exception {
        List<DiscoveryIssue> issues = issues(Tunable.VALID_CONFIG.replace("  report:", "  reprot:"));

        assertThat(issues).singleElement().satisfies(issue -> assertThat(issue.message())
                .contains(FILE + ":12: steps.reprot names no step (did you mean report?)")
                .contains("@Param(\"verbose\") of step 'report' has no value"));
    }

    @Test
    void anUnreadKeyIsReportedBesideAMissingValueThatIsNoSlipOfIt() throws Exception {
        String config = Tunable.VALID_CONFIG.replace("  label: score\n", "").replace("    verbose: true\n",
                "    verbose: true\n    dropout: 0.5\n");

        assertThat(issues(config)).extracting(DiscoveryIssue::message).satisfiesExactlyInAnyOrder(
                message -> assertThat(message).contains("@Param(\"label\") has no value; set steps.report.label or"
                        + " params.label in " + FILE).doesNotContain("did you mean"),
                message -> assertThat(message).contains(FILE + ":13: steps.report.dropout is used by no step: step"
                        + " 'report' has no @Param(\"dropout\"); remove it").doesNotContain("did you mean"));
    }

    @Test
    void anUnreadKeyIsReportedBesideAProblemOfAnotherKind() throws Exception {
        String config = Tunable.VALID_CONFIG.replace("epochs: 3", "epochs: three")
                .replace("seed: 7", "seed: 7\nsede: 8");

        assertThat(issues(config)).extracting(DiscoveryIssue::message).satisfiesExactlyInAnyOrder(
                message -> assertThat(message).contains("steps.train.epochs cannot be given to step 'train'"),
                message -> assertThat(message).contains(FILE + ":2: unknown key 'sede' (did you mean seed?)"));
    }

    private List<DiscoveryIssue> issues(String config) throws Exception {
        Path file = Files.writeString(directory.resolve("Tunable.yaml"), config);
        List<DiscoveryIssue> issues = ReproUnitKit.engine().selectors(selectClass(ConfiguredFixture.load(Tunable.class,
                file))).discover().getDiscoveryIssues();
        // INFO: the pipeline's class fails on its own with these problems, and other pipelines still run.
        assertThat(issues).allSatisfy(issue -> assertThat(issue.severity()).isEqualTo(Severity.INFO));
        return issues;
    }
}
