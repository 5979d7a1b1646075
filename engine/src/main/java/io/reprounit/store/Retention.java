package io.reprounit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeping the latest checks of each pipeline and forgetting the rest. A check still INCOMPLETE is spared for a day, since
 * another process may be running it right now; after that it is a run that died, and goes like any other.
 */
final class Retention {

    private static final Duration RUNNING_AT_MOST = Duration.ofDays(1);

    private Retention() {}

    static int keepLatest(Connection c, String pipeline, int keep) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM checks WHERE pipeline_id = (SELECT id FROM"
                + " pipelines WHERE name = ?) AND id < coalesce((SELECT id FROM checks WHERE pipeline_id = (SELECT id"
                + " FROM pipelines WHERE name = ?) ORDER BY id DESC LIMIT 1 OFFSET ?), -1)"
                + " AND (status <> 'INCOMPLETE' OR started < ?)")) {
            delete.setString(1, pipeline);
            delete.setString(2, pipeline);
            delete.setInt(3, Math.max(0, keep - 1));
            delete.setLong(4, System.currentTimeMillis() - RUNNING_AT_MOST.toMillis());
            return delete.executeUpdate();
        }
    }

    static int keepLatestEverywhere(Connection c, int keep) throws SQLException {
        List<String> pipelines = new ArrayList<>();
        try (Statement select = c.createStatement(); ResultSet names = select.executeQuery("SELECT name FROM pipelines")) {
            while (names.next()) {
                pipelines.add(names.getString(1));
            }
        }
        int deleted = 0;
        for (String pipeline : pipelines) {
            deleted += keepLatest(c, pipeline, keep);
        }
        return deleted;
    }

    /**
     * Deletes fingerprint parts and artifact rows that no run refers to; returns the digests of the artifacts kept and
     * of the artifacts they need.
     */
    static List<String> removeUnreferenced(Connection c) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.executeUpdate("DELETE FROM fingerprint_parts WHERE fingerprint NOT IN (SELECT fingerprint FROM"
                    + " runs WHERE fingerprint IS NOT NULL UNION SELECT fingerprint FROM step_executions)");
            statement.executeUpdate("DELETE FROM artifacts WHERE digest NOT IN (SELECT output_digest FROM"
                    + " step_executions WHERE output_digest IS NOT NULL)");
            statement.executeUpdate("DELETE FROM artifact_parts WHERE digest NOT IN (SELECT digest FROM artifacts)");
            List<String> kept = new ArrayList<>();
            // Each kept artifact, the parts it needs, and every output's exact-bytes digest, under which a
            // materializer's serialized form may be kept (runs recorded before artifact_parts have no rows for it).
            try (ResultSet digests = statement.executeQuery("SELECT digest FROM artifacts UNION SELECT part FROM"
                    + " artifact_parts UNION SELECT bytes_digest FROM step_executions WHERE bytes_digest IS NOT NULL")) {
                while (digests.next()) {
                    kept.add(digests.getString(1));
                }
            }
            return kept;
        }
    }
}
