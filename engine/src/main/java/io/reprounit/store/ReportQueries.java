package io.reprounit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The queries behind the report: a pipeline's latest checks with their verdicts, and where each step's events first
 * happened. Plain SQL that PostgreSQL reads as SQLite does; each reads a range of check ids through an index, so that the
 * cost follows the checks shown, not the checks stored.
 */
final class ReportQueries {

    private ReportQueries() {}

    static List<String> pipelines(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT name FROM pipelines ORDER BY name");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                names.add(row.getString(1));
            }
        }
        return names;
    }

    static int checkCount(Connection c, String pipeline) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM checks k JOIN pipelines p"
                + " ON p.id = k.pipeline_id WHERE p.name = ?")) {
            select.setString(1, pipeline);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /** The latest {@code last} checks of {@code pipeline} (by name), oldest first. */
    static List<RecentCheck> recentChecks(Connection c, String pipeline, int last) throws SQLException {
        record Check(long id, Instant started, @Nullable Instant finished, String mode, String status,
                @Nullable String commit, @Nullable String host) {}
        List<Check> checks = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT k.id, k.started, k.finished, k.mode, k.status,"
                + " k.commit_id, k.host FROM checks k JOIN pipelines p"
                + " ON p.id = k.pipeline_id WHERE p.name = ? ORDER BY k.id DESC LIMIT ?")) {
            select.setString(1, pipeline);
            select.setInt(2, last);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long finished = row.getLong(3);
                    Instant end = row.wasNull() ? null : Instant.ofEpochMilli(finished);
                    checks.add(0, new Check(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)), end,
                            row.getString(4), row.getString(5), row.getString(6), row.getString(7)));
                }
            }
        }
        if (checks.isEmpty()) {
            return List.of();
        }
        long first = checks.get(0).id();
        long latest = checks.get(checks.size() - 1).id();
        Map<Long, List<Integer>> runs = new HashMap<>();
        Map<Long, String> jdks = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT r.check_id, r.number, f.value FROM runs r"
                + " LEFT JOIN fingerprint_parts f ON f.fingerprint = r.fingerprint AND f.kind = 'environment'"
                + " AND f.name = 'java.version' WHERE r.check_id BETWEEN ? AND ? ORDER BY r.check_id, r.number")) {
            select.setLong(1, first);
            select.setLong(2, latest);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    runs.computeIfAbsent(row.getLong(1), k -> new ArrayList<>()).add(row.getInt(2));
                    if (row.getInt(2) == 1 && row.getString(3) != null) {
                        jdks.put(row.getLong(1), row.getString(3));
                    }
                }
            }
        }
        Map<String, Long> durations = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT r.check_id, s.step, s.duration_nanos FROM runs r"
                + " JOIN step_executions s ON s.run_id = r.id WHERE r.check_id BETWEEN ? AND ? AND r.number = 1")) {
            select.setLong(1, first);
            select.setLong(2, latest);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    durations.put(row.getLong(1) + "/" + row.getString(2), row.getLong(3));
                }
            }
        }
        Map<Long, List<RecentCheck.StepVerdict>> verdicts = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT v.check_id, v.step, v.verdict, v.explanation,"
                + " v.event, v.bytes_digest FROM verdicts v WHERE v.check_id BETWEEN ? AND ?"
                + " ORDER BY v.check_id, v.position")) {
            select.setLong(1, first);
            select.setLong(2, latest);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long check = row.getLong(1);
                    String step = row.getString(2);
                    verdicts.computeIfAbsent(check, k -> new ArrayList<>()).add(new RecentCheck.StepVerdict(step,
                            row.getString(3), row.getString(4), row.getString(5), row.getString(6),
                            durations.get(check + "/" + step)));
                }
            }
        }
        List<RecentCheck> recent = new ArrayList<>();
        for (Check check : checks) {
            recent.add(new RecentCheck(check.id(), check.started(), check.finished(), check.mode(), check.status(),
                    check.commit(), check.host(), jdks.get(check.id()), runs.getOrDefault(check.id(), List.of()),
                    verdicts.getOrDefault(check.id(), List.of())));
        }
        return recent;
    }

    /** For each step of {@code pipeline} and each kind of event it had, the first and latest check where it happened. */
    static List<FirstEvent> firstEvents(Connection c, String pipeline) throws SQLException {
        List<FirstEvent> events = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT e.step, e.event, e.first_check, k.commit_id,"
                + " k.started, f.verdict, e.times, e.latest_check FROM (SELECT v.step, v.event,"
                + " min(v.check_id) AS first_check, count(*) AS times, max(v.check_id) AS latest_check FROM verdicts v"
                + " JOIN pipelines p ON p.id = v.pipeline_id WHERE p.name = ? AND v.event IS NOT NULL"
                + " GROUP BY v.step, v.event) e JOIN checks k ON k.id = e.first_check"
                + " JOIN verdicts f ON f.check_id = e.first_check AND f.step = e.step ORDER BY e.step, e.first_check")) {
            select.setString(1, pipeline);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    events.add(new FirstEvent(row.getString(1), row.getString(2), row.getLong(3), row.getString(4),
                            Instant.ofEpochMilli(row.getLong(5)), row.getString(6), row.getInt(7), row.getLong(8)));
                }
            }
        }
        return events;
    }
}
