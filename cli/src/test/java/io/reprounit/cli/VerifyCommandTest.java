package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreFixtures;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * As in the issue: one stored artifact gets a flipped byte, a second is truncated, a third deleted. {@code verify}
 * lists each by digest with the runs and steps whose output it is and exits 1; {@code show} and {@code diff} mark them
 * and say what is wrong, and still answer.
 */
class VerifyCommandTest {

    private static final Artifact LOAD = StoreFixtures.text("rows 1 2 3 4 5 6 7 8");
    private static final Artifact FLIPPED = StoreFixtures.text("model A weights 0.25 0.75");
    private static final Artifact TRUNCATED = StoreFixtures.text("model B weights 0.50 0.50");
    private static final Artifact DELETED = StoreFixtures.text("model C weights 0.75 0.25");

    @TempDir
    Path directory;

    String url;
    ArtifactStore artifacts;
    long first;
    long second;

    @BeforeEach
    void recordTwoChecks() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        artifacts = new ArtifactStore(directory.resolve("artifacts"));
        try (MetadataStore store = MetadataStore.open(url, "--store")) {
            first = StoreFixtures.check(store, artifacts, "Iris", List.of(
                    StoreFixtures.run(1, "c1", List.of(LOAD, FLIPPED)), StoreFixtures.run(2, "c1", List.of(LOAD, FLIPPED))),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            second = StoreFixtures.check(store, artifacts, "Iris", List.of(
                    StoreFixtures.run(1, "c2", List.of(LOAD, TRUNCATED)), StoreFixtures.run(2, "c2", List.of(LOAD, DELETED))),
                    StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.DIVERGED));
        }
    }

    @Test
    void anIntactStoreVerifiesWithStatusZero() {
        Cli.Output table = Cli.run("verify", "--store", url);
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.lines()).containsExactly(
                "Metadata store " + url + ": SQLite's integrity check found nothing wrong.",
                "Artifact store " + artifacts.root() + ": 4 files read; the metadata store refers to 4 artifacts.",
                "Every artifact is intact.");
        JsonNode json = Cli.run("verify", "--json", "--store", url).json();
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("problems")).isEmpty();
    }

    @Test
    void verifyListsEachDamagedOrMissingArtifactWithItsRunsAndSteps() throws Exception {
        damage();
        Path stray = Files.createDirectories(artifacts.root().resolve("sha256/ff")).resolve("e".repeat(62));
        Files.writeString(stray, "left by something else");

        Cli.Output table = Cli.run("verify", "--store", url);

        assertThat(table.status()).isEqualTo(1);
        assertThat(table.out()).contains("integrity check found nothing wrong").contains("4 files read");
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).startsWith(short_(FLIPPED) + "  damaged")
                .contains(first + ".1 step1, " + first + ".2 step1").contains("holds 25 bytes with digest sha256:"));
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).startsWith(short_(TRUNCATED) + "  damaged")
                .contains(second + ".1 step1").contains("holds 12 bytes"));
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).startsWith(short_(DELETED) + "  missing")
                .contains(second + ".2 step1").contains("no file"));
        assertThat(table.lines()).anySatisfy(line -> assertThat(line).startsWith("ffeeeeeeeeee  damaged  no run"));
        assertThat(table.out()).contains("4 artifacts are damaged or missing");
        assertThat(table.lines()).filteredOn(line -> line.startsWith("ARTIFACT") || line.matches("[0-9a-f]{12} .*"))
                .as("the table").hasSize(5).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Table.WIDTH));

        Cli.Output output = Cli.run("verify", "--json", "--store", url);
        assertThat(output.status()).isEqualTo(1);
        JsonNode json = output.json();
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("problems")).hasSize(4);
        assertThat(json.get("problems")).anySatisfy(problem -> {
            assertThat(problem.get("digest").asString()).isEqualTo(DELETED.digest());
            assertThat(problem.get("state").asString()).isEqualTo("missing");
            assertThat(problem.get("file").asString()).isEqualTo(artifacts.root()
                    .resolve(ArtifactStore.location(DELETED.digest())).toString());
            assertThat(problem.get("outputOf").get(0).get("run").asString()).isEqualTo(second + ".2");
            assertThat(problem.get("outputOf").get(0).get("step").asString()).isEqualTo("step1");
        });
    }

    @Test
    void showAndDiffMarkDamagedAndMissingOutputsAndStillAnswer() throws Exception {
        damage();

        Cli.Output show = Cli.run("show", second + ".2", "--store", url);
        assertThat(show.status()).isZero();
        assertThat(show.lines()).anySatisfy(line -> assertThat(line).startsWith("step1 ")
                .contains(short_(DELETED) + " MISSING"));
        assertThat(show.lines()).anySatisfy(line -> assertThat(line).startsWith("step0 ").contains(short_(LOAD))
                .doesNotContain("DAMAGED", "MISSING"));
        assertThat(show.out()).contains("Run " + second + ".2, step step1: its output " + DELETED.digest()
                + " is missing from the artifact store " + artifacts.root() + ".").contains("reprounit verify");
        JsonNode steps = Cli.run("show", first + ".1", "--json", "--store", url).json().get("steps");
        assertThat(steps.get(0).get("artifact").asString()).isEqualTo("intact");
        assertThat(steps.get(1).get("artifact").asString()).isEqualTo("damaged");
        assertThat(steps.get(1).get("artifactProblem").asString()).startsWith("holds 25 bytes with digest");

        Cli.Output diff = Cli.run("diff", first + ".1", second + ".2", "--store", url);
        assertThat(diff.status()).isZero();
        assertThat(diff.lines()).anySatisfy(line -> assertThat(line).startsWith("step1 ")
                .contains(short_(FLIPPED) + " DAMAGED").contains(short_(DELETED) + " MISSING"));
        assertThat(diff.out()).contains("Run " + first + ".1, step step1: its output " + FLIPPED.digest()
                + " is damaged: its file " + artifacts.root().resolve(ArtifactStore.location(FLIPPED.digest()))
                + " holds 25 bytes with digest");
        JsonNode differences = Cli.run("diff", first + ".1", second + ".1", "--json", "--store", url).json();
        assertThat(differences).anySatisfy(change -> {
            assertThat(change.get("kind").asString()).isEqualTo("step");
            assertThat(change.get("artifactBefore").asString()).isEqualTo("damaged");
            assertThat(change.get("artifactAfter").asString()).isEqualTo("damaged");
        });
        assertThat(differences).filteredOn(change -> change.get("kind").asString().equals("artifact")).hasSize(2);
    }

    @Test
    void aDamagedMetadataStoreFailsItsIntegrityCheck() throws Exception {
        Path file = directory.resolve("metadata.db");
        // A page of fingerprint parts, which opening the store and listing its artifacts never read: not the last
        // page, which may hold the schema once it has grown past the first page.
        long page;
        long pageSize;
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url);
                java.sql.Statement sql = connection.createStatement()) {
            try (java.sql.ResultSet row = sql.executeQuery("PRAGMA page_size")) {
                pageSize = row.getLong(1);
            }
            try (java.sql.ResultSet row = sql.executeQuery(
                    "SELECT rootpage FROM sqlite_schema WHERE name = 'fingerprint_parts'")) {
                page = row.getLong(1);
            }
        }
        try (RandomAccessFile database = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[(int) pageSize];
            Arrays.fill(garbage, (byte) 0x5A);
            database.seek((page - 1) * pageSize);
            database.write(garbage);
        }

        Cli.Output verify = Cli.run("verify", "--store", url);

        assertThat(verify.status()).isEqualTo(1);
        assertThat(verify.out()).as(verify.err()).contains("SQLite's integrity check found").doesNotContain("found nothing wrong");
        assertThat(Cli.run("verify", "--json", "--store", url).json().get("integrityProblems")).isNotEmpty();
    }

    /** Flips a byte of one stored artifact, truncates a second, deletes a third. */
    private void damage() throws Exception {
        Path flipped = file(FLIPPED);
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[6] ^= 0x01;
        Files.write(flipped, bytes);
        Path truncated = file(TRUNCATED);
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(truncated), 12));
        Files.delete(file(DELETED));
    }

    private Path file(Artifact artifact) {
        return artifacts.root().resolve(ArtifactStore.location(artifact.digest()));
    }

    private static String short_(Artifact artifact) {
        return Digests.shortForm(artifact.digest());
    }
}
