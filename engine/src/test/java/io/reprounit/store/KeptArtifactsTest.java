package io.reprounit.store;

import static io.reprounit.store.StoreFixtures.check;
import static io.reprounit.store.StoreFixtures.run;
import static io.reprounit.store.StoreFixtures.text;
import static io.reprounit.store.StoreFixtures.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.compare.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** What the metadata store records of where each output is kept (schema version 4). */
@ParameterizedClass
@EnumSource(ArtifactStoreKind.class)
class KeptArtifactsTest {

    @Parameter
    ArtifactStoreKind kind;

    @TempDir
    Path directory;

    String url;
    ArtifactStore artifacts;

    @BeforeEach
    void paths() {
        url = "jdbc:sqlite:" + directory.resolve("metadata.db");
        artifacts = kind.open(directory.resolve("artifacts"));
    }

    @Test
    void aStreamedOutputIsRecordedWhereItWasKeptWithoutBeingWrittenAgain() throws Exception {
        byte[] bytes = StreamedUploadTest.records(300_000);
        Artifact streamed = streamed(bytes, artifacts);
        Path file = artifacts.root().resolve(streamed.kept().location());
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            long id = check(store, artifacts, "Big", List.of(run(1, "c1", List.of(streamed))),
                    verdicts(Verdict.REPRODUCED));
            StoredStep step = store.run(id + ".1").steps().get(0);

            assertThat(step.keptAt()).isEqualTo(streamed.kept().location()).endsWith(".zst");
            assertThat(step.codec()).isEqualTo("zstd");
            assertThat(step.storedSize()).isEqualTo(Files.size(file)).isLessThan(bytes.length);
            assertThat(step.size()).isEqualTo(bytes.length);
            assertThat(step.notKept()).isNull();
        }
        assertThat(Files.getLastModifiedTime(file).toMillis()).as("not written again").isZero();
        assertThat(artifacts.read(streamed.digest())).hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
    }

    @Test
    void anOutputNotKeptIsRecordedWithWhyAndAKeptCopyLaterTakesItsPlace() throws Exception {
        Artifact output = text("x".repeat(4000));
        Artifact skipped = Artifact.restored(output.digest(), output.bytesDigest(), output.size(), output.mediaType(),
                output.bytes(), Artifact.Kept.skipped("larger than reprounit.artifacts.max-size = 1KB"));

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            long first = check(store, artifacts, "Sized", List.of(run(1, "c1", List.of(skipped))),
                    verdicts(Verdict.REPRODUCED));
            assertThat(store.run(first + ".1").steps().get(0).notKept())
                    .isEqualTo("larger than reprounit.artifacts.max-size = 1KB");
            assertThat(store.run(first + ".1").steps().get(0).keptAt()).isNull();
            assertThat(files()).isEmpty();

            long second = check(store, artifacts, "Sized", List.of(run(1, "c1", List.of(output))),
                    verdicts(Verdict.REPRODUCED));
            StoredStep kept = store.run(second + ".1").steps().get(0);
            assertThat(kept.keptAt()).isEqualTo(ArtifactStore.location(output.digest()) + ".zst");
            assertThat(kept.codec()).isEqualTo("zstd");
            assertThat(kept.notKept()).isNull();
            assertThat(store.run(first + ".1").steps().get(0).keptAt()).as("one row per artifact")
                    .isEqualTo(kept.keptAt());
        }
    }

    @Test
    void aCompleteOutputWithoutAStoreIsKeptWithinTheMaximumSize() throws Exception {
        ArtifactStore limited = artifacts.withMaxSize(100, "reprounit.artifacts.max-size = 100");

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            long id = check(store, limited, "Sized", List.of(run(1, "c1", "small", "y".repeat(101))),
                    verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            List<StoredStep> steps = store.run(id + ".1").steps();

            assertThat(steps.get(0).keptAt()).isEqualTo(ArtifactStore.location(text("small").digest()));
            assertThat(steps.get(1).keptAt()).isNull();
            assertThat(steps.get(1).notKept()).isEqualTo("larger than reprounit.artifacts.max-size = 100");
        }
    }

    @Test
    void aVersion3StoreIsMigratedSayingItsFilesWereWrittenRaw() throws Exception {
        String kept = text("kept").digest();
        String unkept = text("unkept").digest();
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            Schema.migrate(connection, 0, 3);
            try (Statement sql = connection.createStatement()) {
                sql.execute("INSERT INTO artifacts VALUES ('" + kept + "', 4, '" + Artifact.TEXT + "', '"
                        + ArtifactStore.location(kept) + "')");
                sql.execute("INSERT INTO artifacts VALUES ('" + unkept + "', 9000000, '" + Artifact.TEXT + "', NULL)");
            }
            connection.commit();
        }

        MetadataStore.open(url, "reprounit.store.url").close();

        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT digest, location, codec, stored_size, not_kept_reason FROM"
                        + " artifacts ORDER BY size")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(kept);
            assertThat(row.getString(2)).isEqualTo(ArtifactStore.location(kept));
            assertThat(row.getString(3)).isEqualTo("raw");
            assertThat(row.getLong(4)).isEqualTo(4);
            assertThat(row.getString(5)).isNull();
            assertThat(row.next()).isTrue();
            assertThat(row.getString(2)).isNull();
            assertThat(row.getString(3)).isNull();
            assertThat(row.getString(5)).as("never recorded, so not guessed").isNull();
        }
    }

    /** An output as the encoder leaves it: streamed into the store while it was digested. */
    static Artifact streamed(byte[] bytes, ArtifactStore store) {
        String digest = Digests.sha256(bytes);
        Artifact.Kept kept;
        try (ArtifactStore.Upload upload = store.upload()) {
            for (int offset = 0; offset < bytes.length; offset += 8192) {
                upload.write(bytes, offset, Math.min(8192, bytes.length - offset));
            }
            kept = upload.finish(digest, bytes.length);
        }
        return Artifact.restored(digest, digest, bytes.length, Artifact.CANONICAL,
                java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 4 << 20)), kept);
    }

    private List<Path> files() throws Exception {
        if (!Files.exists(artifacts.root())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(artifacts.root())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
