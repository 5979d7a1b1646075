package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreFixtures;
import io.reprounit.store.StoreKind;
import io.reprounit.testsupport.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands over a team's store in PostgreSQL, unchanged; none prints the password its URL holds. */
class PostgresStoreCommandsTest {

    @TempDir
    Path directory;

    String url;
    String artifacts;
    long first;
    long second;

    @BeforeEach
    void recordTwoChecks() {
        url = StoreKind.POSTGRESQL.newUrl(directory, "metadata");
        artifacts = directory.resolve("artifacts").toString();
        ArtifactStore store = new ArtifactStore(Path.of(artifacts));
        try (MetadataStore metadata = MetadataStore.open(url, "--store")) {
            first = StoreFixtures.check(metadata, store, "IrisPipeline", List.of(StoreFixtures.run(1, "c1", "a", "b")),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            second = StoreFixtures.check(metadata, store, "IrisPipeline", List.of(StoreFixtures.run(1, "c2", "a", "x")),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.DIVERGED));
        }
    }

    @Test
    void historyShowDiffRunsVerifyAndGcWorkAndNeverPrintThePassword() {
        Cli.Output history = Cli.run("history", "IrisPipeline", "--store", url);
        assertThat(history.status()).as(history.err()).isZero();
        assertThat(history.out()).contains("2 checks recorded")
                .containsPattern("\\n" + second + " .* step1 +diverged ");

        Cli.Output show = Cli.run("show", second + ".1", "--store", url, "--artifacts", artifacts);
        assertThat(show.status()).as(show.err()).isZero();
        assertThat(show.lines().get(0)).contains("commit c2").contains(", host ");
        assertThat(Cli.run("show", second + ".1", "--json", "--store", url, "--artifacts", artifacts).json()
                .get("host").asString()).isNotBlank();

        Cli.Output diff = Cli.run("diff", first + ".1", second + ".1", "--store", url);
        assertThat(diff.status()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("step1");

        Cli.Output runs = Cli.run("runs", "--json", "--store", url);
        assertThat(runs.status()).as(runs.err()).isZero();
        assertThat(runs.json()).hasSize(2);

        Cli.Output verify = Cli.run("verify", "--store", url, "--artifacts", artifacts);
        assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("password=(redacted)");

        Cli.Output gc = Cli.run("gc", "--keep", "1", "--store", url, "--artifacts", artifacts);
        assertThat(gc.status()).as(gc.err()).isZero();
        assertThat(Cli.run("runs", "--json", "--store", url).json()).hasSize(1);

        Cli.Output missing = Cli.run("show", "99.1", "--store", url.replace("/test_", "/none_"));
        assertThat(missing.status()).isNotZero();
        for (Cli.Output output : List.of(history, show, diff, runs, verify, gc, missing)) {
            assertThat(output.out() + output.err()).doesNotContain(PostgresServer.PASSWORD);
        }
    }
}
