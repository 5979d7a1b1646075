package io.reprounit.store;

import io.reprounit.cache.CacheEntry;
import io.reprounit.cache.CacheKey;
import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the step cache of a pipeline's check reads: per step, the latest checks that had it REPRODUCED and every check
 * that had it DIVERGED, each with what the step depended on in the check's first run and the output it gave. Read once
 * per check, in a handful of queries, whatever the number of steps.
 */
final class CacheEntries {

    private static final String LATEST = """
            WITH ranked AS (
                SELECT v.check_id, v.step, v.verdict,
                    row_number() OVER (PARTITION BY v.step, v.verdict ORDER BY v.check_id DESC) AS n
                FROM verdicts v JOIN pipelines p ON p.id = v.pipeline_id
                WHERE p.name = ? AND v.verdict IN ('REPRODUCED', 'DIVERGED'))
            SELECT r.check_id, r.step, r.verdict, u.id, u.fingerprint, s.fingerprint, s.output_digest, s.bytes_digest,
                a.size, a.media_type, a.location
            FROM ranked r
            JOIN runs u ON u.check_id = r.check_id AND u.number = 1
            JOIN step_executions s ON s.run_id = u.id AND s.step = r.step
            LEFT JOIN artifacts a ON a.digest = s.output_digest
            WHERE r.verdict = 'DIVERGED' OR r.n <= ?
            ORDER BY r.check_id DESC""";

    private CacheEntries() {}

    private record Row(long check, String step, boolean reproduced, long run, String runFingerprint,
            String stepFingerprint, CacheEntry.@org.jspecify.annotations.Nullable StoredOutput output) {}

    static Map<String, List<CacheEntry>> of(Connection c, String pipeline, int perStep) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(LATEST)) {
            select.setString(1, pipeline);
            select.setInt(2, perStep);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String digest = row.getString(7);
                    String media = row.getString(10);
                    CacheEntry.StoredOutput output = digest == null || media == null ? null
                            : new CacheEntry.StoredOutput(digest, row.getString(8) == null ? digest : row.getString(8),
                                    row.getLong(9), media, row.getString(11));
                    rows.add(new Row(row.getLong(1), row.getString(2), row.getString(3).equals("REPRODUCED"),
                            row.getLong(4), String.valueOf(row.getString(5)), row.getString(6), output));
                }
            }
        }
        Map<String, Fingerprint> fingerprints = new HashMap<>();
        Map<String, List<CacheEntry>> entries = new LinkedHashMap<>();
        try (PreparedStatement parts = c.prepareStatement(
                "SELECT kind, name, value, digest FROM fingerprint_parts WHERE fingerprint = ?");
                PreparedStatement inputs = c.prepareStatement(
                        "SELECT label, digest FROM step_inputs WHERE run_id = ? AND step = ?")) {
            for (Row row : rows) {
                Fingerprint step = fingerprint(parts, row.stepFingerprint(), fingerprints);
                Fingerprint run = fingerprint(parts, row.runFingerprint(), fingerprints);
                CacheKey key = new CacheKey(step, run, inputs(inputs, row.run(), row.step()));
                entries.computeIfAbsent(row.step(), s -> new ArrayList<>())
                        .add(new CacheEntry(row.check(), row.reproduced(), key, row.output()));
            }
        }
        return entries;
    }

    private static Fingerprint fingerprint(PreparedStatement select, String digest, Map<String, Fingerprint> known)
            throws SQLException {
        Fingerprint fingerprint = known.get(digest);
        if (fingerprint == null) {
            List<FingerprintPart> parts = new ArrayList<>();
            select.setString(1, digest);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    parts.add(new FingerprintPart(Aspect.valueOf(row.getString(1).toUpperCase(Locale.ROOT)),
                            row.getString(2), row.getString(3), row.getString(4)));
                }
            }
            fingerprint = Fingerprint.of(parts);
            known.put(digest, fingerprint);
        }
        return fingerprint;
    }

    private static Map<String, String> inputs(PreparedStatement select, long run, String step) throws SQLException {
        Map<String, String> inputs = new HashMap<>();
        select.setLong(1, run);
        select.setString(2, step);
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                inputs.put(row.getString(1), row.getString(2));
            }
        }
        return inputs;
    }
}
