package io.reprounit.run.jdk;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import org.jspecify.annotations.Nullable;

/** A path of {@link OrderedListingFileSystem}: the JDK's path, so that every operation on it goes through the wrapper. */
final class OrderedListingPath implements Path {

    private final OrderedListingFileSystem fileSystem;
    private final Path delegate;

    OrderedListingPath(OrderedListingFileSystem fileSystem, Path delegate) {
        this.fileSystem = requireNonNull(fileSystem);
        this.delegate = requireNonNull(delegate);
    }

    Path delegate() {
        return delegate;
    }

    private Path wrap(Path path) {
        return fileSystem.wrap(path);
    }

    private static Path unwrap(Path path) {
        return OrderedListingProvider.unwrap(path);
    }

    @Override
    public FileSystem getFileSystem() {
        return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return delegate.isAbsolute();
    }

    @Override
    public @Nullable Path getRoot() {
        return fileSystem.wrapOrNull(delegate.getRoot());
    }

    @Override
    public @Nullable Path getFileName() {
        return fileSystem.wrapOrNull(delegate.getFileName());
    }

    @Override
    public @Nullable Path getParent() {
        return fileSystem.wrapOrNull(delegate.getParent());
    }

    @Override
    public int getNameCount() {
        return delegate.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(delegate.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(delegate.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return delegate.startsWith(unwrap(other));
    }

    @Override
    public boolean endsWith(Path other) {
        return delegate.endsWith(unwrap(other));
    }

    @Override
    public Path normalize() {
        return wrap(delegate.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(delegate.resolve(unwrap(other)));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(delegate.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
        return delegate.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(delegate.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return wrap(delegate.toRealPath(options));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        return delegate.register(watcher, events, modifiers);
    }

    /**
     * A file of this path's string, as the JDK's own paths make theirs; asking the JDK's path would fail in a forked
     * run, where its file system is no longer the default one.
     */
    @Override
    public java.io.File toFile() {
        return new java.io.File(delegate.toString());
    }

    @Override
    public int compareTo(Path other) {
        return delegate.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof OrderedListingPath path && delegate.equals(path.delegate);
    }

    @Override
    public int hashCode() {
        return delegate.hashCode();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
