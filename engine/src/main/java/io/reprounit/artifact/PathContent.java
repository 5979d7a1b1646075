package io.reprounit.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Files and directories by their content. A file is its bytes; a directory is the sorted list of the relative paths of
 * its files with each file's digest, so that neither its absolute location nor the order in which the file system lists
 * it changes the encoding. Where a step returns one and there is an artifact store, each file is kept in it file by
 * file, in the pass that digests it, so that a large directory is never held in memory.
 */
@API(status = INTERNAL, since = "0.1")
public final class PathContent {

    private PathContent() {}

    /** A path nested in a structure: a file by its digest, a directory by its listing. */
    static void encode(Path path, CanonicalWriter out) {
        if (Files.isDirectory(path)) {
            out.map(listing(path));
        } else {
            out.string(digest(path));
        }
    }

    /** A path that is a step's whole output: a file by its bytes, a directory by its listing. */
    static Artifact materialize(Path path, ValueEncoder encoder) {
        return materialize(path, encoder, null);
    }

    /**
     * As {@link #materialize(Path, ValueEncoder)}, keeping the content in {@code store} where one is given: a file is
     * uploaded in the pass that digests it; a directory keeps each of its files under its own digest, and its listing.
     */
    static Artifact materialize(Path path, ValueEncoder encoder, @Nullable ArtifactStore store) {
        if (Files.isDirectory(path)) {
            CanonicalWriter out = CanonicalWriter.inMemory(encoder);
            TreeMap<String, String> files = listing(path, store);
            out.map(files);
            out.finish();
            Artifact listing = Artifact.of(out.toByteArray(), Artifact.CANONICAL);
            return store == null ? listing : new Artifact(listing.digest(), listing.bytesDigest(), listing.size(),
                    listing.mediaType(), listing.bytes(), store.keep(listing))
                    .withParts(files.values().stream().distinct().sorted().toList());
        }
        requireFile(path);
        MessageDigest sha256 = Digests.newSha256();
        byte[] head;
        long size = 0;
        try (InputStream in = Files.newInputStream(path);
                ArtifactStore.@Nullable Upload upload = store == null ? null : store.upload()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            List<byte[]> kept = new ArrayList<>();
            while ((read = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, read);
                if (upload != null) {
                    upload.write(buffer, 0, read);
                }
                if (size < Artifact.MAX_KEPT_BYTES) {
                    kept.add(Arrays.copyOf(buffer, (int) Math.min(read, Artifact.MAX_KEPT_BYTES - size)));
                }
                size += read;
            }
            head = concat(kept);
            String digest = Digests.format(sha256.digest());
            Artifact.Kept where = upload == null ? Artifact.Kept.NOWHERE : upload.finish(digest, size);
            return new Artifact(digest, digest, size, Artifact.BINARY, head, where);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the step's output file " + path, e);
        }
    }

    /** The digest of a file's content, streamed. */
    public static String digest(Path file) {
        return digest(file, null);
    }

    /** The digest of a file's content, streamed, and into {@code store} in the same pass where one is given. */
    private static String digest(Path file, @Nullable ArtifactStore store) {
        requireFile(file);
        MessageDigest sha256 = Digests.newSha256();
        try (InputStream in = Files.newInputStream(file);
                ArtifactStore.@Nullable Upload upload = store == null ? null : store.upload()) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha256.update(buffer, 0, read);
                if (upload != null) {
                    upload.write(buffer, 0, read);
                }
                size += read;
            }
            String digest = Digests.format(sha256.digest());
            if (upload != null) {
                upload.finish(digest, size); // a file over the maximum size is simply not kept; the listing names it
            }
            return digest;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Relative path (with {@code /} on every system) to digest, for every regular file below {@code directory}. */
    public static TreeMap<String, String> listing(Path directory) {
        return listing(directory, null);
    }

    /** As {@link #listing(Path)}, keeping each file in {@code store} as it is digested, where one is given. */
    static TreeMap<String, String> listing(Path directory, @Nullable ArtifactStore store) {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                files.put(relative, digest(file, store));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
        return files;
    }

    private static void requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new MaterializationException("The path " + path.toAbsolutePath() + " is neither a file nor a directory:"
                    + " a Path output must name something that exists when the step returns");
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }
}
