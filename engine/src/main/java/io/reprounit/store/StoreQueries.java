package io.reprounit.store;

import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The queries behind the command line. Each reads through an index; none reads every check. */
final class StoreQueries {

    private static final String PIPELINE = "SELECT id, name FROM pipelines WHERE name = ? OR class_name = ?";

    private StoreQueries() {}

    static List<CheckSummary> checks(Connection c, @Nullable String pipeline, int limit) throws SQLException {
        long pipelineId = pipeline == null ? -1 : pipeline(c, pipeline).id();
        String sql = "SELECT c.id, p.name, c.started, c.finished, c.mode, c.status, c.commit_id, c.culprit,"
                + " (SELECT string_agg(CAST(number AS TEXT), ',') FROM (SELECT number FROM runs WHERE check_id = c.id"
                + " ORDER BY number) AS numbers)"
                + " FROM checks c JOIN pipelines p ON p.id = c.pipeline_id"
                + (pipeline == null ? "" : " WHERE c.pipeline_id = ?") + " ORDER BY c.id DESC LIMIT ?";
        List<CheckSummary> checks = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            int index = 1;
            if (pipeline != null) {
                select.setLong(index++, pipelineId);
            }
            select.setInt(index, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong(1);
                    String numbers = row.getString(9);
                    List<String> runs = numbers == null ? List.of()
                            : java.util.Arrays.stream(numbers.split(",")).map(n -> id + "." + n).toList();
                    checks.add(new CheckSummary(id, row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
                            instant(row, 4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                            runs));
                }
            }
        }
        return checks;
    }

    static History history(Connection c, String pipelineName, @Nullable String step, int limit) throws SQLException {
        Pipeline pipeline = pipeline(c, pipelineName);
        String stepFilter = step == null ? "" : " AND v.step = ?";
        int checks = count(c, "SELECT count(*) FROM checks WHERE pipeline_id = ?", pipeline.id(), null);
        int events = count(c, "SELECT count(*) FROM verdicts v WHERE v.pipeline_id = ? AND v.event IS NOT NULL"
                + stepFilter, pipeline.id(), step);
        List<HistoryEntry> entries = entries(c, "v.pipeline_id = ? AND v.event IS NOT NULL" + stepFilter
                + " ORDER BY v.check_id DESC, v.position DESC LIMIT " + limit, pipeline.id(), step, null);
        Collections.reverse(entries);
        Set<String> shownAtLatest = new HashSet<>();
        List<HistoryEntry> latest = entries(c, "v.check_id = (SELECT max(check_id) FROM verdicts WHERE pipeline_id = ?)"
                + stepFilter + " ORDER BY v.position", pipeline.id(), step, "latest");
        for (HistoryEntry entry : entries) {
            if (!latest.isEmpty() && entry.check() == latest.get(0).check()) {
                shownAtLatest.add(entry.step());
            }
        }
        List<HistoryEntry> all = new ArrayList<>(entries);
        latest.stream().filter(entry -> !shownAtLatest.contains(entry.step())).forEach(all::add);
        if (step != null && all.isEmpty()) {
            throw new StoreException("Pipeline " + pipeline.name() + " has no recorded step '" + step + "'.");
        }
        return new History(pipeline.name(), checks, Math.max(0, events - entries.size()), all);
    }

    private static List<HistoryEntry> entries(Connection c, String condition, long pipelineId, @Nullable String step,
            @Nullable String event) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT v.check_id, c.started, c.commit_id, v.step,"
                + " v.verdict, v.output_digest, v.bytes_digest, v.event FROM verdicts v JOIN checks c ON c.id = v.check_id"
                + " WHERE "
                + condition)) {
            select.setLong(1, pipelineId);
            if (step != null) {
                select.setString(2, step);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    entries.add(new HistoryEntry(row.getLong(1), row.getLong(1) + ".1",
                            Instant.ofEpochMilli(row.getLong(2)), row.getString(3), row.getString(4), row.getString(5),
                            row.getString(6), row.getString(7), event != null ? event : row.getString(8)));
                }
            }
        }
        return entries;
    }

    static StoredRun run(Connection c, RunId id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT r.id, p.name, r.mode, r.status, r.started,"
                + " r.finished, r.commit_id, r.config_text, r.fingerprint, k.host FROM runs r JOIN checks k ON k.id = r.check_id"
                + " JOIN pipelines p ON p.id = k.pipeline_id WHERE r.check_id = ? AND r.number = ?")) {
            select.setLong(1, id.check());
            select.setInt(2, id.number());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException("There is no run " + id + " in this metadata store; the `runs` command"
                            + " lists the recorded checks and their runs.");
                }
                long runId = row.getLong(1);
                Map<String, Fingerprint> fingerprints = fingerprints(c, runId);
                String runFingerprint = row.getString(9);
                return new StoredRun(id.toString(), row.getString(2), row.getString(3), row.getString(4),
                        Instant.ofEpochMilli(row.getLong(5)), instant(row, 6), row.getString(7), row.getString(10),
                        row.getString(8),
                        runFingerprint == null ? Fingerprint.empty()
                                : fingerprints.getOrDefault(runFingerprint, Fingerprint.empty()),
                        steps(c, runId, id.check(), fingerprints));
            }
        }
    }

    /**
     * Check {@code id} with each of its runs.
     *
     * @throws StoreException when there is no such check
     */
    static StoredCheck check(Connection c, long id) throws SQLException {
        String pipeline;
        String pipelineClass;
        String status;
        Long against;
        try (PreparedStatement select = c.prepareStatement("SELECT p.name, p.class_name, k.status, k.against_check"
                + " FROM checks k JOIN pipelines p ON p.id = k.pipeline_id WHERE k.id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new StoreException("There is no check " + id + " in this metadata store; the `runs` command"
                            + " lists the recorded checks.");
                }
                pipeline = row.getString(1);
                pipelineClass = row.getString(2);
                status = row.getString(3);
                against = nullableLong(row, 4);
            }
        }
        List<StoredRun> runs = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT number FROM runs WHERE check_id = ? ORDER BY number")) {
            select.setLong(1, id);
            List<Integer> numbers = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    numbers.add(row.getInt(1));
                }
            }
            for (int number : numbers) {
                runs.add(run(c, new RunId(id, number)));
            }
        }
        return new StoredCheck(id, pipeline, pipelineClass, status, against, runs);
    }

    /** The checks made against check {@code recorded} ({@code reprounit.against}), oldest first. */
    static List<Long> checksAgainst(Connection c, long recorded) throws SQLException {
        List<Long> checks = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM checks WHERE against_check = ? ORDER BY id")) {
            select.setLong(1, recorded);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    checks.add(row.getLong(1));
                }
            }
        }
        return checks;
    }

    private static List<StoredStep> steps(Connection c, long runId, long checkId, Map<String, Fingerprint> fingerprints)
            throws SQLException {
        Map<String, Map<String, String>> inputs = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT step, label, digest FROM step_inputs WHERE run_id = ?")) {
            select.setLong(1, runId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    inputs.computeIfAbsent(row.getString(1), s -> new HashMap<>()).put(row.getString(2),
                            row.getString(3));
                }
            }
        }
        Map<String, List<DataSnapshot>> snapshots = DataSnapshots.recorded(c, runId);
        List<StoredStep> steps = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT s.step, s.status, v.verdict, s.duration_nanos,"
                + " s.output_digest, a.size, a.media_type, s.problem, s.fingerprint, s.bytes_digest, a.location, a.codec,"
                + " a.stored_size, a.not_kept_reason, s.cached_from"
                + " FROM step_executions s"
                + " LEFT JOIN artifacts a ON a.digest = s.output_digest"
                + " LEFT JOIN verdicts v ON v.check_id = ? AND v.step = s.step WHERE s.run_id = ? ORDER BY s.position")) {
            select.setLong(1, checkId);
            select.setLong(2, runId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    steps.add(new StoredStep(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                            row.getString(5), row.getString(10), nullableLong(row, 6), row.getString(7),
                            row.getString(8), inputs.getOrDefault(row.getString(1), Map.of()),
                            fingerprints.getOrDefault(row.getString(9), Fingerprint.empty()), row.getString(11),
                            row.getString(12), nullableLong(row, 13), row.getString(14),
                            snapshots.getOrDefault(row.getString(1), List.of()), nullableLong(row, 15)));
                }
            }
        }
        return steps;
    }

    private static Map<String, Fingerprint> fingerprints(Connection c, long runId) throws SQLException {
        Map<String, List<FingerprintPart>> parts = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT fingerprint, kind, name, value, digest FROM"
                + " fingerprint_parts WHERE fingerprint IN (SELECT fingerprint FROM step_executions WHERE run_id = ?"
                + " UNION SELECT fingerprint FROM runs WHERE id = ?)")) {
            select.setLong(1, runId);
            select.setLong(2, runId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    parts.computeIfAbsent(row.getString(1), f -> new ArrayList<>()).add(new FingerprintPart(
                            Aspect.valueOf(row.getString(2).toUpperCase(Locale.ROOT)), row.getString(3),
                            row.getString(4), row.getString(5)));
                }
            }
        }
        Map<String, Fingerprint> fingerprints = new HashMap<>();
        parts.forEach((digest, list) -> fingerprints.put(digest, Fingerprint.of(list)));
        return fingerprints;
    }

    private record Pipeline(long id, String name) {}

    private static Pipeline pipeline(Connection c, String name) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(PIPELINE)) {
            select.setString(1, name);
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return new Pipeline(row.getLong(1), row.getString(2));
                }
            }
        }
        List<String> known = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT name FROM pipelines ORDER BY name");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                known.add(row.getString(1));
            }
        }
        throw new StoreException("No pipeline '" + name + "' has been recorded in this metadata store. "
                + (known.isEmpty() ? "It holds no checks yet." : "Recorded pipelines: " + String.join(", ", known) + "."));
    }

    private static int count(Connection c, String sql, long pipelineId, @Nullable String step) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setLong(1, pipelineId);
            if (step != null) {
                select.setString(2, step);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    private static @Nullable Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
