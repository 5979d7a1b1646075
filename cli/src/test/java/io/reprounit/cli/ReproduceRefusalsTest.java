package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import io.reprounit.store.StoreFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce} refuses, with exit status 2 and one line that says why and what to do, a check it cannot reproduce
 * as recorded, before it checks anything out or starts a build.
 */
class ReproduceRefusalsTest {

    @TempDir
    Path directory;

    @Test
    void aCheckRecordedOnADirtyTreeIsRefusedItsCodeIsNotInGit() {
        String url = store(List.of(FingerprintPart.of(Aspect.CODE, "git.commit", "abc123"),
                FingerprintPart.of(Aspect.CODE, "git.dirty", "true")));

        Cli.Output output = Cli.run("reproduce", "1", "--store", url, "--maven", missingMaven());

        assertThat(output.status()).isEqualTo(2);
        assertThat(output.err()).contains("its code is not in git: check 1 was recorded on a working tree with"
                + " uncommitted changes (commit abc123-dirty); commit them and record a new check")
                .doesNotContain("\tat ");
        assertThat(output.out()).isEmpty();
    }

    @Test
    void aCheckRecordedOutsideGitIsRefused() {
        String url = store(List.of(FingerprintPart.of(Aspect.ENVIRONMENT, "java.version", "17.0.15")));

        Cli.Output output = Cli.run("reproduce", "1", "--store", url);

        assertThat(output.status()).isEqualTo(2);
        assertThat(output.err()).contains("its code is not in git").contains("no commit was recorded");
    }

    @Test
    void aSecretAmongTheOverridesIsRefusedNamingItsSetting() {
        String url = store(List.of(FingerprintPart.of(Aspect.CODE, "git.commit", "abc123"),
                FingerprintPart.of(Aspect.CODE, "git.dirty", "false"),
                FingerprintPart.of(Aspect.CONFIG, "overrides", "reprounit.param.Iris.load.rows=12, "
                        + "reprounit.param.Iris.load.apiToken=\"(set)\"")));

        Cli.Output output = Cli.run("reproduce", "1", "--store", url);

        assertThat(output.status()).isEqualTo(2);
        assertThat(output.err()).contains("reprounit.param.Iris.load.apiToken holds a secret")
                .contains("-Dreprounit.param.Iris.load.apiToken=<value>").contains("-Dreprounit.against=check:1")
                .doesNotContain("rows=12 holds");
    }

    @Test
    void anUnknownCheckIsBadInput() {
        String url = store(List.of(FingerprintPart.of(Aspect.CODE, "git.commit", "abc123")));

        Cli.Output unknown = Cli.run("reproduce", "99", "--store", url);
        Cli.Output notAnId = Cli.run("reproduce", "17.2", "--store", url);

        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("reprounit: ").contains("99").doesNotContain("\tat ");
        assertThat(notAnId.status()).isEqualTo(2);
        assertThat(notAnId.err()).contains("'17.2' is not a check id");
    }

    @Test
    void aStoreInMemoryIsRefusedSinceTheBuildCouldNotRecordIntoIt() {
        Cli.Output output = Cli.run("reproduce", "1", "--store", "jdbc:sqlite::memory:", "--artifacts",
                directory.toString());

        assertThat(output.status()).isEqualTo(2);
        assertThat(output.err()).contains("is in memory").contains("--store");
    }

    @Test
    void theOverridesAreReadBackWhereAValueHoldsACommaAndASpace() {
        var run = new io.reprounit.store.StoredRun("1.1", "Iris", "repeat", "COMPLETE", java.time.Instant.now(), null,
                "abc", null, null, Fingerprint.of(List.of(FingerprintPart.of(Aspect.CONFIG, "overrides",
                "reprounit.param.Iris.load.names=[\"a, b\",\"c\"], reprounit.param.Iris.train.epochs=3"))), List.of());

        assertThat(RecordedCheck.overrides(run)).containsExactly(
                java.util.Map.entry("reprounit.param.Iris.load.names", "[\"a, b\",\"c\"]"),
                java.util.Map.entry("reprounit.param.Iris.train.epochs", "3"));
    }

    /** A store with one check of pipeline {@code IrisPipeline} whose run has {@code parts}; returns its URL. */
    private String store(List<FingerprintPart> parts) {
        String url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        RecordedRun run = StoreFixtures.run(1, "unused", "loaded");
        List<FingerprintPart> all = new ArrayList<>(parts);
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            StoreFixtures.check(store, new ArtifactStore(directory.resolve("artifacts")), "IrisPipeline",
                    List.of(new RecordedRun(1, run.started(), run.finished(), Fingerprint.of(all), run.steps())),
                    StoreFixtures.verdicts(Verdict.REPRODUCED));
        }
        return url;
    }

    /** Refusals come before any build: a Maven that does not exist is never started. */
    private String missingMaven() {
        Path maven = directory.resolve("no-such-mvn");
        assertThat(Files.exists(maven)).isFalse();
        return maven.toString();
    }
}
