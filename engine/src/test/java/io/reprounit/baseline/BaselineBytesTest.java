package io.reprounit.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.reprounit.baseline.fixtures.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A baseline records the digest of each output's exact bytes beside its semantic digest; a check compares the semantic
 * ones only, and says where the bytes alone differ.
 */
class BaselineBytesTest {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    @TempDir
    Path directory;

    private Path baseline;

    @BeforeEach
    void record() {
        baseline = directory.resolve("baselines/Models.yaml");
        run("update").testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
    }

    @Test
    void theBytesDigestStandsBesideTheOutputWhereItDiffersAndVariesWhereTheRunsDisagree() throws Exception {
        String text = Files.readString(baseline);

        assertThat(step(text, "model")).containsPattern("\n    output: sha256:[0-9a-f]{64}\n    bytes: sha256:[0-9a-f]{64}\n");
        assertThat(step(text, "stamped")).contains("\n    bytes: varies\n");
        assertThat(step(text, "weights")).doesNotContain("bytes:");
        StepRecord model = BaselineYaml.read(text, "Models.yaml").step("model").orElseThrow();
        assertThat(model.bytesDigest()).isNotEqualTo(model.digest());
        run("update");
        assertThat(Files.readString(baseline)).as("rewritten the same, though the bytes of stamped differ every run")
                .isEqualTo(text);
    }

    @Test
    void bytesThatDifferFromTheBaselinesPassAndAreNamed() throws Exception {
        String text = Files.readString(baseline);
        String bytes = bytesOf(text, "model");
        Files.writeString(baseline, text.replace("bytes: " + bytes, "bytes: sha256:" + "0".repeat(64)));

        EngineExecutionResults results = run("verify");

        results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
        assertThat(explanation(results, "model")).contains("matches its baseline")
                .contains("its exact bytes differ from the baseline's (baseline 000000000000, now "
                        + bytes.substring("sha256:".length(), "sha256:".length() + 12) + ")")
                .contains("compared after its normalizers: @IgnoreFields(\"savedBy\")");
        assertThat(explanation(results, "stamped")).contains("its exact bytes differ between runs");
        assertThat(explanation(results, "weights")).doesNotContain("bytes");
        assertThat(directory.resolve("baselines/Models.received.yaml")).doesNotExist();
    }

    @Test
    void aBaselineWrittenBeforeBytesDigestsStillReadsAndPasses() throws Exception {
        String old = Files.readString(baseline).replaceAll("\n    bytes: \\S+", "");
        assertThat(old).doesNotContain("bytes:");
        Files.writeString(baseline, old);

        EngineExecutionResults results = run("verify");

        results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
        assertThat(explanation(results, "model")).contains("its exact bytes differ from the baseline's");
    }

    @Test
    void equalBytesDoNotMakeADifferentComparedOutputPass() throws Exception {
        String text = Files.readString(baseline);
        Matcher output = Pattern.compile("\n  model:[\\s\\S]*?output: (sha256:[0-9a-f]{64})").matcher(text);
        assertThat(output.find()).isTrue();
        Files.writeString(baseline, text.substring(0, output.start(1)) + "sha256:" + "5".repeat(64)
                + text.substring(output.end(1)));

        run("verify").testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("step:model"),
                finishedWithFailure(message(m -> m.contains("gave a different output than its baseline")
                        && m.contains("compared after its normalizers")))));
    }

    @Test
    void aBytesValueThatIsNoDigestNamesItsFileAndLine() throws Exception {
        String text = Files.readString(baseline);
        Files.writeString(baseline, text.replace("bytes: varies", "bytes: sometimes"));

        run("verify").containerEvents().assertThatEvents().haveExactly(1, event(
                finishedWithFailure(message(m -> m.contains("Models.yaml:") && m.contains("bytes must be a digest")
                        && m.contains("'sometimes'")))));
    }

    private EngineExecutionResults run(String mode) {
        return EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(Map.of("reprounit.baseline.mode", mode,
                "reprounit.baseline.dir", baseline.getParent().toString(), "reprounit.ci", "false"))
                .selectors(selectClass(Models.class)).execute();
    }

    private static String explanation(EngineExecutionResults results, String step) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith("[step:" + step + "]"))
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("reprounit.explanation"))
                .flatMap(value -> Optional.ofNullable(value).stream()).findFirst().orElseThrow();
    }

    /** The lines of one step's record in a baseline. */
    private static String step(String text, String name) {
        int from = text.indexOf("\n  " + name + ":");
        assertThat(from).as(name).isPositive();
        int to = text.indexOf("\n  ", from + 3);
        while (to > 0 && text.charAt(to + 3) == ' ') {
            to = text.indexOf("\n  ", to + 1);
        }
        return text.substring(from, to < 0 ? text.length() : to + 1);
    }

    private static String bytesOf(String text, String name) {
        Matcher bytes = Pattern.compile("bytes: (" + DIGEST.pattern() + ")").matcher(step(text, name));
        assertThat(bytes.find()).as(name).isTrue();
        return bytes.group(1);
    }
}
