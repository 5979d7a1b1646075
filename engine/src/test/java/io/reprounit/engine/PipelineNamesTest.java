package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.badinput.UnsafeNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A pipeline's name is its baseline file's name: one that would leave the baseline directory, make directories, or be
 * no file name at all is a discovery error naming the class, and nothing of the pipeline runs or is written.
 */
class PipelineNamesTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(classes = {UnsafeNames.Traversal.class, UnsafeNames.Absolute.class, UnsafeNames.Separator.class,
            UnsafeNames.Backslash.class, UnsafeNames.DotDot.class, UnsafeNames.Hidden.class, UnsafeNames.Nul.class,
            UnsafeNames.Escape.class, UnsafeNames.TooLong.class, UnsafeNames.Colon.class})
    void aNameThatIsNoFileNameInTheBaselineDirectoryIsADiscoveryErrorOnTheClass(Class<?> pipeline) throws IOException {
        Path baselines = directory.resolve("module/src/baselines");
        Files.createDirectories(baselines);
        Map<String, String> recording = Map.of(Constants.BASELINE_MODE_PROPERTY_NAME, "record-missing",
                Constants.BASELINE_DIR_PROPERTY_NAME, baselines.toString(), Constants.CI_PROPERTY_NAME, "false");

        List<DiscoveryIssue> issues = ReproUnitKit.engine().configurationParameters(recording)
                .selectors(selectClass(pipeline)).discover().getDiscoveryIssues();

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.INFO);
            assertThat(issue.source()).contains(ClassSource.from(pipeline));
            assertThat(issue.message()).contains("Pipeline " + pipeline.getName() + " cannot run: its name '")
                    .contains("cannot name its baseline file").contains("@ReproducibleRun(name")
                    .doesNotContain("\u0000").doesNotContain("\u001B");
        });

        int calls = UnsafeNames.calls;
        EngineExecutionResults results = ReproUnitKit.engine().configurationParameters(recording)
                .selectors(selectClass(pipeline)).execute();
        assertThat(results.testEvents().started().count()).isZero();
        assertThat(UnsafeNames.calls).as("steps run").isEqualTo(calls);
        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile)).as("files written").isEmpty();
        }
        assertThat(Path.of("/tmp/reprounit-i14-absolute-name.yaml")).doesNotExist();
    }

    @Test
    void eachRuleIsNamedInTheMessage() {
        assertThat(message(UnsafeNames.Traversal.class)).contains("path separator");
        assertThat(message(UnsafeNames.DotDot.class)).contains("starts with '.'");
        assertThat(message(UnsafeNames.Nul.class)).contains("control character U+0000").contains("nul\\u0000byte");
        assertThat(message(UnsafeNames.TooLong.class)).contains("201 characters long, more than 200");
        assertThat(message(UnsafeNames.Colon.class)).contains("':', which Windows does not allow");
    }

    @Test
    void aNameWithDotsInsideIsOneFileInTheDirectory() {
        assertThat(ReproUnitKit.discover(selectClass(UnsafeNames.Dotted.class)).getDiscoveryIssues()).isEmpty();
        assertThat(new io.reprounit.baseline.BaselineFiles(directory, "iris.v2").expected()).isEqualTo(directory.resolve("iris.v2.yaml"));
    }

    @Test
    void theBaselineWriterRefusesAFileOutsideItsDirectoryWhateverTheNameCameFrom() {
        for (String name : List.of("../escaped", "../../x/pwned", "/tmp/absolute", "a/b", "nul\u0000byte")) {
            assertThatThrownBy(() -> new io.reprounit.baseline.BaselineFiles(directory.resolve("baselines"), name)).as(name)
                    .isInstanceOf(io.reprounit.baseline.BaselineSetupException.class)
                    .hasMessageContaining("would not be a file inside the baseline directory")
                    .hasMessageContaining("nothing was read or written");
        }
        assertThat(new io.reprounit.baseline.BaselineFiles(Path.of("relative/dir"), "Scoring").expected())
                .isEqualTo(Path.of("relative/dir/Scoring.yaml"));
    }

    private static String message(Class<?> pipeline) {
        return ReproUnitKit.discover(selectClass(pipeline)).getDiscoveryIssues().get(0).message();
    }
}
