package io.reprounit.artifact;

import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads artifact files whole to find out whether they still hold what their names say: the one rule by which a store
 * that reuses a file, and a command that verifies the store, tell intact files from damaged ones.
 */
final class ArtifactVerifier {

    private ArtifactVerifier() {}

    /**
     * What is wrong with the file, which should hold the artifact {@code digest} in the form its name says; null where
     * nothing is.
     *
     * @throws NoSuchFileException where there is no such file (any more)
     */
    static @Nullable String damage(Path file, String digest) throws NoSuchFileException {
        return damage(file, digest, StoredForm.of(file.getFileName().toString()));
    }

    /** As {@link #damage(Path, String)}, for a file whose name does not say its form, such as a download's. */
    static @Nullable String damage(Path file, String digest, StoredForm form) throws NoSuchFileException {
        try (InputStream stored = Files.newInputStream(file);
                InputStream in = new VerifiedStream(form.reading(stored), digest, file, form == StoredForm.ZSTD)) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        } catch (CorruptedArtifactException e) {
            return e.damage();
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | ZstdException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }

    /** The condition of the file that a read of {@code digest} would get: the compressed form first, as reads go. */
    static ArtifactCondition condition(Path root, String digest) {
        String location = ArtifactStore.location(digest);
        for (StoredForm form : List.of(StoredForm.ZSTD, StoredForm.RAW)) {
            Path file = root.resolve(location + form.suffix());
            try {
                String damage = damage(file, digest);
                return damage == null ? ArtifactCondition.intact(digest, file)
                        : ArtifactCondition.damaged(digest, file, damage);
            } catch (NoSuchFileException e) {
                // the other form, or none
            }
        }
        return ArtifactCondition.missing(digest, root.resolve(location));
    }

    /**
     * The condition of every artifact file under {@code root}, each read whole; temporary files of uploads and files
     * whose names are not digests are not artifacts and are passed over.
     */
    static List<ArtifactCondition> everyFile(Path root) {
        Path directory = root.resolve(ArtifactFiles.ALGORITHM);
        List<ArtifactCondition> conditions = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return conditions;
        }
        try (Stream<Path> files = Files.walk(directory, 2)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String digest = ArtifactFiles.digestOf(file);
                if (digest == null) {
                    continue;
                }
                try {
                    String damage = damage(file, digest);
                    conditions.add(damage == null ? ArtifactCondition.intact(digest, file)
                            : ArtifactCondition.damaged(digest, file, damage));
                } catch (NoSuchFileException e) {
                    // removed by a gc since it was listed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the artifact store " + root, e);
        }
        return conditions;
    }
}
