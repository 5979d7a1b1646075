package io.reprounit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes a check's verdicts and outcome. Each verdict is compared with the step's verdict in the pipeline's previous
 * check, and where they differ the change is written as the verdict's history event, so that {@code history} reads a
 * handful of events instead of every check ever recorded. Writers take turns under the write lock, so "previous" is
 * well defined even with several processes at once.
 */
final class VerdictWriter {

    /**
     * The bytes digest a verdict records where the runs of its check gave different exact bytes: not a digest, since
     * there is no one digest to record; each run's is in its step execution.
     */
    static final String BYTES_VARY = "varies";

    private static final String PREVIOUS = "SELECT verdict, output_digest, bytes_digest FROM verdicts"
            + " WHERE pipeline_id = ? AND step = ? AND check_id < ? ORDER BY check_id DESC LIMIT 1";
    /** Every verdict of the pipeline's latest check before this one: one query where a step-by-step one would be n. */
    private static final String LATEST_BEFORE = "SELECT step, verdict, output_digest, bytes_digest FROM verdicts"
            + " WHERE pipeline_id = ? AND check_id = (SELECT max(check_id) FROM verdicts WHERE pipeline_id = ?"
            + " AND check_id < ?)";
    private static final String INSERT = "INSERT INTO verdicts (check_id, step, position, verdict, explanation,"
            + " culprits, output_digest, pipeline_id, event, bytes_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private VerdictWriter() {}

    static void finishCheck(Connection c, long checkId, List<RecordedVerdict> verdicts, boolean failedAsAWhole,
            Instant finished) throws SQLException {
        long pipelineId = pipelineOf(c, checkId);
        Map<String, Output> outputs = outputs(c, checkId);
        Map<String, Previous> latest = latestBefore(c, pipelineId, checkId);
        try (PreparedStatement previous = c.prepareStatement(PREVIOUS);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            int position = 0;
            for (RecordedVerdict verdict : verdicts) {
                Output output = outputs.getOrDefault(verdict.step(), Output.NONE);
                Previous before = latest.get(verdict.step());
                String event = before != null ? event(before.output(), before.verdict(), output, verdict.verdict())
                        : eventSincePrevious(previous, pipelineId, verdict.step(), checkId, output, verdict.verdict());
                insert.setLong(1, checkId);
                insert.setString(2, verdict.step());
                insert.setInt(3, position++);
                insert.setString(4, verdict.verdict());
                insert.setString(5, verdict.explanation());
                insert.setString(6, String.join(",", verdict.culprits()));
                RunWriter.setNullable(insert, 7, output.digest());
                insert.setLong(8, pipelineId);
                RunWriter.setNullable(insert, 9, event);
                RunWriter.setNullable(insert, 10, output.bytes());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE checks SET finished = ?, status = ?, culprit = ?,"
                + " commit_id = (SELECT commit_id FROM runs WHERE check_id = checks.id ORDER BY number LIMIT 1)"
                + " WHERE id = ?")) {
            RecordedVerdict worst = worst(verdicts);
            update.setLong(1, finished.toEpochMilli());
            // A check that failed as a whole with every step reproduced (no baseline on CI) did not reproduce.
            update.setString(2, worst != null ? worst.verdict()
                    : failedAsAWhole ? RecordedVerdict.FAILED : RecordedVerdict.REPRODUCED);
            RunWriter.setNullable(update, 3, worst == null ? null
                    : worst.culprits().isEmpty() ? worst.step() : worst.culprits().get(0));
            update.setLong(4, checkId);
            update.executeUpdate();
        }
    }

    /**
     * Records that the JVM exited in the middle of check {@code checkId} (a step called {@code System.exit}, or a
     * signal): the check stays INCOMPLETE, with the time it ended and, where {@code step} was running, that step as its
     * culprit and a FAILED verdict with {@code explanation}, as a forked run that exits records it. Nothing where the
     * check is no longer INCOMPLETE.
     */
    static void exited(Connection c, long checkId, @Nullable String step, String explanation, Instant exited)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE checks SET finished = ?, culprit = coalesce(?, culprit)"
                + " WHERE id = ? AND status = ?")) {
            update.setLong(1, exited.toEpochMilli());
            RunWriter.setNullable(update, 2, step);
            update.setLong(3, checkId);
            update.setString(4, RunWriter.INCOMPLETE);
            if (update.executeUpdate() == 0 || step == null) {
                return;
            }
        }
        long pipelineId = pipelineOf(c, checkId);
        try (PreparedStatement previous = c.prepareStatement(PREVIOUS);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            String failed = RecordedVerdict.FAILED;
            insert.setLong(1, checkId);
            insert.setString(2, step);
            insert.setInt(3, 0);
            insert.setString(4, failed);
            insert.setString(5, explanation);
            insert.setString(6, step);
            RunWriter.setNullable(insert, 7, null);
            insert.setLong(8, pipelineId);
            RunWriter.setNullable(insert, 9, eventSincePrevious(previous, pipelineId, step, checkId, Output.NONE, failed));
            RunWriter.setNullable(insert, 10, null);
            insert.executeUpdate();
        }
    }

    /** A step's verdict and output in an earlier check. */
    private record Previous(String verdict, Output output) {}

    /** The verdicts of the pipeline's latest check before {@code checkId}, by step; a step it lacks is asked alone. */
    private static Map<String, Previous> latestBefore(Connection c, long pipelineId, long checkId) throws SQLException {
        Map<String, Previous> latest = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(LATEST_BEFORE)) {
            select.setLong(1, pipelineId);
            select.setLong(2, pipelineId);
            select.setLong(3, checkId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    latest.put(row.getString(1), new Previous(row.getString(2), new Output(row.getString(3),
                            row.getString(4))));
                }
            }
        }
        return latest;
    }

    /** The history event of {@code step}'s verdict in check {@code checkId}, against the pipeline's previous check. */
    private static @Nullable String eventSincePrevious(PreparedStatement previous, long pipelineId, String step,
            long checkId, Output output, String verdict) throws SQLException {
        previous.setLong(1, pipelineId);
        previous.setString(2, step);
        previous.setLong(3, checkId);
        try (ResultSet before = previous.executeQuery()) {
            return before.next()
                    ? event(new Output(before.getString(2), before.getString(3)), before.getString(1), output, verdict)
                    : "first recorded";
        }
    }

    /**
     * A step's output in a check as history follows it: the semantic digest of the first run's output, and the digest
     * of its exact bytes, {@link #BYTES_VARY} where the check's runs disagree on them, or null where they were not
     * recorded (stores older than schema version 3).
     */
    record Output(@Nullable String digest, @Nullable String bytes) {
        static final Output NONE = new Output(null, null);
    }

    /**
     * What changed for a step since the previous check, or null where nothing did. A change of verdict comes first, then
     * of the semantic output, then of the exact bytes alone, which {@code history} shows so that it is seen without
     * failing anything. Bytes that differ between the runs of every check (a timestamp that a normalizer leaves out)
     * make one "bytes vary" event where they start to, not one event per check, which would bury the others. Where
     * either side's bytes were not recorded, nothing is said about them; so for the stores that the backfill in
     * {@link Schema}'s second migration reads, which hold no bytes digests, this is the same rule: keep them in step.
     */
    static @Nullable String event(Output previous, String previousVerdict, Output now, String verdict) {
        if (!verdict.equals(previousVerdict)) {
            return verdict.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        if (!verdict.equals(RecordedVerdict.REPRODUCED)) {
            return null;
        }
        if (!java.util.Objects.equals(now.digest(), previous.digest())) {
            return "output changed";
        }
        if (now.bytes() == null || previous.bytes() == null || now.bytes().equals(previous.bytes())) {
            return null;
        }
        return now.bytes().equals(BYTES_VARY) ? "bytes vary" : "bytes changed";
    }

    private static @Nullable RecordedVerdict worst(List<RecordedVerdict> verdicts) {
        for (String outcome : RecordedVerdict.OUTCOMES) {
            for (RecordedVerdict verdict : verdicts) {
                if (verdict.verdict().equals(outcome)) {
                    return verdict;
                }
            }
        }
        return null;
    }

    /**
     * Each step's output in the check's first run, as recorded: what history follows over time; with its bytes digest,
     * or {@link #BYTES_VARY} where a later run's bytes differ.
     */
    private static Map<String, Output> outputs(Connection c, long checkId) throws SQLException {
        Map<String, Output> outputs = new HashMap<>();
        Map<String, Set<String>> bytes = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT s.step, s.output_digest, s.bytes_digest, r.number"
                + " FROM step_executions s JOIN runs r ON r.id = s.run_id WHERE r.check_id = ?")) {
            select.setLong(1, checkId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String step = row.getString(1);
                    String exact = row.getString(3);
                    if (row.getInt(4) == 1) {
                        outputs.put(step, new Output(row.getString(2), exact));
                    }
                    if (exact != null) {
                        bytes.computeIfAbsent(step, s -> new HashSet<>()).add(exact);
                    }
                }
            }
        }
        outputs.replaceAll((step, output) -> output.bytes() != null && bytes.getOrDefault(step, Set.of()).size() > 1
                ? new Output(output.digest(), BYTES_VARY) : output);
        return outputs;
    }

    private static long pipelineOf(Connection c, long checkId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT pipeline_id FROM checks WHERE id = ?")) {
            select.setLong(1, checkId);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    throw new StoreException("Check " + checkId + " is not in this store: it may have been deleted by"
                            + " retention while it ran.");
                }
                return result.getLong(1);
            }
        }
    }
}
