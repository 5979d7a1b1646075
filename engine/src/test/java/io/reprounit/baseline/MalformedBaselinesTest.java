package io.reprounit.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.uniqueIdSubstring;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A baseline that says something other than what a check would take it to say — a step recorded twice, a digest that is
 * none, a step the pipeline does not have, a run that is no mapping, an alias, bytes that are not UTF-8 — fails the
 * pipeline naming the file and the line, and is left as it is; update mode replaces it.
 */
class MalformedBaselinesTest {

    private static final String PIPELINE = "pipeline:io.reprounit.baseline.fixtures.Scoring";

    @TempDir
    Path directory;

    private BaselineTestKit kit;
    private String recorded;

    @BeforeEach
    void recordAValidBaseline() throws Exception {
        kit = new BaselineTestKit(directory.resolve("baselines"), Files.writeString(directory.resolve("rows.csv"), "a\n"));
        kit.run("update").testEvents().assertStatistics(stats -> stats.succeeded(4));
        recorded = Files.readString(kit.expected());
    }

    @Test
    void aStepRecordGivenTwiceIsRefusedAtItsSecondLine() throws Exception {
        List<String> report = block(recorded, "  report:");
        String twice = recorded.replace(String.join("\n", report) + "\n",
                String.join("\n", report) + "\n" + String.join("\n", report) + "\n");

        assertRefusedAndKept(twice, lineOf(twice, "  report:", 2) + ": the key 'report' is given twice in one mapping"
                + " (first on line " + lineOf(twice, "  report:", 1) + ")");
    }

    @Test
    void aDigestThatIsNoDigestIsRefusedAtItsLine() throws Exception {
        String load = "  load:\n";
        int output = recorded.indexOf("    output: sha256:", recorded.indexOf(load));
        int end = recorded.indexOf('\n', output);
        String zz = recorded.substring(0, output) + "    output: sha256:zz" + recorded.substring(end);

        assertRefusedAndKept(zz, lineOf(zz, "    output: sha256:zz", 1) + ": output must be a digest, sha256: and 64 hex"
                + " digits, not 'sha256:zz' (at steps.load.output)");
    }

    @Test
    void aRecordOfAStepThePipelineDoesNotHaveIsRefused() throws Exception {
        List<String> noise = block(recorded, "  noise:");
        String extra = recorded.replace(String.join("\n", noise) + "\n", String.join("\n", noise) + "\n"
                + String.join("\n", noise).replace("  noise:", "  nosuchstep:") + "\n");

        assertRefusedAndKept(extra, lineOf(extra, "  nosuchstep:", 1) + ": 'nosuchstep' is not a step of pipeline Scoring,"
                + " whose steps are ");
    }

    @Test
    void aRunThatIsNoMappingIsRefusedAtItsLine() throws Exception {
        String list = recorded.replace(String.join("\n", block(recorded, "run:")) + "\n", "run: [1, 2]\n");

        assertRefusedAndKept(list, lineOf(list, "run: [1, 2]", 1) + ": run must be a mapping from aspect to the run's parts");
    }

    @Test
    void aKeyTheFormatDoesNotHaveIsRefusedBeforeWhatItLeavesOut() throws Exception {
        String typo = recorded.replaceFirst("\n    size: ", "\n    sizes: ");

        assertRefusedAndKept(typo, lineOf(typo, "    sizes: ", 1) + ": unknown key 'sizes'");
    }

    @Test
    void anAliasIsRefusedInsteadOfReadAsTheAnchorsName() throws Exception {
        String aliased = recorded.replaceFirst("\n    size: (\\d+)", "\n    size: &n $1").replaceFirst(
                "(\n  noise:\n(?:    .*\n)*?)    size: \\d+", "$1    size: *n");

        assertThat(aliased).contains("size: *n");
        assertRefusedAndKept(aliased, lineOf(aliased, "    size: *n", 1) + ": an alias (*n) is not supported");
    }

    @Test
    void aBaselineThatIsNotUtf8NamesItsLineAndUpdateReplacesIt() throws Exception {
        int preview = recorded.indexOf("preview: score=");
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes(recorded.substring(0, preview).getBytes(StandardCharsets.UTF_8));
        latin1.writeBytes("preview: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        latin1.writeBytes(recorded.substring(recorded.indexOf('\n', preview)).getBytes(StandardCharsets.UTF_8));
        byte[] bytes = latin1.toByteArray();
        Files.write(kit.expected(), bytes);
        int line = lineOf(recorded, "    preview: score=", 1);

        for (String mode : List.of("verify", "record-missing")) {
            kit.run(mode).containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                    finishedWithFailure(message(m -> m.contains(kit.expected() + ":" + line + ": not UTF-8: byte 0xE9")
                            && m.contains("left as it is")))));
            assertThat(Files.readAllBytes(kit.expected())).as(mode).isEqualTo(bytes);
        }

        kit.run("update").testEvents().assertStatistics(stats -> stats.succeeded(4));
        assertThat(Files.readString(kit.expected())).isEqualTo(recorded);
        try (Stream<Path> files = Files.list(kit.expected().getParent())) {
            assertThat(files.map(file -> file.getFileName().toString())).as("no temporary file left")
                    .containsExactly("Scoring.yaml");
        }
    }

    @Test
    void updateReplacesEachOfThemWithTheRecordedBaseline() throws Exception {
        Files.writeString(kit.expected(), recorded.replaceFirst("output: sha256:[0-9a-f]{64}", "output: sha256:zz"));

        kit.run("update").testEvents().assertStatistics(stats -> stats.succeeded(4));

        assertThat(Files.readString(kit.expected())).isEqualTo(recorded);
    }

    /** Writes {@code text} as the baseline: every mode but update fails naming file and line, and keeps the file. */
    private void assertRefusedAndKept(String text, String problemAtLine) throws Exception {
        Files.writeString(kit.expected(), text);
        for (String mode : List.of("verify", "record-missing")) {
            kit.run(mode).containerEvents().assertThatEvents().haveExactly(1, event(uniqueIdSubstring(PIPELINE),
                    finishedWithFailure(message(m -> m.contains(kit.expected() + ":" + problemAtLine)
                            && m.contains("left as it is")))));
            assertThat(Files.readString(kit.expected())).as(mode).isEqualTo(text);
            assertThat(kit.received()).as(mode).doesNotExist();
        }
    }

    /** The lines of the block that starts with the line {@code head}: it and the more indented lines after it. */
    private static List<String> block(String text, String head) {
        List<String> lines = Arrays.asList(text.split("\n", -1));
        int start = lines.indexOf(head);
        assertThat(start).as(head).isNotNegative();
        int indent = head.length() - head.stripLeading().length();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()
                && lines.get(end).length() - lines.get(end).stripLeading().length() > indent) {
            end++;
        }
        return lines.subList(start, end);
    }

    /** The 1-based line of the {@code occurrence}th line that starts with {@code start}. */
    private static int lineOf(String text, String start, int occurrence) {
        String[] lines = text.split("\n", -1);
        int seen = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(start) && ++seen == occurrence) {
                return i + 1;
            }
        }
        throw new AssertionError("no line " + occurrence + " starting with '" + start + "' in\n" + text);
    }
}
