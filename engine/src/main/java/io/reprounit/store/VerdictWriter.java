package io.reprounit.store;

import io.reprounit.compare.StepVerdict;
import io.reprounit.compare.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a check's verdicts and outcome. Each verdict is compared with the step's verdict in the pipeline's previous
 * check, and where they differ the change is written as the verdict's history event, so that {@code history} reads a
 * handful of events instead of every check ever recorded. Writers take turns under the write lock, so "previous" is
 * well defined even with several processes at once.
 */
final class VerdictWriter {

    /** In order of precedence: the check's outcome is the first of these that a step got. */
    private static final List<Verdict> OUTCOMES = List.of(Verdict.DIVERGED, Verdict.FAILED, Verdict.CHANGED,
            Verdict.TAINTED, Verdict.NOT_RUN);

    private VerdictWriter() {}

    static void finishCheck(Connection c, long checkId, List<StepVerdict> verdicts, Instant finished)
            throws SQLException {
        long pipelineId = pipelineOf(c, checkId);
        Map<String, String> outputs = firstRunOutputs(c, checkId);
        try (PreparedStatement previous = c.prepareStatement("SELECT verdict, output_digest FROM verdicts"
                        + " WHERE pipeline_id = ? AND step = ? AND check_id < ? ORDER BY check_id DESC LIMIT 1");
                PreparedStatement insert = c.prepareStatement("INSERT INTO verdicts (check_id, step, position, verdict,"
                        + " explanation, culprits, output_digest, pipeline_id, event)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (StepVerdict verdict : verdicts) {
                String output = outputs.get(verdict.step());
                previous.setLong(1, pipelineId);
                previous.setString(2, verdict.step());
                previous.setLong(3, checkId);
                String event;
                try (ResultSet before = previous.executeQuery()) {
                    event = before.next()
                            ? event(before.getString(1), before.getString(2), verdict.verdict().name(), output)
                            : "first recorded";
                }
                insert.setLong(1, checkId);
                insert.setString(2, verdict.step());
                insert.setInt(3, position++);
                insert.setString(4, verdict.verdict().name());
                insert.setString(5, verdict.explanation());
                insert.setString(6, String.join(",", verdict.culprits()));
                RunWriter.setNullable(insert, 7, output);
                insert.setLong(8, pipelineId);
                RunWriter.setNullable(insert, 9, event);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE checks SET finished = ?, status = ?, culprit = ?,"
                + " commit_id = (SELECT commit_id FROM runs WHERE check_id = checks.id ORDER BY number LIMIT 1)"
                + " WHERE id = ?")) {
            StepVerdict worst = worst(verdicts);
            update.setLong(1, finished.toEpochMilli());
            update.setString(2, worst == null ? Verdict.REPRODUCED.name() : worst.verdict().name());
            RunWriter.setNullable(update, 3, worst == null ? null
                    : worst.culprits().isEmpty() ? worst.step() : worst.culprits().get(0));
            update.setLong(4, checkId);
            update.executeUpdate();
        }
    }

    /**
     * What changed for a step since the previous check, or null where nothing did. The same rule as the backfill in
     * {@link Schema}'s second migration: keep them in step.
     */
    static @Nullable String event(String previousVerdict, @Nullable String previousOutput, String verdict,
            @Nullable String output) {
        if (!verdict.equals(previousVerdict)) {
            return verdict.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        if (verdict.equals(Verdict.REPRODUCED.name()) && !java.util.Objects.equals(output, previousOutput)) {
            return "output changed";
        }
        return null;
    }

    private static @Nullable StepVerdict worst(List<StepVerdict> verdicts) {
        for (Verdict outcome : OUTCOMES) {
            for (StepVerdict verdict : verdicts) {
                if (verdict.verdict() == outcome) {
                    return verdict;
                }
            }
        }
        return null;
    }

    /** The output of each step in the check's first run, as recorded: what history follows over time. */
    private static Map<String, String> firstRunOutputs(Connection c, long checkId) throws SQLException {
        Map<String, String> outputs = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT s.step, s.output_digest FROM step_executions s"
                + " JOIN runs r ON r.id = s.run_id WHERE r.check_id = ? AND r.number = 1")) {
            select.setLong(1, checkId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    outputs.put(row.getString(1), row.getString(2));
                }
            }
        }
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
