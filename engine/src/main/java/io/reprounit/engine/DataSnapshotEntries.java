package io.reprounit.engine;

import io.reprounit.artifact.Digests;
import io.reprounit.fingerprint.DataSnapshot;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.run.StepExecution;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * What a step's first run kept of its data sources, as one report entry, {@code reprounit.data.snapshots}: never
 * silent where they were not kept, so that a run that cannot be reproduced from the store says so when it runs.
 */
final class DataSnapshotEntries {

    static final String KEY = Fingerprinter.DATA_SNAPSHOTS_KEY;

    private DataSnapshotEntries() {}

    static Optional<ReportEntry> of(List<StepExecution> executions) {
        List<DataSnapshot> snapshots = executions.isEmpty() ? List.of() : executions.get(0).dataSnapshots();
        if (snapshots.isEmpty()) {
            return Optional.empty();
        }
        List<DataSnapshot> off = snapshots.stream()
                .filter(snapshot -> Fingerprinter.SNAPSHOTS_OFF.equals(snapshot.notKept())).toList();
        if (off.size() == snapshots.size()) {
            return Optional.of(ReportEntry.from(KEY, "off: " + off.stream().map(DataSnapshot::name)
                    .collect(Collectors.joining(", ")) + " not kept"));
        }
        return Optional.of(ReportEntry.from(KEY, snapshots.stream().map(DataSnapshotEntries::describe)
                .collect(Collectors.joining("; "))));
    }

    private static String describe(DataSnapshot snapshot) {
        String digest = snapshot.kept() ? " " + Digests.PREFIX + Digests.shortForm(java.util.Objects.requireNonNull(
                snapshot.digest())) : "";
        return (snapshot.kept() ? "kept " : "") + snapshot.describe() + digest;
    }
}
