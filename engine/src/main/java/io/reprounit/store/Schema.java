package io.reprounit.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables, as a list of migrations: version n of the schema is what the first n migrations build. A store
 * is migrated when it is opened, inside one write transaction, so that concurrent processes opening an old store
 * migrate it once and a failed migration leaves it as it was. The migrations are written in SQLite's SQL;
 * {@link PostgresDatabase} translates the few words PostgreSQL spells otherwise. In SQLite the version is
 * {@code user_version} and the {@code application_id} marks the file as ours, so that a database of something else is
 * never written into; PostgreSQL keeps both in a table of their own.
 */
final class Schema {

    /** "RPRU": tells a ReproUnit store from another SQLite database. */
    static final int APPLICATION_ID = 0x52505255;

    static final List<String> MIGRATIONS = List.of(
            // 1: pipelines, checks and their runs, step executions with their inputs, artifacts, verdicts, and fingerprint
            // parts owned by the digest of their whole fingerprint, so that the parts runs share are kept once.
            """
            CREATE TABLE pipelines (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                class_name TEXT NOT NULL);
            CREATE TABLE checks (
                id INTEGER PRIMARY KEY,
                pipeline_id INTEGER NOT NULL REFERENCES pipelines (id),
                mode TEXT NOT NULL,
                started INTEGER NOT NULL,
                finished INTEGER,
                status TEXT NOT NULL,
                commit_id TEXT,
                culprit TEXT);
            CREATE INDEX checks_by_pipeline ON checks (pipeline_id, id);
            CREATE TABLE fingerprint_parts (
                fingerprint TEXT NOT NULL,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                value TEXT NOT NULL,
                digest TEXT NOT NULL,
                PRIMARY KEY (fingerprint, kind, name)) WITHOUT ROWID;
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY,
                check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                mode TEXT NOT NULL,
                started INTEGER NOT NULL,
                finished INTEGER,
                status TEXT NOT NULL,
                commit_id TEXT,
                config_text TEXT,
                fingerprint TEXT,
                UNIQUE (check_id, number));
            CREATE TABLE artifacts (
                digest TEXT PRIMARY KEY,
                size INTEGER NOT NULL,
                media_type TEXT NOT NULL,
                location TEXT) WITHOUT ROWID;
            CREATE TABLE step_executions (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                step TEXT NOT NULL,
                position INTEGER NOT NULL,
                status TEXT NOT NULL,
                duration_nanos INTEGER NOT NULL,
                output_digest TEXT,
                problem TEXT,
                fingerprint TEXT NOT NULL,
                PRIMARY KEY (run_id, step)) WITHOUT ROWID;
            CREATE TABLE step_inputs (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                step TEXT NOT NULL,
                label TEXT NOT NULL,
                digest TEXT NOT NULL,
                PRIMARY KEY (run_id, step, label)) WITHOUT ROWID;
            CREATE TABLE verdicts (
                check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
                step TEXT NOT NULL,
                position INTEGER NOT NULL,
                verdict TEXT NOT NULL,
                explanation TEXT NOT NULL,
                culprits TEXT NOT NULL,
                output_digest TEXT,
                PRIMARY KEY (check_id, step)) WITHOUT ROWID;
            """,
            // 2: history events, so that `history` reads the few checks where a step changed instead of every check.
            """
            ALTER TABLE verdicts ADD COLUMN pipeline_id INTEGER;
            ALTER TABLE verdicts ADD COLUMN event TEXT;
            UPDATE verdicts SET pipeline_id = (SELECT pipeline_id FROM checks WHERE checks.id = verdicts.check_id);
            UPDATE verdicts SET event = (
                SELECT CASE
                    WHEN e.previous_verdict IS NULL THEN 'first recorded'
                    WHEN e.verdict <> e.previous_verdict THEN replace(lower(e.verdict), '_', ' ')
                    WHEN e.verdict = 'REPRODUCED' AND e.output_digest IS NOT e.previous_digest THEN 'output changed'
                    END
                FROM (SELECT check_id, step, verdict, output_digest,
                        lag(verdict) OVER w AS previous_verdict, lag(output_digest) OVER w AS previous_digest
                      FROM verdicts WINDOW w AS (PARTITION BY pipeline_id, step ORDER BY check_id)) e
                WHERE e.check_id = verdicts.check_id AND e.step = verdicts.step);
            CREATE INDEX verdicts_by_step ON verdicts (pipeline_id, step, check_id);
            CREATE INDEX verdict_events ON verdicts (pipeline_id, check_id) WHERE event IS NOT NULL;
            CREATE INDEX verdict_step_events ON verdicts (pipeline_id, step, check_id) WHERE event IS NOT NULL;
            """,
            // 3: the digest of each output's exact bytes beside its semantic digest, so that a change in the bytes alone
            // is visible. Not on artifacts: they are named by their semantic digest, and executions with the same one may
            // have different bytes. Rows of older stores keep NULL, read as "not recorded": before normalizers, a
            // materializer such as Tribuo's already digested a model by what it computes, so copying the semantic digest
            // over would claim bytes that were never seen. No history event changes, since none can be computed from NULL.
            // A verdict's bytes_digest is that of its check's first run, or 'varies' where the check's runs disagree.
            """
            ALTER TABLE step_executions ADD COLUMN bytes_digest TEXT;
            ALTER TABLE verdicts ADD COLUMN bytes_digest TEXT;
            """,
            // 4: how each artifact is kept, now that every output is streamed into the store: the size of its file and
            // its codec ('raw', or 'zstd' for a location ending in .zst), or why it is not kept (such as
            // reprounit.artifacts.max-size). Files of older stores were all written raw, so their rows say so; an older
            // row without a location gets no reason, since none was recorded.
            """
            ALTER TABLE artifacts ADD COLUMN stored_size INTEGER;
            ALTER TABLE artifacts ADD COLUMN codec TEXT;
            ALTER TABLE artifacts ADD COLUMN not_kept_reason TEXT;
            UPDATE artifacts SET codec = 'raw', stored_size = size WHERE location IS NOT NULL;
            """,
            // 5: data snapshots, what the artifact store kept of each data source a step read: per run and step, the
            // source's name as configured, its kind (file, directory, missing), the digest of its content (a directory's
            // listing), its size and number of files, and why it is not kept, where it is not. Older runs have none.
            // The index serves gc, which keeps every artifact a snapshot refers to.
            """
            CREATE TABLE data_snapshots (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                step TEXT NOT NULL,
                name TEXT NOT NULL,
                position INTEGER NOT NULL,
                kind TEXT NOT NULL,
                digest TEXT,
                size INTEGER NOT NULL,
                files INTEGER NOT NULL,
                not_kept_reason TEXT,
                PRIMARY KEY (run_id, step, name)) WITHOUT ROWID;
            CREATE INDEX data_snapshots_kept ON data_snapshots (digest, kind) WHERE not_kept_reason IS NULL;
            """,
            // 6: the check whose output a step was served from, where the step cache served it instead of running it.
            // Older rows keep NULL: every step of them ran.
            """
            ALTER TABLE step_executions ADD COLUMN cached_from INTEGER;
            """,
            // 7: the recorded check that a check was compared with (reprounit.against), NULL for a check against runs
            // and a baseline file; and the fingerprint parts that differed from it, in the portable form they were
            // compared in (so that a checkout elsewhere does not make every data path differ): the run's with step '',
            // each step's own under its name.
            """
            ALTER TABLE checks ADD COLUMN against_check INTEGER;
            CREATE INDEX checks_against ON checks (against_check) WHERE against_check IS NOT NULL;
            CREATE TABLE against_parts (
                check_id INTEGER NOT NULL REFERENCES checks (id) ON DELETE CASCADE,
                step TEXT NOT NULL,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                recorded_value TEXT,
                recorded_digest TEXT,
                now_value TEXT,
                now_digest TEXT,
                PRIMARY KEY (check_id, step, kind, name)) WITHOUT ROWID;
            """,
            // 8: the other artifacts an artifact needs, which gc keeps while it keeps the artifact: a directory output's
            // files (its listing names them) and a materializer's serialized form (a Tribuo model, read back from it).
            // Directory outputs of older runs have no rows: gc keeps what they name only as long as another row does.
            """
            CREATE TABLE artifact_parts (
                digest TEXT NOT NULL,
                part TEXT NOT NULL,
                PRIMARY KEY (digest, part)) WITHOUT ROWID;
            """,
            // 9: the host that ran each check, now that a team's checks from many machines meet in one store; NULL for
            // older checks, whose host was not recorded. The index finds a pipeline's latest verdicts, which `history`
            // reads on every call, without visiting each step's (100,000 checks in PostgreSQL: see docs/team-store.md).
            """
            ALTER TABLE checks ADD COLUMN host TEXT;
            CREATE INDEX verdicts_by_check ON verdicts (pipeline_id, check_id);
            """);

    static final int LATEST = MIGRATIONS.size();

    private Schema() {}

    static int version(Connection connection) throws SQLException {
        return pragma(connection, "user_version");
    }

    /** The statements of migration {@code version}, in SQLite's SQL. */
    static List<String> statements(int version) {
        return java.util.Arrays.stream(MIGRATIONS.get(version - 1).split(";\\s*\n")).filter(sql -> !sql.isBlank())
                .toList();
    }

    /** Applies migrations {@code from + 1} up to {@code to} to a SQLite store, in the caller's transaction. */
    static void migrate(Connection connection, int from, int to) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int version = from + 1; version <= to; version++) {
                for (String sql : statements(version)) {
                    statement.execute(sql);
                }
            }
            statement.execute("PRAGMA application_id = " + APPLICATION_ID);
            statement.execute("PRAGMA user_version = " + to);
        }
    }

    private static int pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA " + name)) {
            return result.next() ? result.getInt(1) : 0;
        }
    }
}
