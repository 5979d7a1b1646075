package io.reprounit.run.jdk;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apiguardian.api.API;

/**
 * The default file system provider of a forked run that varies {@link io.reprounit.api.Variation#DIRECTORY_ORDER}:
 * installed with {@code -Djava.nio.file.spi.DefaultFileSystemProvider}, it wraps the JDK's own and returns every
 * directory listing sorted by name ({@code -Dreprounit.directory.order=sorted}, the control) or in reverse
 * ({@code reversed}, the experiment), so that output that follows listing order differs. The JDK asks this provider for
 * the default {@link FileSystem} and that file system makes every {@link Path}, so both are wrapped too: a provider that
 * handed out the JDK's own file system would never be asked to list a directory. Under
 * {@link io.reprounit.api.Variation#UNSPECIFIED_ORDER} the order is {@code shuffled:<seed>}: by a seed-mixed hash of
 * each name, the same for the same names listed in the same order, and never the file system's own order (of two names
 * or more), which the control run sees.
 */
@API(status = INTERNAL, since = "0.1")
public final class OrderedListingProvider extends FileSystemProvider {

    /** The system property that says which order: {@code sorted} or {@code reversed}. */
    public static final String ORDER_PROPERTY = "reprounit.directory.order";

    /** The prefix of a shuffled order's value, before its seed. */
    public static final String SHUFFLED = "shuffled:";

    private final boolean shuffled;

    private final FileSystemProvider delegate;
    private final Comparator<Path> order;
    private final OrderedListingFileSystem fileSystem;

    /** Called by the JDK with its own default provider. */
    public OrderedListingProvider(FileSystemProvider delegate) {
        this.delegate = requireNonNull(delegate);
        Comparator<Path> byName = Comparator.comparing(path -> String.valueOf(path.getFileName()));
        String order = System.getProperty(ORDER_PROPERTY, "sorted");
        this.shuffled = order.startsWith(SHUFFLED);
        this.order = shuffled ? shuffled(Long.parseLong(order.substring(SHUFFLED.length())), byName)
                : "reversed".equals(order) ? byName.reversed() : byName;
        this.fileSystem = new OrderedListingFileSystem(this, delegate.getFileSystem(URI.create("file:///")));
    }

    /**
     * The classes of this provider and of the file system and paths it hands out, which the JDK loads while it makes
     * its default file system.
     */
    public static List<Class<?>> classes() {
        return List.of(OrderedListingProvider.class, OrderedListingFileSystem.class, OrderedListingPath.class);
    }

    /** By a hash of the name that the seed mixes, the name breaking ties. */
    private static Comparator<Path> shuffled(long seed, Comparator<Path> byName) {
        Comparator<Path> byMixedHash = Comparator.comparingInt(path ->
                ShuffledOrders.mix(String.valueOf(path.getFileName()).hashCode(), seed));
        return byMixedHash.thenComparing(byName);
    }

    static Path unwrap(Path path) {
        return path instanceof OrderedListingPath wrapped ? wrapped.delegate() : path;
    }

    @Override
    public String getScheme() {
        return delegate.getScheme();
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        return delegate.newFileSystem(uri, env);
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        return fileSystem;
    }

    @Override
    public Path getPath(URI uri) {
        return fileSystem.wrap(delegate.getPath(uri));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = delegate.newDirectoryStream(unwrap(dir),
                entry -> filter.accept(fileSystem.wrap(entry)))) {
            listing.forEach(entry -> entries.add(fileSystem.wrap(entry)));
        }
        List<Path> listed = shuffled ? List.copyOf(entries) : List.of();
        entries.sort(order);
        if (shuffled) {
            ShuffledCalls.record(ShuffledOrders.DIRECTORY_STREAM);
            if (entries.size() > 1 && entries.equals(listed)) {
                // The file system's own order, which the control sees: reversed, a function of the listing alone.
                Collections.reverse(entries);
            }
        }
        return new DirectoryStream<>() {
            private boolean iterated;

            @Override
            public Iterator<Path> iterator() {
                if (iterated) {
                    throw new IllegalStateException("A directory stream can be iterated once");
                }
                iterated = true;
                return entries.iterator();
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return delegate.newByteChannel(unwrap(path), options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return delegate.newFileChannel(unwrap(path), options, attrs);
    }

    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(Path path, Set<? extends OpenOption> options,
            ExecutorService executor, FileAttribute<?>... attrs) throws IOException {
        return delegate.newAsynchronousFileChannel(unwrap(path), options, executor, attrs);
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        return delegate.newInputStream(unwrap(path), options);
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        return delegate.newOutputStream(unwrap(path), options);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        delegate.createDirectory(unwrap(dir), attrs);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        delegate.createSymbolicLink(unwrap(link), unwrap(target), attrs);
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        delegate.createLink(unwrap(link), unwrap(existing));
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return fileSystem.wrap(delegate.readSymbolicLink(unwrap(link)));
    }

    @Override
    public void delete(Path path) throws IOException {
        delegate.delete(unwrap(path));
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return delegate.deleteIfExists(unwrap(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        delegate.copy(unwrap(source), unwrap(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        delegate.move(unwrap(source), unwrap(target), options);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return delegate.isSameFile(unwrap(path), unwrap(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return delegate.isHidden(unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return delegate.getFileStore(unwrap(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        delegate.checkAccess(unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return delegate.getFileAttributeView(unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return delegate.readAttributes(unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return delegate.readAttributes(unwrap(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        delegate.setAttribute(unwrap(path), attribute, value, options);
    }
}
