package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs writing to one store at once, as Surefire forks do, and a JVM killed in the middle of a run. */
class ConcurrentWritersTest {

    private static final int PROCESSES = 4;
    private static final int CHECKS = 15;

    @TempDir
    Path directory;

    @Test
    void fourProcessesWritingAtOnceLoseNothing() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            processes.add(start(url, "Pipeline" + i, Integer.toString(CHECKS)));
        }
        for (Process process : processes) {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(new String(process.getErrorStream().readAllBytes(),
                    StandardCharsets.UTF_8)).isZero();
        }

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            List<CheckSummary> checks = store.checks(null, 1_000);
            assertThat(checks).hasSize(PROCESSES * CHECKS)
                    .allSatisfy(check -> assertThat(check.outcome()).isEqualTo("REPRODUCED"))
                    .allSatisfy(check -> assertThat(check.runs()).hasSize(2));
            for (int i = 0; i < PROCESSES; i++) {
                assertThat(store.history("Pipeline" + i, "step1", 1_000).entries())
                        .filteredOn(entry -> entry.event().equals("output changed")).hasSize(CHECKS - 1);
            }
            CheckSummary any = checks.get(0);
            assertThat(store.run(any.runs().get(1)).steps()).hasSize(2)
                    .allSatisfy(step -> assertThat(step.status()).isEqualTo("SUCCEEDED"));
        }
    }

    /**
     * Another process holding the write lock while a store is being created, as the first of several forks does: SQLite
     * answers the switch to WAL with an immediate SQLITE_BUSY, not covered by its busy timeout, which failed CI once.
     */
    @Test
    void aStoreLockedWhileItIsOpenedIsWaitedFor() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        try (Connection holder = DriverManager.getConnection(url); Statement statement = holder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            CompletableFuture<MetadataStore> opening =
                    CompletableFuture.supplyAsync(() -> MetadataStore.open(url, "reprounit.store.url"));
            Thread.sleep(300);
            assertThat(opening).as("waits for the lock").isNotDone();
            statement.execute("COMMIT");
            try (MetadataStore store = opening.get(60, TimeUnit.SECONDS)) {
                assertThat(store.checks(null, 10)).isEmpty();
            }
        }
    }

    @Test
    void aRunWhoseProcessIsKilledStaysIncomplete() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        Process process = start(url, "Killed", "halt");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
        String check = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            StoredRun run = store.run(check + ".1");
            assertThat(run.status()).isEqualTo("INCOMPLETE");
            assertThat(run.steps()).isEmpty();
            assertThat(store.checks("Killed", 1)).singleElement()
                    .satisfies(summary -> assertThat(summary.outcome()).isEqualTo("INCOMPLETE"));
        }
    }

    private Process start(String url, String pipeline, String what) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreWriterProcess.class.getName(), url, directory.resolve("artifacts").toString(), pipeline, what)
                .start();
    }
}
