package io.reprounit.run.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patch jar: made once per seed and file order, owner-only, refused in a directory that others may write; and the
 * shuffled listing order of {@link OrderedListingProvider}, which follows the seed and the listing, and is never the
 * file system's own.
 */
class JdkPatchTest {

    @TempDir
    Path temporary;

    @Test
    void aJarIsMadeOnceAndHoldsTheRewrittenClassesAndTheHelper() throws IOException {
        Path jar = new JdkPatch(42, ShuffledOrders.FILES_SHUFFLED).jar(temporary);

        assertThat(new JdkPatch(42, ShuffledOrders.FILES_SHUFFLED).jar(temporary)).isEqualTo(jar);
        assertThat(new JdkPatch(43, ShuffledOrders.FILES_SHUFFLED).jar(temporary)).isNotEqualTo(jar);
        assertThat(jar.toString()).as("--patch-module reads ':' as a path separator").doesNotContain(":");
        assertThat(Files.getPosixFilePermissions(jar.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (JarFile content = new JarFile(jar.toFile())) {
            assertThat(content.stream().map(entry -> entry.getName()).toList()).contains("java/util/HashMap.class",
                    "java/util/concurrent/ConcurrentHashMap.class", "java/lang/Enum.class", "java/lang/Class.class",
                    "java/io/File.class", ShuffledOrders.RUNTIME_NAME.replace('.', '/') + ".class");
        }
        try (JarFile listingsOnly = new JarFile(new JdkPatch(0, ShuffledOrders.FILES_REVERSED).jar(temporary).toFile())) {
            assertThat(listingsOnly.stream().map(entry -> entry.getName()).toList()).as("directory_order alone")
                    .containsExactlyInAnyOrder("java/io/File.class",
                            ShuffledOrders.RUNTIME_NAME.replace('.', '/') + ".class");
        }
    }

    @Test
    void aDirectoryThatOthersMayWriteIsRefused() throws IOException {
        Path shared = Files.createDirectory(temporary.resolve(JdkPatch.DIRECTORY + "-"
                + System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_")));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> new JdkPatch(42, ShuffledOrders.FILES_SHUFFLED).jar(temporary))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("others may write to it");
    }

    @Test
    void shuffledListingsFollowTheSeed() throws IOException {
        for (char letter = 'a'; letter <= 'l'; letter++) {
            Files.writeString(temporary.resolve(letter + ".csv"), "x");
        }
        List<String> first = listed("shuffled:42");
        List<String> again = listed("shuffled:42");
        List<String> other = listed("shuffled:43");

        assertThat(first).hasSize(12).isEqualTo(again).isNotEqualTo(other).isNotEqualTo(listed("sorted"));
        assertThat(first).containsExactlyInAnyOrderElementsOf(other);
    }

    @Test
    void aShuffledListingOfTwoIsNeverTheFileSystemsOwn() throws IOException {
        Files.writeString(temporary.resolve("left.csv"), "x");
        Files.writeString(temporary.resolve("right.csv"), "x");
        List<String> own;
        try (var paths = Files.list(temporary)) {
            own = paths.map(path -> path.getFileName().toString()).toList();
        }

        for (int seed = 1; seed <= 200; seed++) {
            assertThat(listed("shuffled:" + seed)).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(own)
                    .isNotEqualTo(own);
        }
    }

    private List<String> listed(String order) throws IOException {
        System.setProperty(OrderedListingProvider.ORDER_PROPERTY, order);
        try (var paths = Files.list(new OrderedListingProvider(java.nio.file.FileSystems.getDefault().provider())
                .getFileSystem(java.net.URI.create("file:///")).getPath(temporary.toString()))) {
            return paths.map(path -> path.getFileName().toString()).toList();
        } finally {
            System.clearProperty(OrderedListingProvider.ORDER_PROPERTY);
        }
    }
}
