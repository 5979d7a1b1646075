package io.reprounit.store;

import static io.reprounit.compare.Verdict.DIVERGED;
import static io.reprounit.compare.Verdict.REPRODUCED;
import static io.reprounit.compare.Verdict.TAINTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the report reads: the latest checks with their verdicts, runs, JDK and host; where each event first happened. */
class ReportQueriesTest {

    @TempDir
    Path directory;

    @Test
    void theLatestChecksOldestFirstWithTheirVerdictsAndFirstEvents() {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
        try (MetadataStore store = MetadataStore.open(url, "test")) {
            long first = StoreFixtures.check(store, artifacts, "Iris", List.of(StoreFixtures.run(1, "c1", "a", "b"),
                    StoreFixtures.run(2, "c1", "a", "b")), StoreFixtures.verdicts(REPRODUCED, REPRODUCED));
            StoreFixtures.check(store, artifacts, "Other", List.of(StoreFixtures.run(1, "c1", "x")),
                    StoreFixtures.verdicts(REPRODUCED));
            long diverged = StoreFixtures.check(store, artifacts, "Iris", List.of(StoreFixtures.run(1, "c2", "a", "b"),
                    StoreFixtures.run(2, "c2", "z", "y")), StoreFixtures.verdicts(DIVERGED, TAINTED));
            long latest = StoreFixtures.check(store, artifacts, "Iris", List.of(StoreFixtures.run(1, "c3", "a", "b"),
                    StoreFixtures.run(2, "c3", "a", "b")), StoreFixtures.verdicts(REPRODUCED, REPRODUCED));

            assertThat(store.pipelines()).containsExactly("Iris", "Other");
            assertThat(store.checkCount("Iris")).isEqualTo(3);
            List<RecentCheck> recent = store.recentChecks("Iris", 2);
            assertThat(recent).extracting(RecentCheck::id).containsExactly(diverged, latest);
            RecentCheck check = recent.get(0);
            assertThat(check.runs()).containsExactly(1, 2);
            assertThat(check.jdk()).isEqualTo("17.0.15");
            assertThat(check.host()).as("the host recorded with the check").isNotBlank();
            assertThat(check.verdicts()).extracting(RecentCheck.StepVerdict::step, RecentCheck.StepVerdict::verdict,
                    RecentCheck.StepVerdict::event).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("step0", "DIVERGED", "diverged"),
                            org.assertj.core.groups.Tuple.tuple("step1", "TAINTED", "tainted"));
            assertThat(check.verdicts().get(1).durationNanos()).isEqualTo(1_000_000L);

            assertThat(store.firstEvents("Iris")).extracting(FirstEvent::step, FirstEvent::event, FirstEvent::check)
                    .contains(org.assertj.core.groups.Tuple.tuple("step0", "first recorded", first),
                            org.assertj.core.groups.Tuple.tuple("step0", "diverged", diverged),
                            org.assertj.core.groups.Tuple.tuple("step0", "reproduced", latest));
        }
    }

    /** Each check's host (checks.host, schema 9) is what the report shows for it. */
    @Test
    void theHostIsReadFromTheCheck() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
        long id;
        try (MetadataStore store = MetadataStore.open(url, "test")) {
            id = StoreFixtures.check(store, artifacts, "Iris", List.of(StoreFixtures.run(1, "c1", "a")),
                    StoreFixtures.verdicts(REPRODUCED));
        }
        try (Connection c = DriverManager.getConnection(url); Statement sql = c.createStatement()) {
            sql.execute("UPDATE checks SET host = 'build-7' WHERE id = " + id);
        }
        try (MetadataStore store = MetadataStore.openReadOnly(url, "test")) {
            assertThat(store.recentChecks("Iris", 5).get(0).host()).isEqualTo("build-7");
        }
    }
}
