package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.allOf;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.store.fixtures.Tally;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A full disk is one message that says so and where. SQLite is made to report SQLITE_FULL for real by capping the pages
 * the database may have ({@code max_page_count}, a setting of the connection, given in the store's URL).
 */
class DiskFullTest {

    @TempDir
    Path directory;

    @Test
    void aWriteToAFullStoreSaysTheDiskIsFullAndWhere() throws Exception {
        Path file = directory.resolve("metadata.db");
        String url = "jdbc:sqlite:" + file;
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            StoreFixtures.check(store, artifacts, "Iris", List.of(StoreFixtures.run(1, "c1", "a")),
                    StoreFixtures.verdicts(Verdict.REPRODUCED));
        }
        String full = url + "?max_page_count=" + (pages(url) + 2);

        try (MetadataStore store = MetadataStore.open(full, "reprounit.store.url")) {
            long check = store.startCheck("Iris", "com.example.Iris", "repeat", Instant.now());
            assertThatThrownBy(() -> store.startRun(check, 1, "repeat", "seed: 42\n".repeat(100_000), Instant.now()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("disk holding the metadata store " + file + " is full")
                    .hasMessageContaining("reprounit.store.url")
                    .hasMessageNotContaining("no transaction is active");
            assertThat(store.checks("Iris", 5)).as("what it held before, and the check that fitted").hasSize(2);
        }
    }

    @Test
    void aCheckThatCannotBeRecordedForAFullDiskFailsWithThatMessage() throws Exception {
        Path file = directory.resolve("metadata.db");
        String url = "jdbc:sqlite:" + file;
        MetadataStore.open(url, "reprounit.store.url").close();
        String full = url + "?max_page_count=" + (pages(url) + 1);

        EngineExecutionResults results = EngineTestKit.engine("reprounit").enableImplicitConfigurationParameters(true)
                .configurationParameters(Map.of("reprounit.baseline.mode", "none", "reprounit.store.url", full,
                        "reprounit.artifacts.dir", directory.resolve("artifacts").toString()))
                .selectors(selectClass(Tally.class)).execute();

        results.containerEvents().assertThatEvents().haveExactly(1, allOf(container(Tally.class.getName()),
                finishedWithFailure(message(text -> text.startsWith("The disk holding the metadata store " + file
                        + " is full") && !text.contains("no transaction is active")))));
        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1).aborted(1));
    }

    private static int pages(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement();
                ResultSet pages = sql.executeQuery("PRAGMA page_count")) {
            return pages.getInt(1);
        }
    }
}
