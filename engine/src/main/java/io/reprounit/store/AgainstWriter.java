package io.reprounit.store;

import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.FingerprintPart;
import io.reprounit.fingerprint.PartChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Writes and reads the parts that differed in a check made against a recorded one ({@code against_parts}). */
final class AgainstWriter {

    /** The step name under which the run's own parts are kept. */
    private static final String RUN = "";

    private AgainstWriter() {}

    static void write(Connection c, long checkId, DifferingParts parts) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO against_parts (check_id, step, kind, name,"
                + " recorded_value, recorded_digest, now_value, now_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            add(insert, checkId, RUN, parts.run());
            for (Map.Entry<String, List<PartChange>> step : parts.steps().entrySet()) {
                add(insert, checkId, step.getKey(), step.getValue());
            }
            insert.executeBatch();
        }
    }

    private static void add(PreparedStatement insert, long checkId, String step, List<PartChange> changes)
            throws SQLException {
        for (PartChange change : changes) {
            insert.setLong(1, checkId);
            insert.setString(2, step);
            insert.setString(3, change.aspect().label());
            insert.setString(4, change.name());
            FingerprintPart before = change.before();
            FingerprintPart after = change.after();
            RunWriter.setNullable(insert, 5, before == null ? null : before.value());
            RunWriter.setNullable(insert, 6, before == null ? null : before.digest());
            RunWriter.setNullable(insert, 7, after == null ? null : after.value());
            RunWriter.setNullable(insert, 8, after == null ? null : after.digest());
            insert.addBatch();
        }
    }

    static DifferingParts read(Connection c, long checkId) throws SQLException {
        List<PartChange> run = new ArrayList<>();
        Map<String, List<PartChange>> steps = new TreeMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT step, kind, name, recorded_value, recorded_digest,"
                + " now_value, now_digest FROM against_parts WHERE check_id = ? ORDER BY step, kind, name")) {
            select.setLong(1, checkId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Aspect aspect = Aspect.valueOf(row.getString(2).toUpperCase(Locale.ROOT));
                    String name = row.getString(3);
                    PartChange change = new PartChange(part(aspect, name, row.getString(4), row.getString(5)),
                            part(aspect, name, row.getString(6), row.getString(7)));
                    String step = row.getString(1);
                    (step.equals(RUN) ? run : steps.computeIfAbsent(step, s -> new ArrayList<>())).add(change);
                }
            }
        }
        return new DifferingParts(run, steps);
    }

    private static @Nullable FingerprintPart part(Aspect aspect, String name, @Nullable String value,
            @Nullable String digest) {
        return value == null || digest == null ? null : new FingerprintPart(aspect, name, value, digest);
    }
}
