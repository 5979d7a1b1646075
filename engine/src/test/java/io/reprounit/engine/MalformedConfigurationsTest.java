package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.engine.fixtures.badinput.Tunable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * A configuration that would be read as something it does not say — an alias, a key given twice — or that cannot be read
 * at all, is one discovery error at the line of the problem, and nothing after it is reported as missing.
 */
class MalformedConfigurationsTest {

    private static final String FILE = "io/reprounit/engine/fixtures/badinput/Tunable.yaml";

    @TempDir
    Path directory;

    @Test
    void theValidConfigurationIsReadWithoutAnIssue() throws Exception {
        assertThat(issues(Tunable.VALID_CONFIG, Map.of())).isEmpty();
    }

    @Test
    void anAliasIsRefusedAtItsLineInsteadOfReadAsTheAnchorsName() throws Exception {
        String aliased = Tunable.VALID_CONFIG.replace("epochs: 3", "epochs: &e 3").replace("a: 1", "a: *e");

        assertOneError(aliased, FILE + ":10: an alias (*e) is not supported");
    }

    @Test
    void aKeyGivenTwiceIsRefusedAtItsSecondLine() throws Exception {
        String twice = Tunable.VALID_CONFIG.replace("    epochs: 3\n", "    epochs: 3\n    epochs: 30\n");

        assertOneError(twice, FILE + ":9: the key 'epochs' is given twice in one mapping (first on line 8)");
    }

    @Test
    void aTabIsReportedOnItsOwnLine() throws Exception {
        String tabbed = Tunable.VALID_CONFIG.replace("    weights:\n", "\tweights:\n");

        assertOneError(tabbed, FILE + ":9: not valid YAML", "TAB");
    }

    @Test
    void nestingPastTheLimitIsReportedAtItsLine() throws Exception {
        String deep = Tunable.VALID_CONFIG.replace("label: score", "label: " + "[".repeat(200) + "]".repeat(200));

        assertOneError(deep, FILE + ":3: nested more than 64 levels deep");
    }

    @Test
    void aSyntaxErrorIsTheOneErrorNotFollowedByEveryParameterItLeftWithoutAValue() throws Exception {
        assertOneError(Tunable.VALID_CONFIG.replace("rows: [a, b, c]", "rows: [a, b, c"), FILE + ":7: not valid YAML");
    }

    @Test
    void aConfigurationThatIsNotUtf8IsRefusedAtItsLine() throws Exception {
        byte[] latin1 = Tunable.VALID_CONFIG.replace("label: score", "label: caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(issues(latin1, Map.of())).singleElement().satisfies(issue -> assertThat(issue.message())
                .contains(FILE + ":3: not UTF-8: byte 0xE9"));
    }

    @Test
    void paramsOrStepsThatAreNoMappingAreRefusedAtTheirLine() throws Exception {
        assertOneError(Tunable.VALID_CONFIG.replace("params:\n  label: score\n", "params: [label]\n"),
                FILE + ":2: params must be a mapping of keys to values, not a list");
        assertOneError(Tunable.VALID_CONFIG.replace("  report:\n    verbose: true\n", "  report: verbose\n"),
                FILE + ":12: steps.report must be a mapping of keys to values, not 'verbose'");
    }

    @Test
    void anOverrideIsReadAsStrictlyAsTheFileAndItsErrorIsTheOnlyOne() throws Exception {
        List<DiscoveryIssue> issues = issues(Tunable.VALID_CONFIG.getBytes(StandardCharsets.UTF_8),
                Map.of("reprounit.param.Tunable.train.epochs", "{a: 1, a: 2}"));

        assertThat(issues).singleElement().satisfies(issue -> assertThat(issue.message())
                .contains("reprounit.param.Tunable.train.epochs = '{a: 1, a: 2}' is not a valid YAML value")
                .contains("the key 'a' is given twice"));
    }

    private void assertOneError(String config, String... parts) throws Exception {
        List<DiscoveryIssue> issues = issues(config, Map.of());
        assertThat(issues).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.INFO);
            assertThat(issue.message()).contains(parts);
            assertThat(issue.source()).get().isInstanceOf(ClassSource.class);
        });
    }

    private List<DiscoveryIssue> issues(String config, Map<String, String> parameters) throws Exception {
        return issues(config.getBytes(StandardCharsets.UTF_8), parameters);
    }

    private List<DiscoveryIssue> issues(byte[] config, Map<String, String> parameters) throws Exception {
        Path file = Files.write(directory.resolve("Tunable.yaml"), config);
        return ReproUnitKit.engine().configurationParameters(parameters)
                .selectors(selectClass(ConfiguredFixture.load(Tunable.class, file))).discover().getDiscoveryIssues();
    }
}
