package io.reprounit.store;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.CorruptedArtifactException;
import io.reprounit.fingerprint.DataListing;
import io.reprounit.fingerprint.DataSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.apiguardian.api.API;

/**
 * The data snapshots of recorded runs: read from the metadata store, kept from gc, and restored from the artifact store
 * into a directory, such as a checkout of the run's commit that {@code reproduce} runs the pipeline in again.
 */
@API(status = INTERNAL, since = "0.1")
public final class DataSnapshots {

    private DataSnapshots() {}

    /**
     * What {@link #restore} did: the snapshots restored (each once, by name), and, by name, why each other source of
     * the run was not (missing when it ran, not kept, outside the target).
     */
    public record Restored(List<DataSnapshot> restored, Map<String, String> notRestored) {
        public Restored {
            restored = List.copyOf(restored);
            notRestored = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notRestored));
        }
    }

    /** A file to write and the artifact that holds its bytes. */
    private record Write(String source, String digest, Path file) {}

    /**
     * Writes every data source that {@code run} kept to {@code target.resolve(name)}, as it was when its step ran: a
     * file byte for byte, a directory as the files of its listing (files already there and not in it are left alone).
     * Every byte is verified against its digest as it is read; each file is written beside its place and moved there,
     * so that none is left half written. A source that several steps read is restored once, as the first read it.
     * Every artifact needed is looked for before anything is written.
     *
     * @throws StoreException naming the source and the artifact, where the artifact store does not have it (removed by
     *     {@code gc}, or another directory) or it is damaged
     */
    public static Restored restore(StoredRun run, ArtifactStore artifacts, Path target) {
        List<DataSnapshot> restored = new ArrayList<>();
        Map<String, String> notRestored = new LinkedHashMap<>();
        Map<String, DataSnapshot> seen = new LinkedHashMap<>();
        List<Write> writes = new ArrayList<>();
        for (var step : run.steps()) {
            for (DataSnapshot snapshot : step.dataSnapshots()) {
                DataSnapshot first = seen.putIfAbsent(snapshot.name(), snapshot);
                if (first != null) {
                    if (!java.util.Objects.equals(first.digest(), snapshot.digest())) {
                        notRestored.put(snapshot.name() + " (as step '" + step.step() + "' read it)", "it changed"
                                + " between steps; restored as the first step that read it saw it");
                    }
                    continue;
                }
                Optional<String> why = whyNot(snapshot, target);
                if (why.isPresent()) {
                    notRestored.put(snapshot.name(), why.get());
                    continue;
                }
                Path place = target.resolve(snapshot.name()).normalize();
                String digest = java.util.Objects.requireNonNull(snapshot.digest());
                if (snapshot.kind() == DataSnapshot.Kind.FILE) {
                    writes.add(new Write(snapshot.name(), digest, place));
                } else {
                    listing(snapshot, artifacts).forEach((file, fileDigest) -> writes.add(new Write(snapshot.name(),
                            fileDigest, inside(place, file, snapshot.name()))));
                }
                restored.add(snapshot);
            }
        }
        List<String> absent = writes.stream().filter(write -> !present(artifacts, write.digest()))
                .map(write -> write.source() + " (" + write.digest() + ")").distinct().toList();
        if (!absent.isEmpty()) {
            throw new StoreException("Cannot restore the data of run " + run.id() + ": the artifact store "
                    + artifacts.root() + " has no artifact for " + String.join(", ", absent) + ". It was removed (by gc,"
                    + " or by hand), or the artifacts are in another directory: point --artifacts at the store the run"
                    + " was recorded with. Nothing was written.");
        }
        for (Write write : writes) {
            write(write, artifacts, run.id());
        }
        return new Restored(restored, notRestored);
    }

    private static Optional<String> whyNot(DataSnapshot snapshot, Path target) {
        if (snapshot.kind() == DataSnapshot.Kind.MISSING) {
            return Optional.of("it was missing when its step ran");
        }
        if (!snapshot.kept()) {
            return Optional.of("not kept: " + (snapshot.notKept() != null ? snapshot.notKept() : "no digest"));
        }
        try {
            Path name = Path.of(snapshot.name());
            if (name.isAbsolute() || !target.resolve(name).normalize().startsWith(target.normalize())) {
                return Optional.of("its path is not inside " + target + "; restore it by hand from the artifact "
                        + snapshot.digest());
            }
        } catch (InvalidPathException e) {
            return Optional.of("its name is not a path here: " + e.getReason());
        }
        return Optional.empty();
    }

    private static SortedMap<String, String> listing(DataSnapshot snapshot, ArtifactStore artifacts) {
        String digest = java.util.Objects.requireNonNull(snapshot.digest());
        try {
            byte[] bytes = artifacts.read(digest).orElseThrow(() -> new StoreException("Cannot restore the data source "
                    + snapshot.name() + ": the artifact store " + artifacts.root() + " has no listing " + digest
                    + " for it. It was removed (by gc, or by hand), or the artifacts are in another directory."
                    + " Nothing was written."));
            return DataListing.parse(bytes);
        } catch (CorruptedArtifactException | IllegalArgumentException e) {
            throw new StoreException("Cannot restore the data source " + snapshot.name() + ": its listing " + digest
                    + " in " + artifacts.root() + " is damaged: " + e.getMessage() + ". Nothing was written.", e);
        }
    }

    /** {@code directory}'s file {@code relative}, refused where a listing would place it outside the directory. */
    private static Path inside(Path directory, String relative, String source) {
        Path file = directory.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !file.startsWith(directory)) {
            throw new StoreException("Cannot restore the data source " + source + ": its listing names " + relative
                    + ", outside its directory. Nothing was written.");
        }
        return file;
    }

    private static boolean present(ArtifactStore artifacts, String digest) {
        Optional<InputStream> opened = artifacts.open(digest);
        opened.ifPresent(in -> {
            try {
                in.close();
            } catch (IOException e) {
                // only looked at
            }
        });
        return opened.isPresent();
    }

    private static void write(Write write, ArtifactStore artifacts, String run) {
        Path parent = write.file().toAbsolutePath().getParent();
        Path temporary = null;
        try (InputStream in = artifacts.open(write.digest()).orElseThrow(() -> new StoreException("Cannot restore "
                + write.source() + " of run " + run + ": the artifact " + write.digest() + " is gone from "
                + artifacts.root()))) {
            Files.createDirectories(parent);
            temporary = Files.createTempFile(parent, ".reprounit-restore-", "");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING); // verified at the stream's end
            Files.move(temporary, write.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (CorruptedArtifactException e) {
            throw new StoreException("Cannot restore " + write.source() + " of run " + run + ": the artifact "
                    + write.digest() + " in " + artifacts.root() + " is damaged: it " + e.damage()
                    + ". `verify` lists every damaged artifact.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore " + write.source() + " to " + write.file(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // the failure above says what went wrong
                }
            }
        }
    }

    /** The snapshots of run {@code runId} by step, in the order each step read its sources. */
    static Map<String, List<DataSnapshot>> recorded(Connection c, long runId) throws SQLException {
        Map<String, List<DataSnapshot>> snapshots = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT step, name, kind, digest, size, files, not_kept_reason"
                + " FROM data_snapshots WHERE run_id = ? ORDER BY step, position")) {
            select.setLong(1, runId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    snapshots.computeIfAbsent(row.getString(1), s -> new ArrayList<>()).add(new DataSnapshot(
                            row.getString(2), DataSnapshot.Kind.ofLabel(row.getString(3)), row.getString(4),
                            row.getLong(5), row.getInt(6), row.getString(7)));
                }
            }
        }
        return snapshots;
    }

    /** A kept snapshot's digest, and whether it is a directory's listing. */
    record Kept(String digest, boolean directory) {}

    /** Every digest a kept snapshot of a remaining run is named by. */
    static List<Kept> kept(Connection c) throws SQLException {
        List<Kept> kept = new ArrayList<>();
        try (Statement select = c.createStatement(); ResultSet row = select.executeQuery("SELECT DISTINCT digest, kind"
                + " FROM data_snapshots WHERE not_kept_reason IS NULL AND digest IS NOT NULL")) {
            while (row.next()) {
                kept.add(new Kept(row.getString(1), row.getString(2).equals(DataSnapshot.Kind.DIRECTORY.label())));
            }
        }
        return kept;
    }

    /**
     * The artifacts {@code kept} snapshots need: each one's own, and each file a directory's listing names. A listing
     * that is gone or damaged names nothing: its directory cannot be restored anyway, and verify reports it.
     */
    static Set<String> referenced(List<Kept> kept, ArtifactStore artifacts) {
        Set<String> referenced = new HashSet<>();
        kept.forEach(snapshot -> referenced.add(snapshot.digest()));
        listedFiles(kept, artifacts).values().forEach(referenced::addAll);
        return referenced;
    }

    /** By the digest of each kept directory's listing, the digests of the files it names (see {@link #referenced}). */
    static Map<String, List<String>> listedFiles(List<Kept> kept, ArtifactStore artifacts) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (Kept snapshot : kept) {
            if (snapshot.directory() && !files.containsKey(snapshot.digest())) {
                try {
                    artifacts.read(snapshot.digest()).ifPresent(bytes -> files.put(snapshot.digest(),
                            List.copyOf(new java.util.TreeSet<>(DataListing.parse(bytes).values()))));
                } catch (CorruptedArtifactException | IllegalArgumentException e) {
                    // see above
                }
            }
        }
        return files;
    }
}
