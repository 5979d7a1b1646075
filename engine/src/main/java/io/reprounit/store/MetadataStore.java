package io.reprounit.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.ArtifactStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The metadata store over JDBC, SQLite by default or PostgreSQL for a team ({@link Database} holds what differs): opened and migrated in one step, written one transaction per run, read
 * by the command line. SQLite runs in WAL mode, so readers never wait for a writer, with a busy timeout and immediate
 * transactions, so that several Surefire forks writing at once queue for the lock instead of failing. One instance may
 * be shared by threads; its methods take turns on its one connection.
 */
@API(status = INTERNAL, since = "0.1")
public final class MetadataStore implements AutoCloseable {

    static {
        io.reprounit.fingerprint.git.Slf4jFallback.quietWhereNoProvider(); // before sqlite-jdbc's first logger
    }

    /** How long a writer waits for another process's transaction before giving up. */
    static final int BUSY_TIMEOUT_MILLIS = 60_000;

    private final String url;
    private final Database database;
    private final String setting;
    private final Connection connection;

    private MetadataStore(String url, Database database, String setting, Connection connection) {
        this.url = requireNonNull(url);
        this.database = requireNonNull(database);
        this.setting = requireNonNull(setting);
        this.connection = requireNonNull(connection);
    }

    /**
     * Opens the store at {@code url}, creating it or migrating it to the current schema. A file that is not new and not
     * a store this version knows is refused before anything is written to it; so is a PostgreSQL database that holds
     * other tables, or a store of a newer schema.
     *
     * @param setting the name under which the user chose {@code url}, such as {@code reprounit.store.url} or
     *     {@code --store}, so that an error says what to change
     * @throws StoreException with a message naming {@code setting} when the store cannot be opened or is not usable
     */
    public static MetadataStore open(String url, String setting) {
        return open(url, setting, false);
    }

    private static MetadataStore open(String url, String setting, boolean existing) {
        Database database = Database.of(url, setting);
        database.prepareToWrite(setting, existing);
        Connection connection;
        try {
            connection = database.connect(setting);
        } catch (SQLException e) {
            throw StoreFailure.of("open", setting, database.shown(), e, database.connectAdvice(setting));
        }
        MetadataStore store = new MetadataStore(url, database, setting, connection);
        try {
            store.migrate();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens a store that must already exist, for writing to it: a mistyped path is reported, not created empty.
     *
     * @throws StoreException naming {@code setting} when there is no store at {@code url}
     */
    public static MetadataStore openExisting(String url, String setting) {
        return open(url, setting, true);
    }

    /**
     * Opens an existing store for reading only: nothing is written, not the journal mode, not a migration, so that a
     * store on a read-only file system or one that another user owns can be read. A store of an older schema is
     * refused, since reading it needs the migration that only a writer makes.
     *
     * @throws StoreException naming {@code setting} when there is no store at {@code url} or it cannot be read
     */
    public static MetadataStore openReadOnly(String url, String setting) {
        Database database = Database.of(url, setting);
        Connection connection = database.connectReadOnly(setting);
        if (connection == null) {
            return open(url, setting); // in memory: nothing on disk to leave alone
        }
        return new MetadataStore(url, database, setting, connection);
    }

    /**
     * Checks again, now connected: another process may have created or migrated the store since it was inspected; and
     * again under the migration's lock, since another process may be migrating it right now.
     */
    private void migrate() {
        try {
            StoreFile contents = database.contents(connection);
            contents.requireOurs(setting, database.shown());
            if (contents.version() < Schema.LATEST) {
                update(c -> {
                    database.lockForMigration(c);
                    StoreFile now = database.contents(c); // another process may have migrated it meanwhile
                    now.requireOurs(setting, database.shown());
                    if (now.version() < Schema.LATEST) {
                        database.migrate(c, now.version(), Schema.LATEST);
                    }
                });
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the metadata store " + setting + " = '" + database.shown() + "': "
                    + e.getMessage() + ". If this file is not a ReproUnit metadata store, point " + setting
                    + " at another file.", e);
        }
    }

    /** The store's URL as it was given, password included where it holds one: to connect with, never to show. */
    public String url() {
        return url;
    }

    /** Records that a check of {@code pipeline} has started; returns its id. */
    public long startCheck(String pipeline, String pipelineClass, String mode, Instant started) {
        return startCheck(pipeline, pipelineClass, mode, null, started);
    }

    /**
     * Records that a check of {@code pipeline} has started, compared with recorded check {@code against} where it is
     * given ({@code reprounit.against}); returns its id.
     */
    public long startCheck(String pipeline, String pipelineClass, String mode, @Nullable Long against,
            Instant started) {
        return write(c -> RunWriter.startCheck(c, pipeline, pipelineClass, mode, against, started));
    }

    /** Records run {@code number} of a check as INCOMPLETE, the status it keeps if the process dies before it ends. */
    public long startRun(long checkId, int number, String mode, String configText, Instant started) {
        return write(c -> RunWriter.startRun(c, checkId, number, mode, configText, started));
    }

    /**
     * Writes everything a run did, in one transaction, and marks it complete: a run is either complete or has no steps.
     * The artifacts' files are written first, so that no row ever names a file that is not there.
     */
    public void completeRun(long runId, RecordedRun run, ArtifactStore artifacts) {
        List<RunWriter.StoredArtifact> stored = RunWriter.storeArtifacts(run, artifacts);
        update(c -> RunWriter.completeRun(c, runId, run, stored, database.bindsArrays()));
    }

    /** Writes the verdict on every step and the check's outcome, noting for history where a step changed. */
    public void finishCheck(long checkId, List<RecordedVerdict> verdicts, Instant finished) {
        finishCheck(checkId, verdicts, false, finished);
    }

    /**
     * As {@link #finishCheck(long, List, Instant)}, for a check that may have failed as a whole although every step
     * reproduced (its baseline missing on CI, malformed, or not to be set up): such a check is FAILED, not REPRODUCED.
     */
    public void finishCheck(long checkId, List<RecordedVerdict> verdicts, boolean failedAsAWhole, Instant finished) {
        update(c -> VerdictWriter.finishCheck(c, checkId, verdicts, failedAsAWhole, finished));
    }

    /**
     * Records the fingerprint parts of check {@code checkId} that differed from the recorded check it was compared
     * with ({@code reprounit.against}).
     */
    public void recordDifferingParts(long checkId, DifferingParts parts) {
        update(c -> AgainstWriter.write(c, checkId, parts));
    }

    /** The parts of check {@code checkId} that differed from the recorded check it was compared with; none else. */
    public DifferingParts differingParts(long checkId) {
        return read(c -> AgainstWriter.read(c, checkId));
    }

    /**
     * Records that the JVM exited in the middle of a check: it stays INCOMPLETE, with when it ended and, where
     * {@code step} was running, that step as its culprit with a FAILED verdict explained by {@code explanation}.
     */
    public void exitedDuringCheck(long checkId, @Nullable String step, String explanation, Instant exited) {
        update(c -> VerdictWriter.exited(c, checkId, step, explanation, exited));
    }

    /** Deletes all but the latest {@code keep} checks of {@code pipeline}; returns how many were deleted. */
    public int keepLatestChecks(String pipeline, int keep) {
        return write(c -> Retention.keepLatest(c, pipeline, keep));
    }

    /** The latest checks, newest first, of one pipeline (by name or class name) or, where it is null, of all. */
    public List<CheckSummary> checks(@Nullable String pipeline, int limit) {
        return read(c -> StoreQueries.checks(c, pipeline, limit));
    }

    /**
     * What the step cache of a check of {@code pipeline} compares with, by step: the latest {@code perStep} checks that
     * had the step REPRODUCED and every check that had it DIVERGED, latest first.
     */
    public java.util.Map<String, List<io.reprounit.cache.CacheEntry>> cacheEntries(String pipeline, int perStep) {
        return read(c -> CacheEntries.of(c, pipeline, perStep));
    }

    /** Where each step's output changed, diverged or failed over the checks of {@code pipeline}, oldest first. */
    public History history(String pipeline, @Nullable String step, int limit) {
        return read(c -> StoreQueries.history(c, pipeline, step, limit));
    }

    /**
     * The run named {@code id}: {@code <check>.<run number>}, or {@code <check>} for its first run.
     *
     * @throws StoreException when there is no such run
     */
    public StoredRun run(String id) {
        return read(c -> StoreQueries.run(c, RunId.parse(id)));
    }

    /**
     * Check {@code id} with its runs, complete or not.
     *
     * @throws StoreException when there is no such check
     */
    public StoredCheck check(long id) {
        return read(c -> StoreQueries.check(c, id));
    }

    /** The checks that were compared with recorded check {@code recorded} ({@code reprounit.against}), oldest first. */
    public List<Long> checksAgainst(long recorded) {
        return read(c -> StoreQueries.checksAgainst(c, recorded));
    }

    /** What differs between runs {@code before} and {@code after}, part by part and step by step. */
    public RunDifference diff(String before, String after) {
        return RunDifference.between(run(before), run(after));
    }

    /** The names of the pipelines the store has recorded, in alphabetical order. */
    public List<String> pipelines() {
        return read(ReportQueries::pipelines);
    }

    /** How many checks of {@code pipeline} (by name) the store holds. */
    public int checkCount(String pipeline) {
        return read(c -> ReportQueries.checkCount(c, pipeline));
    }

    /** The latest {@code last} checks of {@code pipeline} (by name), oldest first, each with its verdicts. */
    public List<RecentCheck> recentChecks(String pipeline, int last) {
        return read(c -> ReportQueries.recentChecks(c, pipeline, last));
    }

    /** For each step of {@code pipeline} and each kind of history event it had, where that event first happened. */
    public List<FirstEvent> firstEvents(String pipeline) {
        return read(c -> ReportQueries.firstEvents(c, pipeline));
    }

    /** What differs between two runs already read, as {@link #diff(String, String)} says it. */
    public static RunDifference diff(StoredRun before, StoredRun after) {
        return RunDifference.between(before, after);
    }

    /**
     * Deletes all but the latest {@code keep} checks of every pipeline, where {@code keep} is given, then what no
     * remaining run refers to: fingerprint parts, artifact rows and artifact files older than {@code minimumAge}.
     */
    public GarbageCollection collectGarbage(ArtifactStore artifacts, @Nullable Integer keep, Duration minimumAge) {
        int checks = keep == null ? 0 : write(c -> Retention.keepLatestEverywhere(c, keep));
        List<String> kept = write(Retention::removeUnreferenced);
        java.util.Set<String> referenced = new java.util.HashSet<>(kept);
        referenced.addAll(DataSnapshots.referenced(read(DataSnapshots::kept), artifacts));
        List<String> removed = artifacts.removeAllExcept(referenced, minimumAge);
        return new GarbageCollection(checks, removed, artifacts.countUnreferenced(referenced), minimumAge);
    }

    /**
     * Restores every data source that run {@code id} kept to {@code target}, each at its name as configured: see
     * {@link DataSnapshots#restore}.
     *
     * @throws StoreException when there is no such run, or an artifact it kept is missing or damaged
     */
    public DataSnapshots.Restored restoreData(String id, ArtifactStore artifacts, Path target) {
        return DataSnapshots.restore(run(id), artifacts, target);
    }

    /** Every artifact the artifact store keeps by this store's account, with the runs and steps whose outputs it is. */
    public List<KeptArtifact> keptArtifacts() {
        return read(ArtifactReferences::kept);
    }

    /**
     * As {@link #keptArtifacts()}, with the files that kept directory snapshots' listings in {@code artifacts} name:
     * everything a restore needs. A listing that is missing or damaged names none; it is reported itself.
     */
    public List<KeptArtifact> keptArtifacts(ArtifactStore artifacts) {
        List<KeptArtifact> kept = keptArtifacts();
        return ArtifactReferences.withListedFiles(kept, DataSnapshots.listedFiles(read(DataSnapshots::kept), artifacts));
    }

    /**
     * What SQLite's integrity check finds wrong with the database; empty where it finds nothing, and for PostgreSQL,
     * which checks its pages as it reads them. A database too damaged to be checked is one problem, SQLite's reason.
     */
    public List<String> integrityProblems() {
        try {
            return read(database::integrityProblems);
        } catch (StoreException e) {
            return List.of(String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing is left to write: every transaction was committed or rolled back before.
        }
    }

    /** SQL that runs on the store's connection. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    interface Update {
        void apply(Connection connection) throws SQLException;
    }

    private void update(Update work) {
        write(connection -> {
            work.apply(connection);
            return Boolean.TRUE;
        });
    }

    private synchronized <T> T write(Work<T> work) {
        try {
            connection.setAutoCommit(false);
            T result;
            try {
                database.beginWrite(connection);
                result = work.apply(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollBack(e);
                throw e;
            }
            connection.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw failure("write to", e);
        }
    }

    /**
     * Ends a failed transaction. SQLite may have rolled it back itself (it does on SQLITE_FULL), so that rolling back
     * fails too: such failures are kept beside the first, which says what went wrong, never in its place.
     */
    private void rollBack(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private synchronized <T> T read(Work<T> work) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private StoreException failure(String action, SQLException e) {
        return StoreFailure.of(action, setting, database.shown(), e, "");
    }
}
