package io.reprounit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.DataListing;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.store.fixtures.Survey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Data snapshots: every Path data source a step reads is kept in the artifact store when it runs, recorded with the run,
 * kept from gc, and restored byte for byte. The data lies under the module's target directory, named by a relative
 * path, since a source is recorded by its path as configured and a reproduction restores it there.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class DataSnapshotsTest {

    @Parameter
    StoreKind kind;

    @TempDir
    Path directory;

    /** Relative: how a project names its data. */
    private Path data;
    private String url;
    private ArtifactStore artifacts;

    @BeforeEach
    void writeData() throws IOException {
        data = Path.of("target", "data-snapshots-" + UUID.randomUUID());
        Files.createDirectories(data.resolve("shards/2026"));
        Files.writeString(data.resolve("table.csv"), "id,value\n1,0.5\n2,0.25\n");
        Files.writeString(data.resolve("shards/a.txt"), "alpha\n");
        Files.writeString(data.resolve("shards/2026/b.txt"), "beta\n");
        Files.writeString(data.resolve("key.pem"), "-----BEGIN KEY----- s3cret");
        url = kind.newUrl(directory, "metadata");
        artifacts = new ArtifactStore(directory.resolve("artifacts"));
    }

    @AfterEach
    void removeData() throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void eachFileAndDirectoryAStepReadsIsKeptAndRecordedWithTheRun() throws IOException {
        EngineExecutionResults results = execute(Map.of());

        results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
        StoredRun run = firstRun();
        DataSnapshot table = only(run, "rows");
        assertThat(table.name()).isEqualTo(name("table.csv"));
        assertThat(table.kind()).isEqualTo(DataSnapshot.Kind.FILE);
        assertThat(table.kept()).isTrue();
        byte[] tableBytes = Files.readAllBytes(data.resolve("table.csv"));
        assertThat(table.digest()).isEqualTo(Digests.sha256(tableBytes))
                .isEqualTo(run.step("rows").orElseThrow().fingerprint().part(Aspect.DATA, table.name()).orElseThrow()
                        .digest());
        assertThat(table.size()).isEqualTo(tableBytes.length);
        assertThat(artifacts.read(table.digest())).hasValue(tableBytes);

        DataSnapshot shards = only(run, "shards");
        assertThat(shards.kind()).isEqualTo(DataSnapshot.Kind.DIRECTORY);
        assertThat(shards.files()).isEqualTo(2);
        assertThat(shards.size()).isEqualTo("alpha\n".length() + "beta\n".length());
        assertThat(shards.digest()).as("the listing is named by the directory's data fingerprint")
                .isEqualTo(run.step("shards").orElseThrow().fingerprint().part(Aspect.DATA, shards.name())
                        .orElseThrow().digest());
        Map<String, String> listing = DataListing.parse(artifacts.read(shards.digest()).orElseThrow());
        assertThat(listing).containsOnlyKeys("a.txt", "2026/b.txt");
        assertThat(artifacts.read(listing.get("2026/b.txt"))).hasValue("beta\n".getBytes(StandardCharsets.UTF_8));

        DataSnapshot key = run.step("signed").orElseThrow().dataSnapshots().get(0);
        assertThat(key.kept()).isFalse();
        assertThat(key.notKept()).isEqualTo(DataSnapshot.SECRET);
        assertThat(key.digest()).isNull();
        assertThat(artifacts.read(Digests.sha256(Files.readAllBytes(data.resolve("key.pem"))))).isEmpty();

        assertThat(entries(results, "reprounit.data.snapshots")).anySatisfy(entry -> assertThat(entry)
                .startsWith("kept " + name("table.csv") + " (file, " + tableBytes.length + " bytes)"));
    }

    @Test
    void unchangedDataIsNotCopiedAgainAndChangedDataIsANewSnapshot() throws IOException {
        Path tablePath = data.resolve("table.csv");
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(tablePath, anHourAgo); // not racily clean: its digest is remembered by size and time
        execute(Map.of());
        List<Path> before = artifactFiles();
        String table = Objects.requireNonNull(only(firstRun(), "rows").digest());

        execute(Map.of());

        assertThat(artifactFiles()).as("no artifact file added").isEqualTo(before);
        // Same size and time, other bytes: the fingerprint still says the old digest, which the store has. Were the
        // file copied again, the copy's digest would not match and the snapshot would be "not kept".
        Files.writeString(tablePath, "id,value\n1,0.5\n2,0.35\n");
        Files.setLastModifiedTime(tablePath, anHourAgo);
        execute(Map.of());
        DataSnapshot again = only(run(checks().get(0)), "rows");
        assertThat(again.digest()).isEqualTo(table);
        assertThat(again.kept()).as("kept without a copy: %s", again.notKept()).isTrue();

        Files.writeString(tablePath, "id,value\n1,0.5\n2,0.75,x\n"); // changed, and now
        execute(Map.of());

        DataSnapshot changed = only(run(checks().get(0)), "rows");
        assertThat(changed.digest()).isNotEqualTo(table);
        assertThat(changed.kept()).isTrue();
        assertThat(artifacts.read(changed.digest())).hasValue(Files.readAllBytes(tablePath));
        assertThat(artifacts.read(table)).as("the earlier snapshot stays").isPresent();
    }

    @Test
    void aSourceWhoseBytesAreNotThoseFingerprintedIsNotKeptUnderThatDigest() throws IOException {
        Path tablePath = data.resolve("table.csv");
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(tablePath, anHourAgo);
        execute(Map.of("reprounit.data.snapshots", "off")); // fingerprinted, and remembered by size and time
        String fingerprinted = Objects.requireNonNull(only(firstRun(), "rows").digest());
        Files.writeString(tablePath, "id,value\n1,0.5\n2,0.35\n"); // as if written while it was read
        Files.setLastModifiedTime(tablePath, anHourAgo);

        execute(Map.of());

        DataSnapshot table = only(run(checks().get(0)), "rows");
        assertThat(table.digest()).isEqualTo(fingerprinted);
        assertThat(table.kept()).isFalse();
        assertThat(table.notKept()).startsWith("it changed while it was being kept");
        assertThat(artifacts.read(fingerprinted)).as("nothing kept under a digest its bytes do not have").isEmpty();
    }

    @Test
    void aForkedRunKeepsAndReportsItsSnapshotsLikeAnyOther() throws IOException {
        execute(Map.of("reprounit.isolation", "forked"));

        DataSnapshot table = only(firstRun(), "rows");
        assertThat(table.kept()).isTrue();
        assertThat(artifacts.read(table.digest())).hasValue(Files.readAllBytes(data.resolve("table.csv")));
        assertThat(only(firstRun(), "shards").files()).isEqualTo(2);

        execute(Map.of("reprounit.isolation", "forked", "reprounit.data.snapshots", "off"));

        assertThat(only(run(checks().get(0)), "rows").notKept()).as("off reaches the forked JVM")
                .isEqualTo("reprounit.data.snapshots=off");
    }

    @Test
    void snapshotsOffKeepNothingAndSaySo() throws IOException {
        EngineExecutionResults results = execute(Map.of("reprounit.data.snapshots", "off"));

        results.testEvents().assertStatistics(stats -> stats.succeeded(3));
        DataSnapshot table = only(firstRun(), "rows");
        assertThat(table.kept()).isFalse();
        assertThat(table.notKept()).isEqualTo("reprounit.data.snapshots=off");
        assertThat(table.digest()).as("still recorded: the fingerprint has it")
                .isEqualTo(Digests.sha256(Files.readAllBytes(data.resolve("table.csv"))));
        assertThat(artifacts.read(table.digest())).isEmpty();
        assertThat(artifacts.read(Objects.requireNonNull(only(firstRun(), "shards").digest()))).isEmpty();
        assertThat(entries(results, "reprounit.data.snapshots"))
                .contains("off: " + name("table.csv") + " not kept", "off: " + name("shards") + " not kept");
    }

    @Test
    void aValueThatIsNeitherOnNorOffFailsTheCheckNamingTheKey() {
        EngineExecutionResults results = execute(Map.of("reprounit.data.snapshots", "sometimes"));

        results.allEvents().failed().assertThatEvents().isNotEmpty();
        assertThat(results.allEvents().failed().stream()
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .getThrowable().map(Throwable::getMessage).orElse("")))
                .anySatisfy(message -> assertThat(message).contains("reprounit.data.snapshots = 'sometimes'")
                        .contains("neither on nor off"));
    }

    @Test
    void gcKeepsEveryArtifactASnapshotNeeds() throws IOException {
        execute(Map.of());
        StoredRun run = firstRun();
        DataSnapshot shards = only(run, "shards");
        Map<String, String> listing = DataListing.parse(artifacts.read(shards.digest()).orElseThrow());

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            store.collectGarbage(artifacts, null, Duration.ZERO);
        }

        assertThat(artifacts.read(only(run, "rows").digest())).isPresent();
        assertThat(artifacts.read(shards.digest())).isPresent();
        for (String file : listing.values()) {
            assertThat(artifacts.read(file)).as("a file of the directory's snapshot").isPresent();
        }

        String first = Objects.requireNonNull(only(run, "rows").digest());
        Files.writeString(data.resolve("table.csv"), "id\n");
        execute(Map.of()); // a second check, which read other data
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            store.collectGarbage(artifacts, 1, Duration.ZERO); // keeps the second check only
        }
        assertThat(artifacts.read(first)).as("a snapshot no remaining run refers to is removed").isEmpty();
        assertThat(artifacts.read(only(run(checks().get(0)), "rows").digest())).isPresent();
        assertThat(artifacts.read(shards.digest())).as("the second check read the same directory").isPresent();
    }

    @Test
    void verifyCountsASnapshotAmongTheArtifactsRunsReferTo() {
        execute(Map.of());
        StoredRun run = firstRun();
        String table = Objects.requireNonNull(only(run, "rows").digest());

        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            assertThat(store.keptArtifacts()).filteredOn(artifact -> artifact.digest().equals(table)).singleElement()
                    .satisfies(artifact -> assertThat(artifact.uses()).containsExactly( // both runs of the check
                            new KeptArtifact.Use("1.1", "rows (data " + name("table.csv") + ")"),
                            new KeptArtifact.Use("1.2", "rows (data " + name("table.csv") + ")")));
        }
    }

    @Test
    void restoreWritesEveryKeptSourceByteForByte() throws IOException {
        execute(Map.of());
        StoredRun run = firstRun();
        Path target = directory.resolve("checkout");

        DataSnapshots.Restored restored = DataSnapshots.restore(run, artifacts, target);

        assertThat(restored.restored()).extracting(DataSnapshot::name)
                .containsExactly(name("table.csv"), name("shards"));
        assertThat(restored.notRestored()).containsOnlyKeys(name("key.pem"));
        assertThat(target.resolve(name("table.csv"))).hasSameBinaryContentAs(data.resolve("table.csv"));
        assertThat(target.resolve(name("shards")).resolve("a.txt")).hasSameBinaryContentAs(data.resolve("shards/a.txt"));
        assertThat(target.resolve(name("shards")).resolve("2026/b.txt"))
                .hasSameBinaryContentAs(data.resolve("shards/2026/b.txt"));
        assertThat(target.resolve(name("key.pem"))).doesNotExist();
    }

    @Test
    void restoreRefusesWhenAnArtifactIsMissingAndWritesNothing() throws IOException {
        execute(Map.of());
        StoredRun run = firstRun();
        String gone = Objects.requireNonNull(only(run, "rows").digest());
        Files.delete(artifacts.root().resolve(ArtifactStore.location(gone)));
        Path target = directory.resolve("checkout");

        assertThatThrownBy(() -> DataSnapshots.restore(run, artifacts, target)).isInstanceOf(StoreException.class)
                .hasMessageContaining(name("table.csv") + " (" + gone + ")").hasMessageContaining("Nothing was written");
        assertThat(target).doesNotExist();
    }

    private EngineExecutionResults execute(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("reprounit.store.url", url);
        all.put("reprounit.artifacts.dir", artifacts.root().toString());
        all.put("reprounit.baseline.mode", "none");
        all.put("reprounit.param.Survey.rows.table", data.resolve("table.csv").toString());
        all.put("reprounit.param.Survey.shards.shards", data.resolve("shards").toString());
        all.put("reprounit.param.Survey.signed.keyFile", data.resolve("key.pem").toString());
        return EngineTestKit.engine("reprounit").configurationParameters(all).selectors(selectClass(Survey.class))
                .execute();
    }

    private String name(String file) {
        return data.resolve(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private List<CheckSummary> checks() {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            return store.checks("Survey", 10);
        }
    }

    /** The first run of the oldest check. */
    private StoredRun firstRun() {
        List<CheckSummary> checks = checks();
        return run(checks.get(checks.size() - 1));
    }

    private StoredRun run(CheckSummary check) {
        try (MetadataStore store = MetadataStore.open(url, "reprounit.store.url")) {
            return store.run(check.runs().get(0));
        }
    }

    private static DataSnapshot only(StoredRun run, String step) {
        List<DataSnapshot> snapshots = run.step(step).orElseThrow().dataSnapshots();
        assertThat(snapshots).hasSize(1);
        return snapshots.get(0);
    }

    private List<Path> artifactFiles() throws IOException {
        try (Stream<Path> files = Files.walk(artifacts.root())) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(Objects::nonNull).toList();
    }
}
