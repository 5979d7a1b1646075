package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.compare.Verdict;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import io.reprounit.store.RecordedStep;
import io.reprounit.store.StoreFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code show} lists what each step's data snapshots kept, and what they did not keep and why. */
class ShowSnapshotsTest {

    @TempDir
    Path directory;

    String url;
    long check;
    final String table = Digests.sha256("id,value\n");
    final String images = Digests.sha256("listing");

    @BeforeEach
    void recordARunWithSnapshots() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        RecordedRun run = StoreFixtures.run(1, "c1", "loaded", "trained"); // steps step0 and step1
        RecordedStep load = run.steps().get(0);
        RecordedStep train = run.steps().get(1);
        List<RecordedStep> steps = List.of(
                new RecordedStep(load.step(), load.status(), load.duration(), load.inputs(), load.output(),
                        load.problem(), load.fingerprint(), List.of(
                                new DataSnapshot("data/iris.csv", DataSnapshot.Kind.FILE, table, 4551, 1, null),
                                new DataSnapshot("data/images", DataSnapshot.Kind.DIRECTORY, images, 1_234_567, 12,
                                        "reprounit.data.snapshots=off")), null),
                new RecordedStep(train.step(), train.status(), train.duration(), train.inputs(), train.output(),
                        train.problem(), train.fingerprint(), List.of(
                                new DataSnapshot("data/extra.csv", DataSnapshot.Kind.MISSING, null, 0, 0, null)), null));
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            check = StoreFixtures.check(store, new ArtifactStore(directory.resolve("artifacts")), "IrisPipeline",
                    List.of(new RecordedRun(1, run.started(), run.finished(), run.fingerprint(), steps)),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
        }
    }

    @Test
    void theTextListsEachSnapshotPerStep() {
        Cli.Output show = Cli.run("show", check + ".1", "--store", url, "--width", "160");

        assertThat(show.status()).as(show.err()).isZero();
        List<String> lines = show.lines();
        int heading = lines.indexOf("Data snapshots:");
        assertThat(heading).as(show.out()).isPositive();
        assertThat(lines.get(heading + 1)).matches("STEP +SOURCE +KIND +SIZE +DIGEST +KEPT *");
        assertThat(lines.get(heading + 2)).matches("step0 +data/iris\\.csv +file +4,551 +" + Digests.shortForm(table)
                + " +yes *");
        assertThat(lines.get(heading + 3)).matches("step0 +data/images +directory of 12 +1,234,567 +"
                + Digests.shortForm(images) + " +not kept \\(reprounit\\.data\\.snapshots=off\\) *");
        assertThat(lines.get(heading + 4)).matches("step1 +data/extra\\.csv +missing +- +- +missing when the step ran *");
    }

    @Test
    void theJsonListsEachSnapshotWhole() {
        JsonNode steps = Cli.run("show", check + ".1", "--json", "--store", url).json().get("steps");

        JsonNode kept = steps.get(0).get("dataSnapshots").get(0);
        assertThat(kept.get("name").asString()).isEqualTo("data/iris.csv");
        assertThat(kept.get("kind").asString()).isEqualTo("file");
        assertThat(kept.get("digest").asString()).isEqualTo(table);
        assertThat(kept.get("size").asLong()).isEqualTo(4551);
        assertThat(kept.get("kept").asBoolean()).isTrue();
        assertThat(kept.get("notKept").isNull()).isTrue();
        JsonNode off = steps.get(0).get("dataSnapshots").get(1);
        assertThat(off.get("kind").asString()).isEqualTo("directory");
        assertThat(off.get("files").asInt()).isEqualTo(12);
        assertThat(off.get("kept").asBoolean()).isFalse();
        assertThat(off.get("notKept").asString()).isEqualTo("reprounit.data.snapshots=off");
        assertThat(steps.get(1).get("dataSnapshots").get(0).get("kind").asString()).isEqualTo("missing");
    }
}
