package io.reprounit.fingerprint;

import static java.util.Objects.requireNonNull;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.pipeline.StepDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a step's data sources in the artifact store just after their fingerprint is taken and before the step runs, as
 * that fingerprint describes them: a file as one artifact named by its content digest, a directory as each of its
 * files plus its {@link DataListing}, whose digest is the directory's fingerprint. What the store already holds is not
 * copied again, so an unchanged dataset costs a look-up per file. Every copy is digested as it is made and compared
 * with the fingerprint, so that a source that changes meanwhile is reported as not kept, never kept under a digest
 * its bytes do not have. Sources given to secret-named parameters are never kept.
 */
final class DataKeeper {

    private final ArtifactStore store;
    private final FileDigestCache digests;

    private DataKeeper(ArtifactStore store, FileDigestCache digests) {
        this.store = requireNonNull(store);
        this.digests = requireNonNull(digests);
    }

    /** Keeps every source of {@code step} that {@code data} fingerprinted; one snapshot per source, in order. */
    static List<DataSnapshot> keep(StepDefinition step, Fingerprint data, Path directory, ArtifactStore store,
            FileDigestCache digests) {
        DataKeeper keeper = new DataKeeper(store, digests);
        return each(step, data, directory, (name, path, part) -> switch (kind(part)) {
            case FILE -> keeper.file(name, path, part.digest());
            case DIRECTORY -> keeper.directory(name, path, part.digest());
            case MISSING -> DataSnapshot.missing(name);
        });
    }

    /** What {@code data} fingerprinted, described but not kept, for {@code reason}. */
    static List<DataSnapshot> describe(StepDefinition step, Fingerprint data, Path directory, String reason,
            FileDigestCache digests) {
        return each(step, data, directory, (name, path, part) -> switch (kind(part)) {
            case FILE -> new DataSnapshot(name, DataSnapshot.Kind.FILE, part.digest(), sizeOf(path), 1, reason);
            case DIRECTORY -> {
                TreeMap<String, String> listing = DataFingerprint.listing(path, digests);
                yield new DataSnapshot(name, DataSnapshot.Kind.DIRECTORY, part.digest(), sizeOf(path, listing),
                        listing.size(), reason);
            }
            case MISSING -> DataSnapshot.missing(name);
        });
    }

    private interface Source {
        DataSnapshot snapshot(String name, Path path, FingerprintPart part);
    }

    private static List<DataSnapshot> each(StepDefinition step, Fingerprint data, Path directory, Source source) {
        Set<Path> secrets = DataFingerprint.secretSources(step);
        Map<String, DataSnapshot> snapshots = new LinkedHashMap<>();
        for (Path path : step.dataSources()) {
            String name = DataFingerprint.name(path);
            FingerprintPart part = data.part(Aspect.DATA, name).orElse(null);
            if (part == null || snapshots.containsKey(name)) {
                continue; // not fingerprinted (no fingerprints taken), or read twice by the step
            }
            Path resolved = directory.resolve(path);
            snapshots.put(name, secrets.contains(path) ? secret(name, resolved, part)
                    : safely(source, name, resolved, part));
        }
        return new ArrayList<>(snapshots.values());
    }

    /** A source that cannot be listed or read any more fails no step: it is recorded as not kept, saying why. */
    private static DataSnapshot safely(Source source, String name, Path path, FingerprintPart part) {
        try {
            return source.snapshot(name, path, part);
        } catch (RuntimeException e) {
            return new DataSnapshot(name, kind(part), part.digest(), 0, 0, "it could not be kept: " + e.getMessage());
        }
    }

    private static DataSnapshot.Kind kind(FingerprintPart part) {
        return part.value().equals("file") ? DataSnapshot.Kind.FILE
                : part.value().startsWith("directory") ? DataSnapshot.Kind.DIRECTORY : DataSnapshot.Kind.MISSING;
    }

    /** Neither digest nor size: either would tell something of a key or a password. */
    private static DataSnapshot secret(String name, Path path, FingerprintPart part) {
        DataSnapshot.Kind kind = part.value().equals("(missing)") ? DataSnapshot.Kind.MISSING
                : Files.isDirectory(path) ? DataSnapshot.Kind.DIRECTORY : DataSnapshot.Kind.FILE;
        return new DataSnapshot(name, kind, null, 0, 0, DataSnapshot.SECRET);
    }

    private DataSnapshot file(String name, Path path, String digest) {
        long size = sizeOf(path);
        return new DataSnapshot(name, DataSnapshot.Kind.FILE, digest, size, 1, keepFile(path, digest));
    }

    private DataSnapshot directory(String name, Path path, String digest) {
        TreeMap<String, String> listing = DataFingerprint.listing(path, digests);
        long size = sizeOf(path, listing);
        byte[] bytes = DataListing.bytes(listing);
        String now = Digests.sha256(bytes);
        if (!now.equals(digest)) {
            return new DataSnapshot(name, DataSnapshot.Kind.DIRECTORY, digest, size, listing.size(),
                    "it changed between its fingerprint and its snapshot (now " + Digests.shortForm(now) + ")");
        }
        for (Map.Entry<String, String> file : listing.entrySet()) {
            String why = keepFile(path.resolve(file.getKey()), file.getValue());
            if (why != null) {
                return new DataSnapshot(name, DataSnapshot.Kind.DIRECTORY, digest, size, listing.size(),
                        "its file " + file.getKey() + ": " + why);
            }
        }
        String why = store.contains(digest) ? null : keepListing(bytes, digest);
        return new DataSnapshot(name, DataSnapshot.Kind.DIRECTORY, digest, size, listing.size(), why);
    }

    private @Nullable String keepListing(byte[] bytes, String digest) {
        try (ArtifactStore.Upload upload = store.upload()) {
            upload.write(bytes, 0, bytes.length);
            return kept(upload.finish(digest, bytes.length), digest);
        }
    }

    private static long sizeOf(Path directory, Map<String, String> listing) {
        long size = 0;
        for (String file : listing.keySet()) {
            size += sizeOf(directory.resolve(file));
        }
        return size;
    }

    /** Keeps the file as the artifact {@code digest}, unless the store has it; why it could not, or null. */
    private @Nullable String keepFile(Path file, String digest) {
        if (store.contains(digest)) {
            return null;
        }
        MessageDigest sha256 = Digests.newSha256();
        try (InputStream in = Files.newInputStream(file); ArtifactStore.Upload upload = store.upload()) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha256.update(buffer, 0, read);
                upload.write(buffer, 0, read);
                size += read;
            }
            String copied = Digests.format(sha256.digest());
            if (!copied.equals(digest)) {
                return "it changed while it was being kept (fingerprinted as " + Digests.shortForm(digest)
                        + ", copied as " + Digests.shortForm(copied) + ")"; // the upload closes unfinished: nothing kept
            }
            return kept(upload.finish(digest, size), digest);
        } catch (IOException | RuntimeException e) {
            return "it could not be copied: " + e.getMessage();
        }
    }

    private static @Nullable String kept(Artifact.Kept kept, String digest) {
        if (kept.location() != null) {
            return null;
        }
        return kept.notKeptReason() != null ? kept.notKeptReason() : "the artifact store did not keep " + digest;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // gone since its fingerprint: keeping it says so
        }
    }
}
