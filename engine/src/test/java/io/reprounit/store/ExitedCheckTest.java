package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store keeps of a check whose JVM exited before it ended. */
class ExitedCheckTest {

    @TempDir
    Path directory;

    @Test
    void theStepThatWasRunningIsTheCulpritOfACheckThatStaysIncomplete() {
        try (MetadataStore store = MetadataStore.open("jdbc:sqlite:" + directory.resolve("metadata.db"), "url")) {
            ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
            StoreFixtures.check(store, artifacts, "Exits", List.of(StoreFixtures.run(1, "c1", "a", "b")),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            long exited = store.startCheck("Exits", "com.example.Exits", "repeat", Instant.now());
            store.startRun(exited, 1, "repeat", "", Instant.now());

            store.exitedDuringCheck(exited, "step1", "the JVM exited while step 'step1' was running", Instant.now());

            CheckSummary check = store.checks("Exits", 1).get(0);
            assertThat(check.outcome()).isEqualTo("INCOMPLETE");
            assertThat(check.culprit()).isEqualTo("step1");
            assertThat(check.finished()).isNotNull();
            assertThat(store.history("Exits", "step1", 10).entries())
                    .extracting(HistoryEntry::check, HistoryEntry::event, HistoryEntry::verdict)
                    .as("a change of verdict since the check before").contains(tuple(exited, "failed", "FAILED"));
        }
    }

    @Test
    void aCheckThatHasEndedIsLeftAsItIs() {
        try (MetadataStore store = MetadataStore.open("jdbc:sqlite:" + directory.resolve("metadata.db"), "url")) {
            long check = StoreFixtures.check(store, new ArtifactStore(directory.resolve("artifacts")), "Ended",
                    List.of(StoreFixtures.run(1, "c1", "a")), StoreFixtures.verdicts(Verdict.REPRODUCED));

            store.exitedDuringCheck(check, "step0", "too late", Instant.now());

            CheckSummary summary = store.checks("Ended", 1).get(0);
            assertThat(summary.outcome()).isEqualTo("REPRODUCED");
            assertThat(summary.culprit()).isNull();
            assertThat(store.history("Ended", "step0", 10).entries()).extracting(HistoryEntry::verdict)
                    .containsOnly("REPRODUCED");
        }
    }
}
