package io.reprounit.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * Each kind of explanation of a difference from the baseline. Where the cause cannot be produced inside one JVM (other
 * code, another JDK), the recorded baseline is edited instead, as if it had been recorded from that code or JDK.
 */
class BaselineExplanationsTest {

    @TempDir
    Path directory;

    private Path data;
    private BaselineTestKit kit;

    @BeforeEach
    void record() throws Exception {
        data = Files.writeString(directory.resolve("rows.csv"), "a\nb\nc\n");
        kit = new BaselineTestKit(directory.resolve("baselines"), data);
        kit.run("update").testEvents().assertStatistics(stats -> stats.succeeded(4));
    }

    @Test
    void aChangedParameterIsNamedWithBothValuesAndItsDownstreamStepIsTainted() {
        EngineExecutionResults results = kit.with("reprounit.param.Scoring.train.epochs", "12").run("verify");

        Event train = finished(results, "train");
        AssertionFailedError failure = (AssertionFailedError) train.getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow();
        assertThat(failure.getMessage()).contains("step 'train' gave a different output than its baseline")
                .contains("config of step train: epochs 10 → 12");
        assertThat(failure.getExpected().getStringRepresentation()).contains("param.epochs: \"10\"");
        assertThat(failure.getActual().getStringRepresentation()).contains("param.epochs:", "12 (from reprounit.param.Scoring.train.epochs)");
        results.testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("step:report"),
                org.junit.platform.testkit.engine.EventConditions.abortedWithReason(
                        message(m -> m.contains("step 'train' differs from the baseline upstream")))));
        results.testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("step:load"), finishedSuccessfully()))
                .haveExactly(1, event(uniqueIdSubstring("step:noise"), finishedSuccessfully()));
    }

    @Test
    void changedDataIsNamedByItsPath() throws Exception {
        Files.writeString(data, "a\nb\nc\nd\n");

        EngineExecutionResults results = kit.run("verify");

        results.testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("step:load"),
                finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message(m -> m.contains("data of step load: …/rows.csv changed")))));
    }

    @Test
    void changedCodeIsNamed() throws Exception {
        editBaseline("steps.load.bytecode", "sha256:" + "0".repeat(64));
        editBaseline("steps.load.output", "sha256:" + "1".repeat(64));

        kit.run("verify").testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("step:load"),
                finishedWithFailure(message(m -> m.contains("because code of step load changed")))));
    }

    @Test
    void aChangedEnvironmentAndDependencyAreNamedWithBothVersions() throws Exception {
        replaceInBaseline("java.version: " + System.getProperty("java.version"), "java.version: 11.0.99");
        String text = Files.readString(kit.expected());
        Matcher assertj = Pattern.compile("jar:org.assertj:assertj-core:\\s+digest: (sha256:[0-9a-f]{64})\\s+value: (\\S+)")
                .matcher(text);
        assertThat(assertj.find()).isTrue();
        Files.writeString(kit.expected(), text.substring(0, assertj.start(1)) + "sha256:" + "4".repeat(64)
                + text.substring(assertj.end(1), assertj.start(2)) + "3.26.0" + text.substring(assertj.end(2)));
        editBaseline("steps.noise.output", "sha256:" + "2".repeat(64));

        kit.run("verify").testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("step:noise"),
                finishedWithFailure(message(m -> m.contains("because environment: ") && m.contains("java.version 11.0.99 → "
                        + System.getProperty("java.version")) && m.contains("dependency org.assertj:assertj-core 3.26.0 → 3.27.7")))));
    }

    @Test
    void anEnvironmentDifferenceWithEqualOutputsPassesAndIsReported() throws Exception {
        replaceInBaseline("java.version: " + System.getProperty("java.version"), "java.version: 11.0.99");

        EngineExecutionResults results = kit.run("verify");

        results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
        assertThat(results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                        .getKeyValuePairs().get("reprounit.explanation")))
                .anySatisfy(explanation -> assertThat(explanation).contains("matches its baseline")
                        .contains("java.version 11.0.99 → " + System.getProperty("java.version")));
    }

    @Test
    void aDifferenceNothingExplainsIsADivergence() throws Exception {
        editBaseline("steps.noise.output", "sha256:" + "3".repeat(64));

        kit.run("verify").testEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring("step:noise"),
                finishedWithFailure(message(m -> m.contains("although its code, config, data and environment are as"
                        + " recorded")))));
    }

    private Event finished(EngineExecutionResults results, String step) {
        return results.testEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith("[step:" + step + "]"))
                .findFirst().orElseThrow();
    }

    /** Replaces the digest or value recorded at a dotted path such as steps.load.output or steps.load.bytecode. */
    private void editBaseline(String path, String replacement) throws Exception {
        String[] keys = path.split("\\.");
        String text = Files.readString(kit.expected());
        int from = text.indexOf("\n  " + keys[1] + ":");
        assertThat(from).as(path).isPositive();
        Matcher matcher = Pattern.compile("(\n\\s+" + Pattern.quote(keys[2]) + ":(\\s*\n\\s+digest:)?\\s*)(sha256:[0-9a-f]{64})")
                .matcher(text);
        assertThat(matcher.find(from)).as(path).isTrue();
        Files.writeString(kit.expected(), text.substring(0, matcher.start(3)) + replacement + text.substring(matcher.end(3)));
    }

    private void replaceInBaseline(String from, String to) throws Exception {
        String text = Files.readString(kit.expected());
        assertThat(text).contains(from);
        Files.writeString(kit.expected(), text.replace(from, to));
    }
}
