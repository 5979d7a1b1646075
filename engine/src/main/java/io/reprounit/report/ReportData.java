package io.reprounit.report;

import io.reprounit.artifact.Digests;
import io.reprounit.fingerprint.PartChange;
import io.reprounit.store.FirstEvent;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.RecentCheck;
import io.reprounit.store.RunDifference;
import io.reprounit.store.StoredRun;
import io.reprounit.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the report shows, as the JSON that its page renders: computed here, once, so that every number on the page is
 * one that a test can compare with {@code history --json}. Per pipeline, its latest checks (oldest first) and per step
 * the verdict in each, its counts and divergence rate over those checks, where its events first happened, its durations,
 * and the differences between runs: within each check, with the previous check, and with the latest.
 */
final class ReportData {

    static final String REPRODUCED = "REPRODUCED";
    static final String DIVERGED = "DIVERGED";
    static final String TAINTED = "TAINTED";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ReportData() {}

    static ObjectNode of(MetadataStore store, int last, Instant generated) {
        ObjectNode root = JSON.objectNode();
        root.put("generated", generated.toString());
        root.put("last", last);
        ArrayNode pipelines = root.putArray("pipelines");
        for (String name : store.pipelines()) {
            pipelines.add(pipeline(store, name, last));
        }
        return root;
    }

    private static ObjectNode pipeline(MetadataStore store, String name, int last) {
        List<RecentCheck> checks = store.recentChecks(name, last);
        ObjectNode pipeline = JSON.objectNode();
        pipeline.put("name", name);
        pipeline.put("checksRecorded", store.checkCount(name));
        ArrayNode shown = pipeline.putArray("checks");
        for (RecentCheck check : checks) {
            ObjectNode node = shown.addObject();
            node.put("id", check.id());
            node.put("started", check.started().toString());
            node.put("mode", check.mode());
            node.put("status", check.status());
            node.put("commit", check.commit());
            node.put("host", check.host());
            node.put("jdk", check.jdk());
            ArrayNode runs = node.putArray("runs");
            check.runs().forEach(number -> runs.add(check.id() + "." + number));
        }
        Set<String> stepNames = new LinkedHashSet<>();
        checks.forEach(check -> check.verdicts().forEach(verdict -> stepNames.add(verdict.step())));
        Map<String, List<FirstEvent>> events = new HashMap<>();
        store.firstEvents(name).forEach(event -> events.computeIfAbsent(event.step(), s -> new ArrayList<>()).add(event));
        ArrayNode steps = pipeline.putArray("steps");
        for (String step : stepNames) {
            steps.add(step(step, checks, events.getOrDefault(step, List.of())));
        }
        if (!checks.isEmpty()) {
            RecentCheck latest = checks.get(checks.size() - 1);
            ObjectNode top = pipeline.putObject("latest");
            top.put("check", latest.id());
            top.put("status", latest.status());
            ArrayNode failing = top.putArray("failing");
            ArrayNode tainted = top.putArray("tainted");
            for (RecentCheck.StepVerdict verdict : latest.verdicts()) {
                if (!verdict.verdict().equals(REPRODUCED)) {
                    ObjectNode node = (verdict.verdict().equals(TAINTED) ? tainted : failing).addObject();
                    node.put("step", verdict.step());
                    node.put("verdict", verdict.verdict());
                    node.put("explanation", verdict.explanation());
                }
            }
        }
        ArrayNode differences = JSON.arrayNode();
        pipeline.set("diffs", diffs(store, checks, differences));
        pipeline.set("differences", differences);
        return pipeline;
    }

    private static ObjectNode step(String name, List<RecentCheck> checks, List<FirstEvent> events) {
        ObjectNode step = JSON.objectNode();
        step.put("name", name);
        ArrayNode cells = step.putArray("cells");
        ArrayNode durations = step.putArray("durationsMillis");
        Map<String, Integer> counts = new LinkedHashMap<>();
        int verdicts = 0;
        for (RecentCheck check : checks) {
            RecentCheck.StepVerdict verdict = check.verdicts().stream().filter(v -> v.step().equals(name)).findFirst()
                    .orElse(null);
            if (verdict == null) {
                cells.addNull();
                durations.addNull();
                continue;
            }
            verdicts++;
            counts.merge(verdict.verdict(), 1, Integer::sum);
            ObjectNode cell = cells.addObject();
            cell.put("verdict", verdict.verdict());
            if (!verdict.verdict().equals(REPRODUCED)) {
                cell.put("explanation", verdict.explanation());
            }
            if (verdict.event() != null) {
                cell.put("event", verdict.event());
            }
            if (verdict.bytes() != null) {
                cell.put("bytes", verdict.bytes().startsWith("sha256:") ? Digests.shortForm(verdict.bytes())
                        : verdict.bytes());
            }
            if (verdict.durationNanos() != null) {
                durations.add(verdict.durationNanos() / 1e6);
            } else {
                durations.addNull();
            }
        }
        step.put("verdicts", verdicts);
        ObjectNode countNode = step.putObject("counts");
        counts.forEach(countNode::put);
        int diverged = counts.getOrDefault(DIVERGED, 0);
        step.put("diverged", diverged);
        step.put("divergenceRate", verdicts == 0 ? 0.0 : (double) diverged / verdicts);
        step.set("firstDiverged", first(events, "diverged"));
        step.set("firstChanged", first(events, "output changed", "changed"));
        step.set("bytesVarySince", first(events, "bytes vary"));
        step.set("firstBytesChanged", first(events, "bytes changed"));
        return step;
    }

    /** The earliest of the step's events of these kinds, or JSON null where it had none. */
    private static tools.jackson.databind.JsonNode first(List<FirstEvent> events, String... kinds) {
        FirstEvent first = null;
        for (FirstEvent event : events) {
            if (List.of(kinds).contains(event.kind()) && (first == null || event.check() < first.check())) {
                first = event;
            }
        }
        if (first == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.objectNode();
        node.put("check", first.check());
        node.put("commit", first.commit());
        node.put("started", first.started().toString());
        node.put("event", first.kind());
        return node;
    }

    /**
     * The differences the page shows when a check is clicked: between its first run and each later one (what diverged
     * within it), with the previous check shown, with the latest, and, among the latest {@value #PAIRED} checks, with
     * any other. Each run is read once; each differing part or step is written once, in {@code differences}, and
     * referred to by its index, since the same change shows in many pairs.
     */
    private static ObjectNode diffs(MetadataStore store, List<RecentCheck> checks, ArrayNode differences) {
        Differences written = new Differences(differences);
        Map<String, @Nullable StoredRun> runs = new HashMap<>();
        Map<String, ObjectNode> pairs = new HashMap<>(); // each pair once, from either side
        ObjectNode diffs = JSON.objectNode();
        RecentCheck latest = checks.isEmpty() ? null : checks.get(checks.size() - 1);
        int paired = Math.max(0, checks.size() - PAIRED);
        for (int i = 0; i < checks.size(); i++) {
            RecentCheck check = checks.get(i);
            ObjectNode node = diffs.putObject(Long.toString(check.id()));
            String first = check.id() + ".1";
            ArrayNode within = node.putArray("runs");
            for (int number : check.runs()) {
                if (number != 1) {
                    RunDifference difference = difference(run(store, runs, first),
                            run(store, runs, check.id() + "." + number));
                    if (difference != null) {
                        within.add(written.of(difference));
                    }
                }
            }
            if (i > 0) {
                RunDifference previous = difference(run(store, runs, checks.get(i - 1).id() + ".1"),
                        run(store, runs, first));
                if (previous != null) {
                    node.set("previous", written.of(previous));
                }
            }
            if (latest != null && i < checks.size() - 1) {
                RunDifference toLatest = difference(run(store, runs, first), run(store, runs, latest.id() + ".1"));
                if (toLatest != null) {
                    node.set("latest", written.of(toLatest));
                }
            }
            if (i >= paired) {
                ObjectNode with = node.putObject("with");
                for (int j = paired; j < checks.size(); j++) {
                    if (j != i) {
                        String earlier = checks.get(Math.min(i, j)).id() + ".1";
                        String later = checks.get(Math.max(i, j)).id() + ".1";
                        ObjectNode pair = pairs.computeIfAbsent(earlier + " " + later, key -> {
                            RunDifference difference = difference(run(store, runs, earlier), run(store, runs, later));
                            return difference == null ? null : written.of(difference);
                        });
                        if (pair != null) {
                            with.set(Long.toString(checks.get(j).id()), pair);
                        }
                    }
                }
            }
        }
        return diffs;
    }

    /** How many of the latest checks the page can compare two by two: their pairs grow as its square. */
    static final int PAIRED = 20;

    /** Differences written once each into the pipeline's {@code differences}, referred to by index. */
    private static final class Differences {
        private final ArrayNode entries;
        private final Map<String, Integer> indexes = new HashMap<>();

        Differences(ArrayNode entries) {
            this.entries = entries;
        }

        ObjectNode of(RunDifference difference) {
            ObjectNode node = JSON.objectNode();
            node.put("before", difference.before().id());
            node.put("after", difference.after().id());
            ArrayNode parts = node.putArray("parts");
            for (PartChange change : difference.parts()) {
                parts.add(index(part(change)));
            }
            ArrayNode steps = node.putArray("steps");
            for (RunDifference.StepDifference step : difference.steps()) {
                ObjectNode s = JSON.objectNode();
                s.put("step", step.step());
                s.put("explanation", step.explanation());
                s.put("outputBefore", digest(step.outputBefore()));
                s.put("outputAfter", digest(step.outputAfter()));
                s.put("bytesBefore", digest(step.bytesBefore()));
                s.put("bytesAfter", digest(step.bytesAfter()));
                ArrayNode inputs = s.putArray("inputs");
                step.inputs().forEach(inputs::add);
                ArrayNode stepParts = s.putArray("parts");
                step.parts().forEach(change -> stepParts.add(part(change)));
                steps.add(index(s));
            }
            return node;
        }

        private int index(ObjectNode entry) {
            return indexes.computeIfAbsent(entry.toString(), key -> {
                entries.add(entry);
                return entries.size() - 1;
            });
        }
    }

    private static @Nullable RunDifference difference(@Nullable StoredRun before, @Nullable StoredRun after) {
        return before == null || after == null ? null : MetadataStore.diff(before, after);
    }

    /** A run of a check shown, or null where it is not there (a check whose process died before its first run). */
    private static @Nullable StoredRun run(MetadataStore store, Map<String, @Nullable StoredRun> runs, String id) {
        if (!runs.containsKey(id)) {
            StoredRun run;
            try {
                run = store.run(id);
            } catch (StoreException e) {
                run = null;
            }
            runs.put(id, run);
        }
        return runs.get(id);
    }

    private static ObjectNode part(PartChange change) {
        ObjectNode part = JSON.objectNode();
        part.put("aspect", change.aspect().label());
        part.put("name", change.name());
        part.put("change", change.describe());
        return part;
    }

    private static @Nullable String digest(@Nullable String digest) {
        return digest == null ? null : Digests.shortForm(digest);
    }
}
