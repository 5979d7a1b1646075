package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every command's output, as a table and as JSON, over a store with a reproducing and a diverging check. */
class ReproUnitCliTest {

    @TempDir
    Path directory;

    String url;
    long reproduced;
    long diverged;

    @BeforeEach
    void recordTwoChecks() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            reproduced = StoreFixtures.check(store, artifacts, "IrisPipeline",
                    List.of(StoreFixtures.run(1, "1111111111aaaa", "load", "train"),
                            StoreFixtures.run(2, "1111111111aaaa", "load", "train")),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            diverged = StoreFixtures.check(store, artifacts, "IrisPipeline",
                    List.of(StoreFixtures.run(1, "2222222222bbbb", "load", "train A"),
                            StoreFixtures.run(2, "2222222222bbbb", "load", "train B")),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.DIVERGED));
        }
    }

    @Test
    void runsListsTheChecksNewestFirst() {
        Output table = cli("runs", "--store", url);
        assertThat(table.status).isZero();
        assertThat(table.lines()).first().asString().startsWith("CHECK").contains("PIPELINE", "COMMIT", "VERDICT",
                "CULPRIT", "RUNS");
        assertThat(table.lines().get(1)).startsWith(diverged + " ").contains("IrisPipeline", "2222222222", "DIVERGED",
                "step1", diverged + ".1 " + diverged + ".2");
        assertAligned(table);

        JsonNode json = json(cli("runs", "IrisPipeline", "--json", "--store", url));
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("id").asString()).isEqualTo(Long.toString(diverged));
        assertThat(json.get(0).get("verdict").asString()).isEqualTo("DIVERGED");
        assertThat(json.get(0).get("runs").get(1).asString()).isEqualTo(diverged + ".2");
    }

    @Test
    void historyShowsWhereEachStepChangedWithItsCommit() {
        Output table = cli("history", "IrisPipeline", "--store", url);
        assertThat(table.status).isZero();
        assertThat(table.lines().get(0)).isEqualTo("IrisPipeline: 2 checks recorded");
        assertThat(table.out).contains("first recorded").contains("diverged").contains("2222222222");
        assertAligned(table);

        JsonNode json = json(cli("history", "IrisPipeline", "--step", "step1", "--json", "--store", url));
        assertThat(json).hasSize(2);
        assertThat(json.get(1).get("id").asString()).isEqualTo(diverged + ".1");
        assertThat(json.get(1).get("event").asString()).isEqualTo("diverged");
        assertThat(json.get(1).get("commit").asString()).isEqualTo("2222222222bbbb");
    }

    @Test
    void showGivesTheRunsStepDigestsThenItsParts() {
        Output table = cli("show", diverged + ".2", "--store", url);
        assertThat(table.status).isZero();
        assertThat(table.out).contains("Run " + diverged + ".2 of IrisPipeline: COMPLETE")
                .contains("java.version").contains("17.0.15")
                .contains(io.reprounit.artifact.Digests.shortForm(StoreFixtures.text("train B").digest()));
        assertThat(table.out.indexOf("STEP ")).as("the steps before the parts").isPositive()
                .isLessThan(table.out.indexOf("ASPECT "));
        assertAligned(table);

        JsonNode json = json(cli("show", diverged + ".2", "--json", "--store", url));
        assertThat(json.get("id").asString()).isEqualTo(diverged + ".2");
        assertThat(json.get("steps").get(1).get("output").asString())
                .isEqualTo(StoreFixtures.text("train B").digest());
        assertThat(json.get("parts").get(0).has("digest")).isTrue();
    }

    @Test
    void showSaysWhereEachOutputIsKeptOrWhyNot() {
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
        Artifact small = StoreFixtures.text("small");
        Artifact large = StoreFixtures.text("x".repeat(5000));
        String reason = "larger than reprounit.artifacts.max-size = 1KiB";
        Artifact skipped = Artifact.restored(large.digest(), large.bytesDigest(), large.size(), large.mediaType(),
                large.bytes(), Artifact.Kept.skipped(reason));
        long sized;
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            sized = StoreFixtures.check(store, artifacts, "Sized", List.of(StoreFixtures.run(1, "c", List.of(small,
                    skipped))), StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
        }

        Output table = cli("show", sized + ".1", "--store", url);
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).startsWith("step0 ").contains(" raw ")
                .contains("sha256/"));
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).startsWith("step1 ").contains("not kept: " + reason));
        assertAligned(table);
        JsonNode steps = json(cli("show", sized + ".1", "--json", "--store", url)).get("steps");
        assertThat(steps.get(0).get("keptAt").asString()).isEqualTo(ArtifactStore.location(small.digest()));
        assertThat(steps.get(0).get("codec").asString()).isEqualTo("raw");
        assertThat(steps.get(0).get("storedSize").asLong()).isEqualTo(5);
        assertThat(steps.get(1).get("notKept").asString()).isEqualTo(reason);
        assertThat(steps.get(1).get("keptAt").isNull()).isTrue();
        assertThat(artifacts.read(large.digest())).isEmpty();
    }

    @Test
    void diffExplainsWhatDiffers() {
        Output table = cli("diff", reproduced + ".1", diverged + ".2", "--store", url);
        assertThat(table.status).isZero();
        assertThat(table.out).contains("git.commit").contains("1111111111aaaa → 2222222222bbbb").contains("step1");
        assertAligned(table);

        Output same = cli("diff", diverged + ".1", diverged + ".1", "--store", url);
        assertThat(same.out).contains("have the same fingerprint parts and the same step outputs");

        JsonNode json = json(cli("diff", diverged + ".1", diverged + ".2", "--json", "--store", url));
        assertThat(json).singleElement().satisfies(step -> {
            assertThat(step.get("step").asString()).isEqualTo("step1");
            assertThat(step.get("explanation").asString()).startsWith("diverged");
        });
    }

    @Test
    void aChangeInTheExactBytesAloneIsShownByShowHistoryAndDiff() {
        long before;
        long after;
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            ArtifactStore artifacts = new ArtifactStore(directory.resolve("artifacts"));
            before = model(store, artifacts, "model saved at 1");
            after = model(store, artifacts, "model saved at 2");
        }
        String bytes = Digests.shortForm(StoreFixtures.text("model saved at 2").digest());

        Output show = cli("show", after + ".1", "--store", url);
        assertThat(show.lines()).anySatisfy(line -> assertThat(line).startsWith("STEP").contains("OUTPUT",
                "EXACT BYTES", "SIZE"));
        assertThat(show.lines()).anySatisfy(line -> assertThat(line).startsWith("step0 ")
                .contains(Digests.shortForm(StoreFixtures.text("model").digest()) + "  " + bytes));
        assertThat(show.lines()).anySatisfy(line -> assertThat(line).startsWith("step1 ").contains(" same "));
        assertAligned(show);
        assertThat(cli("show", reproduced + ".1", "--store", url).out).as("no column where nothing was normalized")
                .doesNotContain("EXACT BYTES");
        JsonNode shown = json(cli("show", after + ".1", "--json", "--store", url));
        assertThat(shown.get("steps").get(0).get("bytesDigest").asString())
                .isEqualTo(StoreFixtures.text("model saved at 2").digest());

        Output history = cli("history", "ModelPipeline", "--step", "step0", "--store", url);
        assertThat(history.lines()).anySatisfy(line -> assertThat(line).startsWith(after + " ")
                .contains("bytes changed", "REPRODUCED"));
        assertAligned(history);
        JsonNode events = json(cli("history", "ModelPipeline", "--step", "step0", "--json", "--store", url));
        assertThat(events.get(1).get("event").asString()).isEqualTo("bytes changed");
        assertThat(events.get(1).get("bytesDigest").asString())
                .isEqualTo(StoreFixtures.text("model saved at 2").digest());

        Output diff = cli("diff", before + ".1", after + ".1", "--store", url);
        assertThat(diff.lines().get(0)).isEqualTo("Runs " + before + ".1 and " + after + ".1 differ only in the exact"
                + " bytes of 1 step's output.");
        assertThat(diff.out).contains("bytes only:").contains(bytes);
        assertAligned(diff);
        JsonNode differences = json(cli("diff", before + ".1", after + ".1", "--json", "--store", url));
        assertThat(differences).singleElement().satisfies(step -> {
            assertThat(step.get("bytesOnly").asBoolean()).isTrue();
            assertThat(step.get("bytesAfter").asString()).isEqualTo(StoreFixtures.text("model saved at 2").digest());
        });
    }

    /** A check of ModelPipeline whose first step's output is "model" after normalizers, {@code exact} before. */
    private static long model(MetadataStore store, ArtifactStore artifacts, String exact) {
        List<Artifact> outputs = List.of(StoreFixtures.normalized("model", exact), StoreFixtures.text("score"));
        return StoreFixtures.check(store, artifacts, "ModelPipeline", List.of(StoreFixtures.run(1, "c1", outputs),
                StoreFixtures.run(2, "c1", outputs)), StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
    }

    @Test
    void gcSaysWhatItSparedAsTooYoungAndHowToRemoveIt() {
        Output young = cli("gc", "--keep", "1", "--store", url);
        assertThat(young.status).as(young.err).isZero();
        assertThat(young.lines()).containsExactly("Removed 1 checks and 0 artifact files from "
                + directory.resolve("artifacts") + ".", "Spared 1 file that no run refers to: it was changed within"
                + " --min-age PT1H, and a test running now may need it. Run gc --min-age PT0S when no test is running"
                + " to remove it.");
        JsonNode json = json(cli("gc", "--json", "--store", url));
        assertThat(json.get("artifactsSpared").asInt()).isEqualTo(1);
        assertThat(json.get("minimumAge").asString()).isEqualTo("PT1H");

        Output help = cli("gc", "--help");
        assertThat(help.status).isZero();
        assertThat(help.out.replaceAll("\\s+", " ")).contains("--min-age=<duration>").contains("Default: PT1H")
                .contains("PT0S spares none");

        assertThat(cli("gc", "--min-age", "PT0S", "--store", url).lines())
                .containsExactly("Removed 0 checks and 1 artifact files from " + directory.resolve("artifacts") + ".");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("runs", "history", "show", "diff", "output", "verify", "gc")) {
            Output help = cli(command, "--help");
            assertThat(help.status).as(command).isZero();
            assertThat(help.out).as(command).startsWith("Usage: reprounit " + command).contains("--store");
            assertThat(help.err).as(command).isEmpty();
        }
    }

    @Test
    void gcRemovesChecksBeyondKeepAndTheirArtifacts() {
        Output table = cli("gc", "--keep", "1", "--min-age", "PT0S", "--store", url);
        assertThat(table.status).isZero();
        assertThat(table.out).startsWith("Removed 1 checks and 1 artifact files");

        JsonNode json = json(cli("gc", "--json", "--store", url));
        assertThat(json.get("checksRemoved").asInt()).isZero();
        assertThat(json(cli("runs", "--json", "--store", url))).hasSize(1);
    }

    @Test
    void mistakesAreOneLineThatSaysWhatToDo() {
        Output unknownRun = cli("show", "99.1", "--store", url);
        assertThat(unknownRun.status).isEqualTo(1);
        assertThat(unknownRun.err).startsWith("reprounit: There is no run 99.1").doesNotContain("\tat ");

        Output missingStore = cli("runs", "--store", "jdbc:sqlite:" + directory.resolve("typo.db"));
        assertThat(missingStore.status).isEqualTo(1);
        assertThat(missingStore.err).contains("There is no metadata store at").contains("--store");
        assertThat(directory.resolve("typo.db")).doesNotExist();

        Output badUrl = cli("runs", "--store", "mysql://x");
        assertThat(badUrl.err).contains("--store = 'mysql://x' is not a SQLite JDBC URL, nor a PostgreSQL one");

        assertThat(cli("history", "Nope", "--store", url).err).contains("No pipeline 'Nope'")
                .contains("IrisPipeline");
        assertThat(cli().status).isEqualTo(2);
    }

    private static void assertAligned(Output output) {
        assertThat(output.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    private static JsonNode json(Output output) {
        assertThat(output.status).as(output.err).isZero();
        return JsonMapper.builder().build().readTree(output.out);
    }

    private static Output cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ReproUnitCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Output(status, out.toString(), err.toString());
    }

    private record Output(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }
}
