package io.reprounit.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories of a forked check that only their owner may read: created so (0600, 0700) where the file system
 * has POSIX permissions, never opened to others and narrowed afterwards. Elsewhere they get the file system's defaults.
 */
final class OwnerOnly {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?>[] FILE = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
    private static final FileAttribute<?>[] DIRECTORY = POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
            : new FileAttribute<?>[0];

    private OwnerOnly() {}

    static Path createTempDirectory(Path parent, String prefix) throws IOException {
        return Files.createTempDirectory(parent, prefix, DIRECTORY);
    }

    /** The directory and any missing parents; those that exist keep their permissions. */
    static Path createDirectories(Path directory) throws IOException {
        return Files.createDirectories(directory, DIRECTORY);
    }

    /** A new empty file; it must not exist yet. */
    static Path createFile(Path file) throws IOException {
        return Files.createFile(file, FILE);
    }

    /** A new file, open for writing; it must not exist yet. */
    static FileChannel createChannel(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE);
    }

    /** Writes {@code file} from its start, creating it owner-only where it does not exist. */
    static BufferedWriter newWriter(Path file) throws IOException {
        return new BufferedWriter(Channels.newWriter(Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), FILE), StandardCharsets.UTF_8));
    }
}
