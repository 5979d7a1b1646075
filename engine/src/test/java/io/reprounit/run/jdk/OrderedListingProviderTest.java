package io.reprounit.run.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory-order wrapper reorders listings made through paths of its own file system: the JDK makes every default
 * path through the file system the provider hands out, so a listing goes back through the provider.
 */
class OrderedListingProviderTest {

    @TempDir
    Path directory;

    @AfterEach
    void clear() {
        System.clearProperty(OrderedListingProvider.ORDER_PROPERTY);
    }

    @Test
    void listingsComeBackReversedOrSortedWhateverTheFileSystemsOrder() throws IOException {
        for (String name : List.of("c.csv", "a.csv", "d.csv", "b.csv")) {
            Files.writeString(directory.resolve(name), name);
        }

        System.setProperty(OrderedListingProvider.ORDER_PROPERTY, "reversed");
        FileSystem reversed = wrapped();
        System.setProperty(OrderedListingProvider.ORDER_PROPERTY, "sorted");
        FileSystem sorted = wrapped();

        Path dir = reversed.getPath(directory.toString());
        assertThat(dir.getFileSystem()).isSameAs(reversed);
        assertThat(names(Files.list(dir))).containsExactly("d.csv", "c.csv", "b.csv", "a.csv");
        assertThat(names(Files.walk(dir).filter(Files::isRegularFile))).containsExactly("d.csv", "c.csv", "b.csv", "a.csv");
        List<String> streamed = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.csv")) {
            stream.forEach(path -> streamed.add(path.getFileName().toString()));
        }
        assertThat(streamed).containsExactly("d.csv", "c.csv", "b.csv", "a.csv");
        assertThat(names(Files.list(sorted.getPath(directory.toString())))).containsExactly("a.csv", "b.csv", "c.csv", "d.csv");
    }

    @Test
    void wrappedPathsStillReadWriteAndResolve() throws IOException {
        FileSystem wrapped = wrapped();
        Path file = wrapped.getPath(directory.toString()).resolve("x.txt");

        Files.writeString(file, "hello");

        assertThat(Files.readString(file)).isEqualTo("hello");
        assertThat(file.toFile()).hasContent("hello");
        assertThat(file.getParent().getFileSystem()).isSameAs(wrapped);
        assertThat(file.toString()).isEqualTo(directory.resolve("x.txt").toString());
    }

    private static FileSystem wrapped() {
        return new OrderedListingProvider(FileSystems.getDefault().provider()).getFileSystem(URI.create("file:///"));
    }

    private static List<String> names(Stream<Path> paths) {
        try (paths) {
            return paths.map(path -> path.getFileName().toString()).toList();
        }
    }
}
