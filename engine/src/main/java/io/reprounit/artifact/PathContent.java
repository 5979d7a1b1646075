package io.reprounit.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Files and directories by their content. A file is its bytes; a directory is the sorted list of the relative paths of
 * its files with each file's digest, so that neither its absolute location nor the order in which the file system lists
 * it changes the encoding.
 */
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
        if (Files.isDirectory(path)) {
            CanonicalWriter out = CanonicalWriter.inMemory(encoder);
            out.map(listing(path));
            out.finish();
            return Artifact.of(out.toByteArray(), Artifact.CANONICAL);
        }
        requireFile(path);
        MessageDigest sha256 = Digests.newSha256();
        byte[] head = new byte[0];
        long size = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha256)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            List<byte[]> kept = new ArrayList<>();
            while ((read = in.read(buffer)) > 0) {
                if (size < Artifact.MAX_KEPT_BYTES) {
                    kept.add(Arrays.copyOf(buffer, (int) Math.min(read, Artifact.MAX_KEPT_BYTES - size)));
                }
                size += read;
            }
            head = concat(kept);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the step's output file " + path, e);
        }
        String digest = Digests.format(sha256.digest());
        return new Artifact(digest, digest, size, Artifact.BINARY, head);
    }

    /** The digest of a file's content, streamed. */
    public static String digest(Path file) {
        requireFile(file);
        MessageDigest sha256 = Digests.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return Digests.format(sha256.digest());
    }

    /** Relative path (with {@code /} on every system) to digest, for every regular file below {@code directory}. */
    public static TreeMap<String, String> listing(Path directory) {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                files.put(relative, digest(file));
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
