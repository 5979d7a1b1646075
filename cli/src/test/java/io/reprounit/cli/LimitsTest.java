package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --limit is a count of 1 or more: zero would read as an empty store, and a negative one as no limit at all. */
class LimitsTest {

    private static final int CHECKS = 25;

    @TempDir
    Path directory;

    String url;

    @BeforeEach
    void recordChecks() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            for (int i = 0; i < CHECKS; i++) {
                StoreFixtures.check(store, artifacts, "Iris", List.of(StoreFixtures.run(1, "c" + i, "out " + i)),
                        StoreFixtures.verdicts(Verdict.REPRODUCED));
            }
        }
    }

    @Test
    void aLimitThatIsNotAPositiveNumberIsAUsageErrorNamingTheOption() {
        for (String command : List.of("runs", "history")) {
            for (String limit : List.of("0", "-5", "ten", "")) {
                Cli.Output output = command.equals("runs") ? Cli.run("runs", "--limit", limit, "--store", url)
                        : Cli.run("history", "Iris", "--limit", limit, "--store", url);
                assertThat(output.status()).as(command + " --limit '" + limit + "'").isEqualTo(2);
                assertThat(output.err()).contains("--limit").contains("'" + limit + "'").contains("1 or more")
                        .doesNotContain("\tat ");
                assertThat(output.out()).isEmpty();
            }
        }
    }

    @Test
    void aPositiveLimitListsThatMany() {
        assertThat(Cli.run("runs", "--limit", "3", "--store", url).lines()).hasSize(1 + 3);
        assertThat(Cli.run("runs", "--limit", "1000", "--json", "--store", url).json()).hasSize(CHECKS);
        assertThat(Cli.run("history", "Iris", "--limit", "2", "--json", "--store", url).json()).hasSize(2);
    }
}
