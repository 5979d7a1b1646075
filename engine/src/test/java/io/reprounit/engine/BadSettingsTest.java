package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.reprounit.engine.fixtures.badinput.Placed;
import io.reprounit.engine.fixtures.badinput.Tunable;
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
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Settings that would silently do something else than asked: an empty directory setting, which would write into the
 * module's root, and an override that names no parameter, which would be ignored. Each is an error naming the setting.
 */
class BadSettingsTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyBaselineDirectoryIsAnErrorNamingItAndNothingIsWrittenIntoTheModule(String empty) throws IOException {
        Path written = Path.of(Placed.NAME + ".yaml");
        try {
            EngineExecutionResults results = ReproUnitKit.engine()
                    .configurationParameter(Constants.BASELINE_MODE_PROPERTY_NAME, "record-missing")
                    .configurationParameter(Constants.CI_PROPERTY_NAME, "false")
                    .configurationParameter(Constants.BASELINE_DIR_PROPERTY_NAME, empty)
                    .selectors(selectClass(Placed.class)).execute();

            results.containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(Placed.class.getName()),
                    finishedWithFailure(message(m -> m.contains("Configuration parameter reprounit.baseline.dir is empty")
                            && m.contains("set it to where they should go, or remove it to use the default")))));
            assertThat(written).as("a baseline in the working directory").doesNotExist();
        } finally {
            Files.deleteIfExists(written); // where the fix is missing, leave the module as it was
        }
    }

    @Test
    void anEmptyArtifactDirectoryIsAnErrorNamingItAndNothingIsWrittenIntoTheModule() throws IOException {
        Path written = Path.of("sha256");
        boolean existed = Files.exists(written);
        try {
            EngineExecutionResults results = ReproUnitKit.engine()
                    .configurationParameter(Constants.STORE_URL_PROPERTY_NAME,
                            "jdbc:sqlite:" + directory.resolve("store/metadata.db"))
                    .configurationParameter(Constants.ARTIFACTS_DIR_PROPERTY_NAME, "")
                    .selectors(selectClass(Placed.class)).execute();

            results.containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(Placed.class.getName()),
                    finishedWithFailure(message(m -> m.contains("Configuration parameter reprounit.artifacts.dir is"
                            + " empty")))));
            assertThat(existed || Files.exists(written)).as("artifacts in the working directory").isFalse();
        } finally {
            if (!existed) {
                deleteTree(written);
            }
        }
    }

    @Test
    void anEmptyStoreUrlIsAnErrorNamingIt() {
        EngineExecutionResults results = ReproUnitKit.engine()
                .configurationParameter(Constants.STORE_URL_PROPERTY_NAME, " ")
                .selectors(selectClass(Placed.class)).execute();

        results.containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(Placed.class.getName()),
                finishedWithFailure(message(m -> m.contains("Configuration parameter reprounit.store.url is empty")))));
    }

    @Test
    void anOverrideForAStepThePipelineDoesNotHaveIsAnErrorNamingTheSetting() throws Exception {
        List<DiscoveryIssue> issues = issues(Map.of("reprounit.param.Tunable.nosuchstep.n", "5"));

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.INFO);
            assertThat(issue.message()).contains("reprounit.param.Tunable.nosuchstep.n = '5' overrides no parameter:"
                    + " pipeline 'Tunable' has no step 'nosuchstep'").contains("reprounit.param.Tunable.train.epochs");
            assertThat(issue.source()).get().isInstanceOf(ClassSource.class);
        });
    }

    @Test
    void anOverrideForAParameterTheStepDoesNotHaveIsAnErrorAtTheStep() throws Exception {
        List<DiscoveryIssue> issues = issues(Map.of("reprounit.param.Tunable.train.epoch", "5"));

        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.message()).contains("reprounit.param.Tunable.train.epoch = '5' overrides no parameter: step"
                    + " 'train' has no @Param(\"epoch\")");
            assertThat(issue.source()).get().isInstanceOfSatisfying(MethodSource.class,
                    method -> assertThat(method.getMethodName()).isEqualTo("train"));
        });
    }

    @Test
    void anOverrideNamingAStepButNoParameterIsAnError() throws Exception {
        assertThat(issues(Map.of("reprounit.param.Tunable.train", "5"))).singleElement().satisfies(issue -> assertThat(
                issue.message()).contains("reprounit.param.Tunable.train = '5' overrides no parameter: it names step"
                        + " 'train' but none of its parameters"));
    }

    @Test
    void overridesOfParametersThePipelineHasAndOfOtherPipelinesAreNoError() throws Exception {
        assertThat(issues(Map.of("reprounit.param.Tunable.train.epochs", "4", "reprounit.param.Other.train.n", "1")))
                .isEmpty();
    }

    private List<DiscoveryIssue> issues(Map<String, String> parameters) throws Exception {
        Path config = Files.writeString(directory.resolve("Tunable.yaml"), Tunable.VALID_CONFIG);
        return ReproUnitKit.engine().configurationParameters(parameters)
                .selectors(selectClass(ConfiguredFixture.load(Tunable.class, config))).discover().getDiscoveryIssues();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
