package io.reprounit.bench;

import io.reprounit.artifact.Digests;
import io.reprounit.store.MetadataStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a store of 100,000 runs (50,000 checks of 2 runs, 5 steps each) in bulk, the way the engine would have left
 * it: the schema made by {@link MetadataStore}, outputs that change with every 2,000th commit, a step that diverges
 * for a while, a step whose exact bytes differ in every run (a model with a timestamp that a normalizer leaves out),
 * one whose bytes alone change every 500th check, and the history events the engine writes with each check's verdicts.
 * Public for the command line's history benchmark, which reads such a store from the cli module.
 */
public final class HistoryStore {

    public static final String PIPELINE = "IrisPipeline";
    public static final int RUNS = 100_000;
    private static final String[] STEPS = {"load", "split", "train", "evaluate", "report"};

    private HistoryStore() {}

    public static void build(String url) throws Exception {
        build(url, RUNS);
    }

    /** Builds a store of {@code runs} runs, in SQLite or PostgreSQL, whose URL may hold the user and password. */
    public static void build(String url, int runs) throws Exception {
        int checks = runs / 2;
        MetadataStore.open(url, "bench").close();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (Statement sql = c.createStatement()) {
                sql.execute("INSERT INTO pipelines (id, name, class_name) VALUES (1, '" + PIPELINE
                        + "', 'com.example.IrisPipeline')");
                sql.execute("INSERT INTO fingerprint_parts VALUES ('sha256:run', 'environment', 'java.version',"
                        + " '17.0.15', 'sha256:17')");
            }
            Map<String, String[]> previous = new HashMap<>();
            try (PreparedStatement check = c.prepareStatement("INSERT INTO checks (id, pipeline_id, mode, started,"
                    + " finished, status, commit_id, culprit) VALUES (?, 1, 'repeat', ?, ?, ?, ?, ?)");
                    PreparedStatement run = c.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, 'repeat', ?, ?,"
                            + " 'COMPLETE', ?, 'seed: 42', 'sha256:run')");
                    PreparedStatement step = c.prepareStatement("INSERT INTO step_executions (run_id, step, position,"
                            + " status, duration_nanos, output_digest, problem, fingerprint, bytes_digest)"
                            + " VALUES (?, ?, ?, 'SUCCEEDED', 1000000, ?, NULL, ?, ?)");
                    PreparedStatement input = c.prepareStatement("INSERT INTO step_inputs VALUES (?, ?, ?, ?)");
                    PreparedStatement verdict = c.prepareStatement("INSERT INTO verdicts (check_id, step, position,"
                            + " verdict, explanation, culprits, output_digest, pipeline_id, event, bytes_digest)"
                            + " VALUES (?, ?, ?, ?, '', '', ?, 1, ?, ?)")) {
                for (int k = 1; k <= checks; k++) {
                    long started = 1_700_000_000_000L + k * 60_000L;
                    String commit = Digests.shortForm(Digests.sha256("commit " + k / 2_000)) + "0".repeat(28);
                    boolean diverging = k > 30_000 && k < 30_500;
                    check.setLong(1, k);
                    check.setLong(2, started);
                    check.setLong(3, started + 30_000);
                    check.setString(4, diverging ? "DIVERGED" : "REPRODUCED");
                    check.setString(5, commit);
                    check.setString(6, diverging ? "train" : null);
                    check.addBatch();
                    for (int n = 1; n <= 2; n++) {
                        long runId = 2L * k + n - 2;
                        run.setLong(1, runId);
                        run.setLong(2, k);
                        run.setInt(3, n);
                        run.setLong(4, started);
                        run.setLong(5, started + 15_000);
                        run.setString(6, commit);
                        run.addBatch();
                        String upstream = null;
                        for (int s = 0; s < STEPS.length; s++) {
                            boolean differs = diverging && s >= 2 && n == 2;
                            String output = Digests.sha256(STEPS[s] + " at commit " + k / 2_000 + (differs ? "!" : ""));
                            String bytes = STEPS[s].equals("train") ? Digests.sha256(output + " trained at " + runId)
                                    : STEPS[s].equals("report") ? Digests.sha256(output + " layout " + k / 500) : output;
                            step.setLong(1, runId);
                            step.setString(2, STEPS[s]);
                            step.setInt(3, s);
                            step.setString(4, output);
                            step.setString(5, "sha256:step-" + STEPS[s]);
                            step.setString(6, bytes);
                            step.addBatch();
                            if (upstream != null) {
                                input.setLong(1, runId);
                                input.setString(2, STEPS[s]);
                                input.setString(3, "@Input(\"" + STEPS[s - 1] + "\")");
                                input.setString(4, upstream);
                                input.addBatch();
                            }
                            upstream = output;
                            if (n == 1) {
                                String outcome = !diverging || s < 2 ? "REPRODUCED" : s == 2 ? "DIVERGED" : "TAINTED";
                                String checkBytes = STEPS[s].equals("train") ? "varies" : bytes;
                                String[] before = previous.put(STEPS[s], new String[] {outcome, output, checkBytes});
                                verdict.setLong(1, k);
                                verdict.setString(2, STEPS[s]);
                                verdict.setInt(3, s);
                                verdict.setString(4, outcome);
                                verdict.setString(5, output);
                                verdict.setString(6, event(before, outcome, output, checkBytes));
                                verdict.setString(7, checkBytes);
                                verdict.addBatch();
                            }
                        }
                    }
                    if (k % 1_000 == 0 || k == checks) {
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
