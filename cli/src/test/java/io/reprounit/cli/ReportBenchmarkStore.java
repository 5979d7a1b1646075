package io.reprounit.cli;

import io.reprounit.artifact.Digests;
import io.reprounit.store.MetadataStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;

/**
 * A store of {@value #CHECKS} checks of one pipeline of {@value #STEPS} steps, 2 runs each, written in bulk the way the
 * engine would have left it: a run fingerprint of environment parts and {@value #JARS} jars whose commit changes every
 * 500 checks, s07 diverging in every tenth check with s08 tainted by it, s12's exact bytes varying from check 5,001, and
 * the history events the engine writes with each verdict.
 */
final class ReportBenchmarkStore {

    static final String PIPELINE = "BenchmarkPipeline";
    static final int CHECKS = 10_000;
    static final int STEPS = 20;
    private static final int JARS = 80;

    private ReportBenchmarkStore() {}

    static void build(String url) throws Exception {
        MetadataStore.open(url, "bench").close();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement pipeline = c.prepareStatement("INSERT INTO pipelines VALUES (1, ?, ?)")) {
                pipeline.setString(1, PIPELINE);
                pipeline.setString(2, "com.example." + PIPELINE);
                pipeline.executeUpdate();
            }
            try (PreparedStatement part = c.prepareStatement("INSERT INTO fingerprint_parts VALUES (?, ?, ?, ?, ?)")) {
                for (int epoch = 0; epoch <= CHECKS / 500; epoch++) {
                    String run = "sha256:run-" + epoch;
                    add(part, run, "environment", "java.version", "17.0.15");
                    add(part, run, "environment", "os.name", "Linux");
                    add(part, run, "code", "git.commit", commit(epoch));
                    for (int jar = 0; jar < JARS; jar++) {
                        add(part, run, "code", "jar:com.example:lib" + jar, "1." + jar + ".0");
                    }
                }
                for (int s = 0; s < STEPS; s++) {
                    add(part, "sha256:step-" + s, "code", "bytecode", "step " + s);
                    add(part, "sha256:step-" + s, "config", "params", "{}");
                }
                part.executeBatch();
            }
            Map<String, String[]> previous = new HashMap<>();
            try (PreparedStatement check = c.prepareStatement("INSERT INTO checks (id, pipeline_id, mode, started,"
                    + " finished, status, commit_id, culprit) VALUES (?, 1, 'repeat', ?, ?, ?, ?, ?)");
                    PreparedStatement run = c.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, 'repeat', ?, ?,"
                            + " 'COMPLETE', ?, 'seed: 42', ?)");
                    PreparedStatement step = c.prepareStatement("INSERT INTO step_executions (run_id, step, position,"
                            + " status, duration_nanos, output_digest, problem, fingerprint, bytes_digest)"
                            + " VALUES (?, ?, ?, 'SUCCEEDED', ?, ?, NULL, ?, ?)");
                    PreparedStatement input = c.prepareStatement("INSERT INTO step_inputs VALUES (?, ?, ?, ?)");
                    PreparedStatement verdict = c.prepareStatement("INSERT INTO verdicts (check_id, step, position,"
                            + " verdict, explanation, culprits, output_digest, pipeline_id, event, bytes_digest)"
                            + " VALUES (?, ?, ?, ?, ?, '', ?, 1, ?, ?)")) {
                for (int k = 1; k <= CHECKS; k++) {
                    long started = 1_700_000_000_000L + k * 600_000L;
                    int epoch = k / 500;
                    boolean diverging = k % 10 == 0;
                    check.setLong(1, k);
                    check.setLong(2, started);
                    check.setLong(3, started + 30_000);
                    check.setString(4, diverging ? "DIVERGED" : "REPRODUCED");
                    check.setString(5, commit(epoch));
                    check.setString(6, diverging ? "s07" : null);
                    check.addBatch();
                    for (int n = 1; n <= 2; n++) {
                        long runId = 2L * k + n - 2;
                        run.setLong(1, runId);
                        run.setLong(2, k);
                        run.setInt(3, n);
                        run.setLong(4, started);
                        run.setLong(5, started + 15_000);
                        run.setString(6, commit(epoch));
                        run.setString(7, "sha256:run-" + epoch);
                        run.addBatch();
                        String upstream = null;
                        for (int s = 0; s < STEPS; s++) {
                            String name = String.format("s%02d", s);
                            boolean differs = diverging && n == 2 && (s == 7 || s == 8);
                            String output = Digests.sha256(name + " at " + epoch + (differs ? " run 2 of " + k : ""));
                            String bytes = s == 12 && k > CHECKS / 2 ? Digests.sha256(output + " at " + runId) : output;
                            step.setLong(1, runId);
                            step.setString(2, name);
                            step.setInt(3, s);
                            step.setLong(4, 1_000_000L * (5 + s) + (k % 97) * 40_000L);
                            step.setString(5, output);
                            step.setString(6, "sha256:step-" + s);
                            step.setString(7, bytes);
                            step.addBatch();
                            if (upstream != null) {
                                input.setLong(1, runId);
                                input.setString(2, name);
                                input.setString(3, "@Input(\"" + String.format("s%02d", s - 1) + "\")");
                                input.setString(4, upstream);
                                input.addBatch();
                            }
                            upstream = output;
                            if (n == 1) {
                                String outcome = !diverging || s < 7 || s > 8 ? "REPRODUCED"
                                        : s == 7 ? "DIVERGED" : "TAINTED";
                                String checkBytes = s == 12 && k > CHECKS / 2 ? "varies" : bytes;
                                String[] before = previous.put(name, new String[] {outcome, output, checkBytes});
                                verdict.setLong(1, k);
                                verdict.setString(2, name);
                                verdict.setInt(3, s);
                                verdict.setString(4, outcome);
                                verdict.setString(5, outcome.equals("DIVERGED") ? "step '" + name + "' is not"
                                        + " reproducible: its inputs were identical in both runs" : outcome.equals(
                                        "TAINTED") ? "step '" + name + "' was fed a different input" : "");
                                verdict.setString(6, output);
                                verdict.setString(7, event(before, outcome, output, checkBytes));
                                verdict.setString(8, checkBytes);
                                verdict.addBatch();
                            }
                        }
                    }
                    if (k % 500 == 0) {
                        check.executeBatch();
                        run.executeBatch();
                        step.executeBatch();
                        input.executeBatch();
                        verdict.executeBatch();
                    }
                }
            }
            c.commit();
        }
    }

    private static String commit(int epoch) {
        return Digests.shortForm(Digests.sha256("commit " + epoch)) + "0".repeat(28);
    }

    private static void add(PreparedStatement part, String fingerprint, String kind, String name, String value)
            throws Exception {
        part.setString(1, fingerprint);
        part.setString(2, kind);
        part.setString(3, name);
        part.setString(4, value);
        part.setString(5, Digests.sha256(kind + name + value));
        part.addBatch();
    }

    /** The rule the engine applies when it writes a verdict (VerdictWriter.event). */
    private static String event(String[] before, String verdict, String output, String bytes) {
        if (before == null) {
            return "first recorded";
        }
        if (!before[0].equals(verdict)) {
            return verdict.toLowerCase(java.util.Locale.ROOT);
        }
        if (!verdict.equals("REPRODUCED")) {
            return null;
        }
        if (!before[1].equals(output)) {
            return "output changed";
        }
        if (before[2].equals(bytes)) {
            return null;
        }
        return bytes.equals("varies") ? "bytes vary" : "bytes changed";
    }
}
