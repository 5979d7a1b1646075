package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import io.reprounit.store.RecordedStep;
import io.reprounit.store.StoreFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names a test wrote reach the terminal escaped: an escape sequence or a right-to-left override in a pipeline or step
 * name is shown as text, never acted on, in tables, lines and error messages; JSON keeps the name as it is.
 */
class StoredNamesTest {

    /** Red text, a clear screen, a right-to-left override and an isolate, a C1 control, a bell and DEL. */
    private static final String PIPELINE = "Iris\u001b[31m\u001b[2J\u202Eevil\u2066x\u2069\u009b";
    private static final String STEP = "train\u202E\u200Fgnp.exe\u0007\u007f";

    @TempDir
    Path directory;

    String url;
    long check;

    @BeforeEach
    void recordNamesThatSteerATerminal() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        RecordedRun run = StoreFixtures.run(1, "c1", "out");
        RecordedStep step = run.steps().get(0);
        RecordedRun named = new RecordedRun(1, run.started(), run.finished(), run.fingerprint(), List.of(
                new RecordedStep(STEP, step.status(), step.duration(), step.inputs(), step.output(), step.problem(),
                        step.fingerprint())));
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            check = StoreFixtures.check(store, new ArtifactStore(directory.resolve("artifacts")), PIPELINE,
                    List.of(named), List.of(new StepVerdict(STEP, Verdict.DIVERGED, STEP + " diverged", List.of(), null,
                            null, null, List.of(), List.of())));
        }
    }

    @Test
    void tablesAndLinesShowControlAndBidiCharactersAsEscapes() {
        String pipeline = "Iris\\e[31m\\e[2J\\u202Eevil\\u2066x\\u2069\\u009B";
        String step = "train\\u202E\\u200Fgnp.exe\\u0007\\u007F";

        Cli.Output runs = Cli.run("runs", "--store", url);
        assertThat(runs.status()).isZero();
        assertThat(runs.out()).contains(pipeline.substring(0, 20)).contains(step.substring(0, 10));
        Cli.Output history = Cli.run("history", PIPELINE, "--store", url);
        assertThat(history.lines().get(0)).isEqualTo(pipeline + ": 1 checks recorded");
        assertThat(history.out()).contains(step.substring(0, 20));
        Cli.Output show = Cli.run("show", check + ".1", "--store", url);
        assertThat(show.lines().get(0)).startsWith("Run " + check + ".1 of " + pipeline + ": COMPLETE");
        assertThat(show.out()).contains(step.substring(0, 20));
        Cli.Output unknown = Cli.run("history", "Nope", "--store", url);
        assertThat(unknown.err()).contains("Recorded pipelines: " + pipeline);

        for (Cli.Output output : List.of(runs, history, show, unknown)) {
            assertThat(output.out() + output.err()).as("no character that steers a terminal")
                    .doesNotContain("\u001b", "\u202E", "\u200F", "\u2066", "\u2069", "\u009b", "\u0007", "\u007f");
        }
    }

    @Test
    void jsonKeepsTheNamesAsTheyAre() {
        assertThat(Cli.run("runs", "--json", "--store", url).json().get(0).get("pipeline").asString())
                .isEqualTo(PIPELINE);
        assertThat(Cli.run("show", check + ".1", "--json", "--store", url).json().get("steps").get(0).get("step")
                .asString()).isEqualTo(STEP);
    }

    @Test
    void escapesLeaveOrdinaryTextAloneAndNameEveryOtherCharacter() {
        assertThat(Formats.text("Iris — Ünïcödé 数据 ✓")).isEqualTo("Iris — Ünïcödé 数据 ✓");
        assertThat(Formats.text("a\tb\r\nc\u0000\u200E\u202A\u0085")).isEqualTo("a\\tb\\r\\nc\\u0000\\u200E\\u202A\\u0085");
    }
}
