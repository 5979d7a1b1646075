package io.reprounit.artifact;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One stored output read back as its declared type: text, bytes, a file or directory restored under a scratch
 * directory, or a structured value decoded from its canonical form ({@link ValueDecoder}). Every failure, from a
 * missing file to a form that does not fit the type, becomes an {@link ArtifactReadException} naming the artifact.
 */
final class ReadBack {

    private final ReadPlans plans;
    private final ArtifactStore store;
    private final String digest;
    private final Type type;
    private boolean writtenAsRead;

    ReadBack(ReadPlans plans, ArtifactStore store, String digest, Type type) {
        this.plans = plans;
        this.store = store;
        this.digest = digest;
        this.type = type;
    }

    static Optional<String> whyUnreadable(ReadPlans plans, Type type, Normalization normalization) {
        Class<?> raw = GenericTypes.raw(type);
        boolean whole = raw == String.class || raw == byte[].class || ReadPlans.isPath(type);
        if (!whole) {
            if (normalization.hasIgnoredTypes()) {
                return Optional.of("@IgnoreTypes leaves values of the types it names out of what is stored");
            }
            if (!normalization.ignoredFields().isEmpty()) {
                return Optional.of("@IgnoreFields leaves parts out of what is stored");
            }
            if (!normalization.unordered().isEmpty()) {
                return Optional.of("@Unordered stores lists as sets, so their order is not stored");
            }
            if (normalization.significantDigits() > 0) {
                return Optional.of("@SignificantDigits stores numbers rounded, not as they were");
            }
        }
        return plans.whyUnreadable(type);
    }

    @Nullable Object read(String bytesDigest, String mediaType, Path scratch) throws ArtifactReadException {
        try {
            return switch (mediaType) {
                case Artifact.TEXT -> text();
                case Artifact.BINARY -> binary(scratch);
                case Artifact.CANONICAL -> ReadPlans.isPath(type) ? directory(scratch) : structured(bytesDigest);
                default -> throw new ReadFailure("it is stored as " + mediaType + ", which is not read back");
            };
        } catch (ReadFailure | MalformedCanonicalFormException | CorruptedArtifactException | UncheckedIOException
                | MaterializationException e) {
            throw new ArtifactReadException(digest, type, String.valueOf(e.getMessage()), e);
        }
    }

    private Object text() {
        Class<?> raw = GenericTypes.raw(type);
        if (raw != String.class && raw != CharSequence.class) {
            throw new ReadFailure("it is stored as text, not as a " + type.getTypeName());
        }
        return Utf8.decode(bytes(digest));
    }

    private Object binary(Path scratch) {
        if (GenericTypes.raw(type) == byte[].class) {
            return bytes(digest);
        }
        if (!ReadPlans.isPath(type)) {
            throw new ReadFailure("it is stored as bytes, not as a " + type.getTypeName());
        }
        Path file = destination(scratch);
        restore(digest, file);
        return type == File.class ? file.toFile() : file;
    }

    private @Nullable Object directory(Path scratch) {
        ReadPlan listingPlan = new ReadPlan.MapOf(Map.class, TreeMap::new, new ReadPlan.Scalar(String.class),
                new ReadPlan.Scalar(String.class));
        Map<?, ?> listing;
        try (InputStream in = open(digest)) {
            listing = (Map<?, ?>) new ValueDecoder(new CanonicalReader(in), plans,
                    new StoredValue.Context(plans, Optional::empty)).read(listingPlan);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read artifact " + digest, e);
        }
        if (listing == null) {
            return null; // the step returned null
        }
        Path directory = destination(scratch);
        for (Map.Entry<?, ?> entry : listing.entrySet()) {
            String relative = String.valueOf(entry.getKey());
            Path file = directory.resolve(relative).normalize();
            if (!file.startsWith(directory) || relative.isEmpty()) {
                throw new ReadFailure("its listing names " + relative + ", which is not a path inside a directory");
            }
            restore(String.valueOf(entry.getValue()), file);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + directory, e);
        }
        return type == File.class ? directory.toFile() : directory;
    }

    private @Nullable Object structured(String bytesDigest) {
        try {
            return structured(bytesDigest, false);
        } catch (ReadFailure e) {
            // Read again keeping the paths a REF names, so that the message says where it points: only on failure.
            structured(bytesDigest, true);
            throw e;
        }
    }

    private @Nullable Object structured(String bytesDigest, boolean keepsPaths) {
        StoredValue.Context context = new StoredValue.Context(plans, () -> bytesDigest.equals(digest)
                ? Optional.empty() : store.read(bytesDigest));
        try (InputStream in = open(digest)) {
            ValueDecoder decoder = new ValueDecoder(new CanonicalReader(in, keepsPaths), plans, context);
            Object value = decoder.read(plans.plan(type));
            writtenAsRead = decoder.writtenAsRead();
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read artifact " + digest, e);
        }
    }

    /**
     * Whether the value last {@link #read} is proven to materialize, with no normalizer, to exactly the bytes it was
     * read from ({@link ValueDecoder#writtenAsRead()}); those were verified against the digest as they were read.
     */
    boolean writtenAsRead() {
        return writtenAsRead;
    }

    /** Where a path output is restored: named by its digest, so that two outputs never share a place. */
    private Path destination(Path scratch) {
        Path destination = scratch.resolve("output-" + digest.substring(digest.indexOf(':') + 1)).toAbsolutePath();
        deleteAll(destination);
        return destination;
    }

    /** Copies the stored file {@code fileDigest} to {@code file}, verified as it is read. */
    private void restore(String fileDigest, Path file) {
        try (InputStream in = open(fileDigest)) {
            Path parent = java.util.Objects.requireNonNull(file.getParent());
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, ".restoring-", ".tmp");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore " + file + " from artifact " + fileDigest, e);
        }
    }

    private byte[] bytes(String of) {
        try (InputStream in = open(of)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read artifact " + of, e);
        }
    }

    private InputStream open(String of) {
        return store.open(of).orElseThrow(() -> new ReadFailure("the artifact store at " + store.root() + " does not"
                + " hold " + (of.equals(digest) ? "it" : "the file " + of + " of it")
                + " (never kept, over the maximum size, or removed)"));
    }

    private static void deleteAll(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + path + " to restore an output there", e);
        }
    }
}
