package io.reprounit.fingerprint;

import io.reprounit.artifact.PathContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Digests of files, remembered by path, size and modification time. A file modified within the last two seconds is
 * hashed every time, as git does with "racily clean" entries: a write in the same clock tick as the cached read could
 * leave size and time unchanged.
 */
final class FileDigestCache {

    private static final long RACY_MILLIS = 2_000;

    /** Compared by its fields, not {@code equals}, which a fresh JVM would bootstrap through method handles. */
    private record Stamp(long size, long modifiedMillis) {}

    private record Entry(Stamp stamp, String digest) {}

    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();

    String digest(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Stamp stamp = stamp(key);
        Entry cached = entries.get(key);
        if (cached != null && cached.stamp().size() == stamp.size() && cached.stamp().modifiedMillis() == stamp.modifiedMillis()) {
            return cached.digest();
        }
        String digest = PathContent.digest(key);
        if (System.currentTimeMillis() - stamp.modifiedMillis() > RACY_MILLIS) {
            entries.put(key, new Entry(stamp, digest));
        }
        return digest;
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the attributes of " + file, e);
        }
    }
}
