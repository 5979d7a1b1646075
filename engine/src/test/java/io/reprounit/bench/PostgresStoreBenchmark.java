package io.reprounit.bench;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.store.History;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecordedRun;
import io.reprounit.testsupport.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Issue 18's figures for a team's store, as medians over repeated measurements after a warm-up, against PostgreSQL over
 * loopback: (a) recording a 1,000-step run (target under 200 ms), as {@link StoreBenchmark} measures it in SQLite;
 * (b) {@code history}'s query, {@link MetadataStore#history}, over a store of 100,000 runs built by
 * {@link HistoryStore} (target under 100 ms). Not a test: run it with
 * {@code mvn -B -q -o -pl engine -am test-compile -Ppostgres-benchmark} (see docs/team-store.md). It starts a durable
 * {@link PostgresServer} of its own (fsync on), or uses the server at {@code -Dpg.url=jdbc:postgresql://...}, where it
 * creates its tables in the database named.
 */
public final class PostgresStoreBenchmark {

    private static final int WARM_UP = 3;

    private PostgresStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("pg.runs", HistoryStore.RUNS);
        int measured = Integer.getInteger("pg.iterations", 21);
        Path directory = Path.of(System.getProperty("pg.dir", "target/postgres-benchmark")).toAbsolutePath();
        Files.createDirectories(directory);
        String external = System.getProperty("pg.url", "");
        PostgresServer server = external.isBlank() ? PostgresServer.start(true) : null;
        System.out.printf("Java %s, %d processors, PostgreSQL %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), server != null ? "started here on port " + server.port()
                        + " (fsync on)" : "at " + io.reprounit.store.StoreLocation.shown(external));
        recording(server != null ? server.newDatabase() : external, directory, measured);
        history(server != null ? server.newDatabase() : external, runs, measured);
    }

    private static void recording(String url, Path directory, int measured) throws Exception {
        ArtifactStore artifacts = new ArtifactStore(directory.resolve("recording-artifacts"));
        List<FingerprintPart> runParts = StoreBenchmark.runParts();
        double[] complete = new double[measured];
        double[] engine = new double[measured];
        for (int i = -WARM_UP; i < measured; i++) {
            // Nothing of it in the metadata store yet, the worst case; its outputs streamed into the artifact store
            // as they were digested, as the engine does while the steps run.
            RecordedRun run = StoreBenchmark.run(i + WARM_UP, runParts, artifacts);
            try (MetadataStore store = MetadataStore.open(url, "bench")) {
                long check = store.startCheck("Bench", "io.reprounit.bench.Bench", "repeat", Instant.now());
                long id = store.startRun(check, 1, "repeat", "seed: 1\n", Instant.now());
                long started = System.nanoTime();
                store.completeRun(id, run, artifacts);
                if (i >= 0) {
                    complete[i] = StoreBenchmark.millis(started);
                }
            }
            RecordedRun again = StoreBenchmark.run(1_000_000 + i + WARM_UP, runParts, artifacts);
            long started = System.nanoTime();
            try (MetadataStore store = MetadataStore.open(url, "bench")) {
                long check = store.startCheck("Bench", "io.reprounit.bench.Bench", "repeat", Instant.now());
                long id = store.startRun(check, 1, "repeat", "seed: 1\n", Instant.now());
                store.completeRun(id, again, artifacts);
            }
            if (i >= 0) {
                engine[i] = StoreBenchmark.millis(started);
            }
        }
        StoreBenchmark.report("PostgreSQL: record a 1,000-step run (completeRun: one transaction)",
                complete, 200);
        StoreBenchmark.report("PostgreSQL: record a 1,000-step run as the engine does (open, insert, complete, close)",
                engine, 200);
    }

    private static void history(String url, int runs, int measured) throws Exception {
        long building = System.nanoTime();
        HistoryStore.build(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true", runs);
        try (Connection c = DriverManager.getConnection(url); Statement sql = c.createStatement()) {
            sql.execute("ANALYZE"); // as autovacuum would have, long before a store grows to this size
        }
        System.out.printf("built a store of %,d runs in %.1f s%n", runs, StoreBenchmark.millis(building) / 1000);
        double[] query = new double[measured];
        double[] opened = new double[measured];
        int entries = 0;
        try (MetadataStore store = MetadataStore.openReadOnly(url, "bench")) {
            for (int i = -WARM_UP; i < measured; i++) {
                long started = System.nanoTime();
                History history = store.history(HistoryStore.PIPELINE, null, 50);
                if (i >= 0) {
                    query[i] = StoreBenchmark.millis(started);
                }
                entries = history.entries().size();
            }
        }
        for (int i = -WARM_UP; i < measured; i++) {
            long started = System.nanoTime();
            try (MetadataStore store = MetadataStore.openReadOnly(url, "bench")) {
                store.history(HistoryStore.PIPELINE, null, 50);
            }
            if (i >= 0) {
                opened[i] = StoreBenchmark.millis(started);
            }
        }
        System.out.printf("history shows %d entries%n", entries);
        StoreBenchmark.report("PostgreSQL: history's query over " + String.format("%,d", runs) + " runs (--limit 50)",
                query, 100);
        StoreBenchmark.report("PostgreSQL: the same with the store opened and closed around it", opened, 100);
    }
}
