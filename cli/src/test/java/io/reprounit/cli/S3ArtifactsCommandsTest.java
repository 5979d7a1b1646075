package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.s3.S3Settings;
import io.reprounit.compare.Verdict;
import io.reprounit.store.ArtifactsRemote;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreFixtures;
import io.reprounit.testsupport.S3Server;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands over an artifact store in S3 (s3proxy, a real server): what one machine kept, another reads through
 * {@code --artifacts-url}, with a cache directory of its own; gc removes from the bucket only what no check refers to.
 */
class S3ArtifactsCommandsTest {

    static final String BUCKET = "cli-artifacts";
    static S3Server server;

    @TempDir
    Path directory;

    String url;
    long check;
    Artifact kept;
    Artifact orphan;

    @BeforeAll
    static void start() {
        server = S3Server.start(Path.of("target", "s3-server").toAbsolutePath()).createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void recordOnAnotherMachine() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        ArtifactStore first = ArtifactsRemote.with(new ArtifactStore(directory.resolve("first-machine")),
                S3Settings.parse("s3://" + BUCKET + "/" + directory.getFileName(), server.endpoint(), null, null,
                        ArtifactsRemote.KEYS));
        kept = StoreFixtures.text("kept on the first machine\n");
        orphan = StoreFixtures.text("referred to by no check\n");
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            check = StoreFixtures.check(store, first, "Shared", List.of(StoreFixtures.run(1, "c1", List.of(kept))),
                    StoreFixtures.verdicts(Verdict.REPRODUCED));
        }
        first.put(orphan);
    }

    String[] withBucket(String... command) {
        List<String> arguments = new java.util.ArrayList<>(List.of(command));
        arguments.addAll(List.of("--store", url, "--artifacts", directory.resolve("second-machine").toString(),
                "--artifacts-url", "s3://" + BUCKET + "/" + directory.getFileName(), "--s3-endpoint",
                server.endpoint()));
        return arguments.toArray(String[]::new);
    }

    @Test
    void outputReadsThroughTheBucketIntoAnotherMachinesCache() {
        Cli.Output output = Cli.run(withBucket("output", check + ".1", "step0"));

        assertThat(output.status()).as(output.err()).isZero();
        assertThat(output.out()).isEqualTo("kept on the first machine\n");
        assertThat(directory.resolve("second-machine").resolve(ArtifactStore.location(kept.digest()))).exists();
        assertThat(Cli.run("output", check + ".1", "step0", "--store", url, "--artifacts",
                directory.resolve("third-machine").toString()).status()).as("without the bucket").isNotZero();
    }

    @Test
    void gcRemovesFromTheBucketOnlyWhatNoCheckRefersTo() {
        String prefix = directory.getFileName() + "/";
        assertThat(server.objectCount(BUCKET, prefix)).isEqualTo(2);

        Cli.Output output = Cli.run(withBucket("gc", "--min-age", "PT0S"));

        assertThat(output.status()).as(output.err()).isZero();
        assertThat(output.out()).contains("Removed 0 checks and 1 artifact files from s3://" + BUCKET + "/" + directory.getFileName()
                + " (cached in");
        assertThat(server.objectCount(BUCKET, prefix)).isEqualTo(1);
        assertThat(Cli.run(withBucket("output", check + ".1", "step0")).out()).isEqualTo("kept on the first machine\n");
    }

    @Test
    void verifyNamesAnArtifactKeptHereThatTheBucketLacks() throws Exception {
        String[] fromTheFirstMachine = {"verify", "--store", url, "--artifacts",
                directory.resolve("first-machine").toString(), "--artifacts-url",
                "s3://" + BUCKET + "/" + directory.getFileName(), "--s3-endpoint", server.endpoint()};
        Cli.Output whole = Cli.run(fromTheFirstMachine);
        assertThat(whole.status()).as(whole.out() + whole.err()).isZero();
        assertThat(whole.out()).contains("2 objects listed; it holds every artifact kept here.")
                .contains("Every artifact is intact.");

        Path object = server.objectFile(BUCKET, directory.getFileName() + "/" + ArtifactStore.location(kept.digest()));
        assertThat(object).exists();
        java.nio.file.Files.delete(object); // lost from the bucket: the first machine still has its file

        Cli.Output lacking = Cli.run(fromTheFirstMachine);
        assertThat(lacking.status()).as(lacking.out() + lacking.err()).isEqualTo(1);
        assertThat(lacking.out()).contains("1 objects listed; 1 artifact kept here is not there as it is here")
                .contains("not in bucket").contains("only this machine has it").contains(check + ".1 step0")
                .doesNotContain("Every artifact is intact.");
        Cli.Output json = Cli.run(java.util.stream.Stream.concat(java.util.Arrays.stream(fromTheFirstMachine),
                java.util.stream.Stream.of("--json")).toArray(String[]::new));
        assertThat(json.out()).contains("\"objectsListed\" : 1").contains("\"state\" : \"not in bucket\"")
                .contains("\"digest\" : \"" + kept.digest() + "\"").contains("\"ok\" : false");
    }

    @Test
    void aWrongOptionIsNamed() {
        Cli.Output missing = Cli.run("gc", "--store", url, "--artifacts-url", "s3://no-such-bucket/p", "--s3-endpoint",
                server.endpoint());
        assertThat(missing.status()).isNotZero();
        assertThat(missing.err()).contains("--artifacts-url").contains("no-such-bucket").contains("does not exist");

        Cli.Output orphanOption = Cli.run("gc", "--store", url, "--s3-endpoint", server.endpoint());
        assertThat(orphanOption.status()).isNotZero();
        assertThat(orphanOption.err()).contains("--s3-endpoint is given without --artifacts-url");
    }
}
