package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Digests;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.DataListing;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import io.reprounit.store.RecordedStep;
import io.reprounit.store.StoreFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code verify} checks everything a restore needs: the files that a kept directory's listing names, not only the
 * listing, each reported with the run and step that read the directory.
 */
class VerifyDataFilesTest {


    @TempDir
    Path directory;

    String url;
    ArtifactStore artifacts;
    String second;

    @BeforeEach
    void recordARunThatReadADirectory() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        artifacts = new ArtifactStore(directory.resolve("artifacts"));
        TreeMap<String, String> files = new TreeMap<>();
        files.put("a.csv", keep("id,value\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        second = keep("id,value\n3,4\n".getBytes(StandardCharsets.UTF_8));
        files.put("b.csv", second);
        String listing = keep(DataListing.bytes(files)); // as the engine keeps a directory: its files and its listing
        RecordedRun run = StoreFixtures.run(1, "c1", "loaded");
        RecordedStep load = run.steps().get(0);
        RecordedStep withSnapshot = new RecordedStep(load.step(), load.status(), load.duration(), load.inputs(),
                load.output(), load.problem(), load.fingerprint(), List.of(new DataSnapshot("data/parts",
                        DataSnapshot.Kind.DIRECTORY, listing, 28, 2, null)), null);
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            StoreFixtures.check(store, artifacts, "Parts", List.of(new RecordedRun(1, run.started(), run.finished(),
                    run.fingerprint(), List.of(withSnapshot))), StoreFixtures.verdicts(Verdict.REPRODUCED));
        }
    }

    private String keep(byte[] bytes) {
        String digest = Digests.sha256(bytes);
        try (ArtifactStore.Upload upload = artifacts.upload()) {
            upload.write(bytes, 0, bytes.length);
            upload.finish(digest, bytes.length);
        }
        return digest;
    }

    @Test
    void aDirectoryWithAllItsFilesVerifies() {
        Cli.Output verify = Cli.run("verify", "--store", url);

        assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("the metadata store refers to 4 artifacts"); // output, listing, two files
    }

    @Test
    void aListedFileThatIsGoneIsReportedWithTheStepThatReadIt() throws Exception {
        Files.delete(artifacts.root().resolve(ArtifactStore.location(second)));

        JsonNode verify = Cli.run("verify", "--json", "--store", url).json();

        assertThat(verify.get("ok").asBoolean()).isFalse();
        JsonNode problem = verify.get("problems").get(0);
        assertThat(problem.get("digest").asString()).isEqualTo(second);
        assertThat(problem.get("state").asString()).isEqualTo("missing");
        assertThat(problem.get("outputOf").get(0).get("step").asString()).isEqualTo("step0 (data data/parts) (file)");
        assertThat(verify.get("problems").size()).isOne();
    }
}
