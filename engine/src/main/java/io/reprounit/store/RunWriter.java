package io.reprounit.store;

import static io.reprounit.store.TableRows.integer;
import static io.reprounit.store.TableRows.text;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The statements that record checks and runs. Each method runs inside the caller's transaction. */
final class RunWriter {

    static final String INCOMPLETE = "INCOMPLETE";
    static final String COMPLETE = "COMPLETE";

    /**
     * An artifact of the run and where its file is, relative to the store's root, with the file's size and codec; or
     * why it is not kept.
     */
    record StoredArtifact(Artifact artifact, @Nullable String location, @Nullable Long storedSize,
            @Nullable String codec, @Nullable String notKeptReason) {

        static StoredArtifact of(Artifact artifact, Artifact.Kept kept, ArtifactStore artifacts) {
            String location = kept.location();
            if (location == null) {
                return new StoredArtifact(artifact, null, null, null, kept.notKeptReason());
            }
            return new StoredArtifact(artifact, location, artifacts.storedSize(location).orElse(null),
                    ArtifactStore.codec(location), null);
        }
    }

    private RunWriter() {}

    static long startCheck(Connection c, String pipeline, String pipelineClass, String mode, @Nullable Long against,
            Instant started) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO pipelines (name, class_name) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET class_name ="
                        + " excluded.class_name")) {
            insert.setString(1, pipeline);
            insert.setString(2, pipelineClass);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO checks (pipeline_id, mode, started, status,"
                + " against_check, host) SELECT id, ?, ?, ?, ?, ? FROM pipelines WHERE name = ?",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, mode);
            insert.setLong(2, started.toEpochMilli());
            insert.setString(3, INCOMPLETE);
            if (against == null) {
                insert.setNull(4, Types.INTEGER);
            } else {
                insert.setLong(4, against);
            }
            setNullable(insert, 5, Host.NAME);
            insert.setString(6, pipeline);
            insert.executeUpdate();
            return generatedKey(insert);
        }
    }

    static long startRun(Connection c, long checkId, int number, String mode, String configText, Instant started)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO runs (check_id, number, mode, started, status,"
                + " config_text) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, checkId);
            insert.setInt(2, number);
            insert.setString(3, mode);
            insert.setLong(4, started.toEpochMilli());
            insert.setString(5, INCOMPLETE);
            insert.setString(6, configText);
            insert.executeUpdate();
            return generatedKey(insert);
        }
    }

    /**
     * Where each output is kept: most were streamed into the store as they were digested; the others are written
     * now, outside any transaction, so that the transaction that names them stays short.
     */
    static List<StoredArtifact> storeArtifacts(RecordedRun run, ArtifactStore artifacts) {
        Map<String, StoredArtifact> byDigest = new HashMap<>();
        for (RecordedStep step : run.steps()) {
            Artifact output = step.output();
            if (output != null && !byDigest.containsKey(output.digest())) {
                byDigest.put(output.digest(), StoredArtifact.of(output, kept(output, artifacts), artifacts));
            }
        }
        return new ArrayList<>(byDigest.values());
    }

    private static Artifact.Kept kept(Artifact output, ArtifactStore artifacts) {
        Artifact.Kept kept = output.kept();
        ArtifactStore keptIn = kept.store();
        if (kept.location() != null && keptIn != null) {
            return keptIn.root().equals(artifacts.root()) ? kept
                    : artifacts.copy(keptIn, output.digest(), output.size()); // kept by a store of another directory
        }
        return kept.notKeptReason() != null ? kept : artifacts.keep(output); // an output materialized without a store
    }

    /**
     * Writes a run's steps, outputs and fingerprints and marks it complete. Where {@code arrays} (PostgreSQL), each
     * table's rows go in one statement over arrays ({@link TableRows}), and fingerprint parts without asking first which
     * fingerprints are stored: {@code ON CONFLICT DO NOTHING} leaves out the same rows as that lookup would.
     */
    static void completeRun(Connection c, long runId, RecordedRun run, List<StoredArtifact> artifacts, boolean arrays)
            throws SQLException {
        Parts parts = new Parts(arrays);
        String runFingerprint = parts.add(run.fingerprint());
        try (PreparedStatement update = c.prepareStatement("UPDATE runs SET finished = ?, status = ?, commit_id = ?,"
                + " fingerprint = ? WHERE id = ? AND status = ?")) {
            update.setLong(1, run.finished().toEpochMilli());
            update.setString(2, COMPLETE);
            setNullable(update, 3, commit(run.fingerprint().parts()));
            update.setString(4, runFingerprint);
            update.setLong(5, runId);
            update.setString(6, INCOMPLETE);
            if (update.executeUpdate() != 1) {
                throw new StoreException("Run " + runId + " is not an incomplete run of this store: it was completed"
                        + " already, or deleted by retention while it ran.");
            }
        }
        // A row that names a file keeps it; one that does not takes this run's file, or its reason. SQLite and
        // PostgreSQL evaluate every expression of the update against the row as it was; PostgreSQL wants its columns
        // named with the table's name, since excluded's have the same names. Each digest comes once (storeArtifacts),
        // as PostgreSQL wants of a statement that may update a row.
        TableRows artifactRows = new TableRows("artifacts", "ON CONFLICT (digest) DO UPDATE SET"
                + " location = coalesce(artifacts.location, excluded.location),"
                + " stored_size = CASE WHEN artifacts.location IS NULL THEN excluded.stored_size"
                + " ELSE artifacts.stored_size END,"
                + " codec = CASE WHEN artifacts.location IS NULL THEN excluded.codec ELSE artifacts.codec END,"
                + " not_kept_reason = CASE WHEN artifacts.location IS NULL THEN excluded.not_kept_reason ELSE NULL END",
                text("digest"), integer("size"), text("media_type"), text("location"), integer("stored_size"),
                text("codec"), text("not_kept_reason"));
        TableRows needed = new TableRows("artifact_parts", "ON CONFLICT DO NOTHING", text("digest"), text("part"));
        for (StoredArtifact stored : artifacts) {
            artifactRows.add(stored.artifact().digest(), stored.artifact().size(), stored.artifact().mediaType(),
                    stored.location(), stored.storedSize(), stored.codec(), stored.notKeptReason());
            for (String part : stored.artifact().parts()) {
                needed.add(stored.artifact().digest(), part);
            }
        }
        artifactRows.write(c, arrays);
        needed.write(c, arrays);
        TableRows steps = new TableRows("step_executions", "", integer("run_id"), text("step"), integer("position"),
                text("status"), integer("duration_nanos"), text("output_digest"), text("problem"), text("fingerprint"),
                text("bytes_digest"), integer("cached_from"));
        TableRows inputs = new TableRows("step_inputs", "", integer("run_id"), text("step"), text("label"),
                text("digest"));
        int position = 0;
        for (RecordedStep step : run.steps()) {
            Artifact output = step.output();
            steps.add(runId, step.step(), position++, step.status().name(), step.duration().toNanos(),
                    output == null ? null : output.digest(), step.problem(), parts.add(step.fingerprint()),
                    output == null ? null : output.bytesDigest(), step.cachedFrom());
            for (Map.Entry<String, String> input : step.inputs().entrySet()) {
                inputs.add(runId, step.step(), input.getKey(), input.getValue());
            }
        }
        steps.write(c, arrays);
        inputs.write(c, arrays);
        writeSnapshots(c, runId, run, arrays);
        parts.write(c);
    }

    private static void writeSnapshots(Connection c, long runId, RecordedRun run, boolean arrays) throws SQLException {
        TableRows snapshots = new TableRows("data_snapshots", "", integer("run_id"), text("step"), text("name"),
                integer("position"), text("kind"), text("digest"), integer("size"), integer("files"),
                text("not_kept_reason"));
        for (RecordedStep step : run.steps()) {
            int position = 0;
            for (DataSnapshot snapshot : step.dataSnapshots()) {
                snapshots.add(runId, step.step(), snapshot.name(), position++, snapshot.kind().label(),
                        snapshot.digest(), snapshot.size(), snapshot.files(), snapshot.notKept());
            }
        }
        snapshots.write(c, arrays);
    }

    /** The commit the run's code came from, marked {@code -dirty} where the working tree had local changes. */
    static @Nullable String commit(List<FingerprintPart> parts) {
        String commit = null;
        boolean dirty = false;
        for (FingerprintPart part : parts) {
            if (part.aspect() == Aspect.CODE && part.name().equals("git.commit")) {
                commit = part.value();
            } else if (part.aspect() == Aspect.CODE && part.name().equals("git.dirty")) {
                dirty = Boolean.parseBoolean(part.value());
            }
        }
        return commit == null ? null : commit + (dirty ? "-dirty" : "");
    }

    private static long generatedKey(PreparedStatement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("The database gave no id for the new row");
            }
            return keys.getLong(1);
        }
    }

    /**
     * The name of the machine this JVM runs on, looked up once and only when a check is recorded (the lookup may ask a
     * name server); the {@code HOSTNAME} variable where the lookup fails; null where neither says.
     */
    static final class Host {
        static final @Nullable String NAME = lookUp();

        private Host() {}

        private static @Nullable String lookUp() {
            try {
                String name = java.net.InetAddress.getLocalHost().getHostName();
                if (name != null && !name.isBlank()) {
                    return name;
                }
            } catch (java.io.IOException | SecurityException e) {
                // fall back to what the shell says
            }
            String variable = System.getenv("HOSTNAME");
            return variable == null || variable.isBlank() ? null : variable.strip();
        }
    }

    static void setNullable(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /**
     * Fingerprint parts, kept once per distinct fingerprint: a fingerprint is named by the digest of all its parts, and
     * the parts of a fingerprint already in the store are not written again. In SQLite, which are stored is asked for
     * all of a run's fingerprints at once, in a few statements, not one per step; PostgreSQL is sent every part, and
     * its {@code ON CONFLICT DO NOTHING} passes over those stored already, as cheaply as it would answer the lookup.
     */
    private static final class Parts {
        /** Fingerprints per lookup: well under SQLite's limit of bound parameters per statement. */
        private static final int LOOKUP = 500;

        private final boolean arrays;
        private final Map<String, Fingerprint> added = new java.util.LinkedHashMap<>();

        Parts(boolean arrays) {
            this.arrays = arrays;
        }

        String add(Fingerprint fingerprint) {
            String digest = fingerprint.digest();
            added.putIfAbsent(digest, fingerprint);
            return digest;
        }

        private Set<String> stored(Connection c, List<String> fingerprints) throws SQLException {
            Set<String> stored = new java.util.HashSet<>();
            for (int from = 0; from < fingerprints.size(); from += LOOKUP) {
                List<String> chunk = fingerprints.subList(from, Math.min(fingerprints.size(), from + LOOKUP));
                try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT fingerprint FROM fingerprint_parts"
                        + " WHERE fingerprint IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                        + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            stored.add(row.getString(1));
                        }
                    }
                }
            }
            return stored;
        }

        void write(Connection c) throws SQLException {
            Set<String> stored = arrays ? Set.of() : stored(c, new ArrayList<>(added.keySet()));
            TableRows rows = new TableRows("fingerprint_parts", "ON CONFLICT DO NOTHING", text("fingerprint"),
                    text("kind"), text("name"), text("value"), text("digest"));
            for (Map.Entry<String, Fingerprint> fingerprint : added.entrySet()) {
                if (stored.contains(fingerprint.getKey())) {
                    continue;
                }
                for (FingerprintPart part : fingerprint.getValue().parts()) {
                    rows.add(fingerprint.getKey(), part.aspect().label(), part.name(), part.value(), part.digest());
                }
            }
            rows.write(c, arrays);
        }
    }
}
