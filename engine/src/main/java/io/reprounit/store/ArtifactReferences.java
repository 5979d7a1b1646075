package io.reprounit.store;

import io.reprounit.artifact.ArtifactStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the metadata store says about the artifact store: the artifacts it keeps, and whose outputs they are. */
final class ArtifactReferences {

    private ArtifactReferences() {}

    /**
     * Every artifact with a location, in digest order, each with the run and step of every output that is it, and of
     * every data snapshot kept as it.
     */
    static List<KeptArtifact> kept(Connection c) throws SQLException {
        Map<String, String> locations = new LinkedHashMap<>();
        try (Statement select = c.createStatement(); ResultSet row = select.executeQuery(
                "SELECT digest, location FROM artifacts WHERE location IS NOT NULL ORDER BY digest")) {
            while (row.next()) {
                locations.put(row.getString(1), row.getString(2));
            }
        }
        Map<String, List<KeptArtifact.Use>> uses = new LinkedHashMap<>();
        // One pass over the executions, each looking its artifact up by primary key: no index on output_digest needed.
        try (PreparedStatement select = c.prepareStatement("SELECT s.output_digest, r.check_id, r.number, s.step"
                + " FROM step_executions s JOIN runs r ON r.id = s.run_id JOIN artifacts a ON a.digest = s.output_digest"
                + " WHERE a.location IS NOT NULL ORDER BY r.check_id, r.number, s.position");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                uses.computeIfAbsent(row.getString(1), d -> new ArrayList<>())
                        .add(new KeptArtifact.Use(row.getLong(2) + "." + row.getInt(3), row.getString(4)));
            }
        }
        // Data snapshots: the file's or listing's own artifact (a directory's files are named only in its listing).
        try (PreparedStatement select = c.prepareStatement("SELECT d.digest, r.check_id, r.number, d.step, d.name"
                + " FROM data_snapshots d JOIN runs r ON r.id = d.run_id WHERE d.not_kept_reason IS NULL"
                + " AND d.digest IS NOT NULL ORDER BY r.check_id, r.number, d.step, d.position");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String digest = row.getString(1);
                locations.putIfAbsent(digest, ArtifactStore.location(digest));
                uses.computeIfAbsent(digest, d -> new ArrayList<>()).add(new KeptArtifact.Use(
                        row.getLong(2) + "." + row.getInt(3), row.getString(4) + " (data " + row.getString(5) + ")"));
            }
        }
        // Parts an artifact needs (a directory output's files, a materializer's serialized form): used where it is.
        try (PreparedStatement select = c.prepareStatement("SELECT p.part, p.digest FROM artifact_parts p"
                + " JOIN artifacts a ON a.digest = p.digest WHERE a.location IS NOT NULL ORDER BY p.digest, p.part");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                String part = row.getString(1);
                locations.putIfAbsent(part, ArtifactStore.location(part));
                List<KeptArtifact.Use> partUses = uses.computeIfAbsent(part, d -> new ArrayList<>());
                for (KeptArtifact.Use use : uses.getOrDefault(row.getString(2), List.of())) {
                    partUses.add(new KeptArtifact.Use(use.run(), use.step() + " (part)"));
                }
            }
        }
        return collect(locations, uses);
    }

    /**
     * {@code kept} and the files that the listings of kept directory snapshots name, used by the snapshot's runs and
     * steps: what a snapshot needs to be restored.
     */
    static List<KeptArtifact> withListedFiles(List<KeptArtifact> kept, Map<String, List<String>> listedFiles) {
        Map<String, String> locations = new LinkedHashMap<>();
        Map<String, List<KeptArtifact.Use>> uses = new LinkedHashMap<>();
        for (KeptArtifact artifact : kept) {
            locations.put(artifact.digest(), artifact.location());
            uses.computeIfAbsent(artifact.digest(), d -> new ArrayList<>()).addAll(artifact.uses());
        }
        for (KeptArtifact artifact : kept) {
            for (String file : listedFiles.getOrDefault(artifact.digest(), List.of())) {
                locations.putIfAbsent(file, ArtifactStore.location(file));
                List<KeptArtifact.Use> fileUses = uses.computeIfAbsent(file, d -> new ArrayList<>());
                artifact.uses().forEach(use -> fileUses.add(new KeptArtifact.Use(use.run(), use.step() + " (file)")));
            }
        }
        return collect(locations, uses);
    }

    private static List<KeptArtifact> collect(Map<String, String> locations, Map<String, List<KeptArtifact.Use>> uses) {
        List<KeptArtifact> kept = new ArrayList<>();
        new java.util.TreeMap<>(locations).forEach((digest, location) -> kept.add(new KeptArtifact(digest, location,
                uses.getOrDefault(digest, List.of()))));
        return kept;
    }

    /** What SQLite's integrity check finds wrong with the database file; empty where it finds nothing. */
    static List<String> integrityProblems(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement check = c.createStatement(); ResultSet row = check.executeQuery("PRAGMA integrity_check")) {
            while (row.next()) {
                problems.add(row.getString(1));
            }
        }
        return problems.equals(List.of("ok")) ? List.of() : problems;
    }
}
