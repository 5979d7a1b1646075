package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.engine.fixtures.exiting.EarlyExit;
import io.reprounit.store.CheckSummary;
import io.reprounit.store.HistoryEntry;
import io.reprounit.store.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step that ends the JVM of a check in this JVM: standard error and the store say which step it was. */
class ExitDuringCheckTest {

    private static final String SAID = "ReproUnit: the JVM exited while step 'quit' of pipeline EarlyExit was running in"
            + " run 1 (System.exit or a signal); the check is recorded as INCOMPLETE";

    @TempDir
    Path directory;

    @Test
    void aStepThatCallsSystemExitIsNamedOnStandardErrorAndInTheStore() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");

        Process process = EngineProcess.start(directory, directory, List.of(), Map.of(), EarlyExit.class,
                Map.of(Constants.STORE_URL_PROPERTY_NAME, url, Constants.BASELINE_MODE_PROPERTY_NAME, "none"));

        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the JVM ended").isTrue();
        String stderr = Files.readString(directory.resolve("stderr.txt"));
        assertThat(process.exitValue()).as("the step's exit code, " + stderr).isEqualTo(3);
        assertThat(stderr).contains(SAID);
        try (MetadataStore store = MetadataStore.open(url, Constants.STORE_URL_PROPERTY_NAME)) {
            CheckSummary check = store.checks("EarlyExit", 5).get(0);
            assertThat(check.outcome()).isEqualTo("INCOMPLETE");
            assertThat(check.culprit()).isEqualTo("quit");
            assertThat(check.finished()).as("when the JVM exited").isNotNull();
            assertThat(store.run(check.runs().get(0)).status()).isEqualTo("INCOMPLETE");
            assertThat(store.history("EarlyExit", "quit", 10).entries()).extracting(HistoryEntry::verdict)
                    .contains("FAILED");
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet verdict = statement.executeQuery("SELECT step, verdict, explanation FROM verdicts")) {
            assertThat(verdict.next()).isTrue();
            assertThat(verdict.getString(1)).isEqualTo("quit");
            assertThat(verdict.getString(2)).isEqualTo("FAILED");
            assertThat(verdict.getString(3)).isEqualTo(SAID);
            assertThat(verdict.next()).as("one verdict: the step that was running").isFalse();
        }
    }

    @Test
    void aCheckThatEndedSaysNothingWhenItsJvmExits() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");

        Process process = EngineProcess.start(directory, directory, List.of("-Dearlyexit.skip=true"), Map.of(),
                EarlyExit.class, Map.of(Constants.STORE_URL_PROPERTY_NAME, url, Constants.BASELINE_MODE_PROPERTY_NAME,
                        "none"));

        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the JVM ended").isTrue();
        String stderr = Files.readString(directory.resolve("stderr.txt"));
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stderr).doesNotContain("ReproUnit: the JVM exited");
        try (MetadataStore store = MetadataStore.open(url, Constants.STORE_URL_PROPERTY_NAME)) {
            CheckSummary check = store.checks("EarlyExit", 5).get(0);
            assertThat(check.outcome()).isEqualTo("REPRODUCED");
            assertThat(check.culprit()).isNull();
        }
    }
}
