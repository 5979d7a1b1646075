package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import com.github.luben.zstd.ZstdException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Where an upload's chunks end up, in order, on one thread. Normally the temporary file, in the form the first chunk
 * decides. But where an artifact of the store began with the same first chunk lately (see {@link RecentUploads}), the
 * chunks are only compared with that file's bytes as they come: a reproducible step's second output then costs a read
 * of the first, not a second file. At the first chunk that differs, the bytes that matched are copied from that file
 * into the temporary file, and writing goes on from there.
 */
final class UploadSink {

    /** What the temporary file holds: its form; or that the bytes were all those of {@code same}; or the failure. */
    record Written(@Nullable StoredForm form, @Nullable IOException failure, RecentUploads.@Nullable Candidate same,
            @Nullable Long firstChunk) {}

    private final Path temporary;
    private final Path root;
    private final @Nullable RecentUploads recent;
    private @Nullable StoredForm form;
    private @Nullable OutputStream out;
    private @Nullable IOException failure;
    private @Nullable Long firstChunk;
    private RecentUploads.@Nullable Candidate candidate;
    private @Nullable InputStream against;
    private long matched;
    private byte[] compared = new byte[0];

    /** @param recent the store's recent artifacts, to compare with; null to always write */
    UploadSink(Path temporary, Path root, @Nullable RecentUploads recent) {
        this.temporary = requireNonNull(temporary);
        this.root = requireNonNull(root);
        this.recent = recent;
    }

    void accept(byte[] bytes, int length) {
        if (failure != null) {
            return;
        }
        try {
            if (firstChunk == null) {
                start(bytes, length);
            }
            if (against != null) {
                if (matches(bytes, length)) {
                    matched += length;
                    return;
                }
                diverge();
            }
            requireNonNull(out).write(bytes, 0, length);
        } catch (IOException e) {
            failure = e;
        }
    }

    private void start(byte[] first, int length) throws IOException {
        firstChunk = RecentUploads.key(first, length);
        candidate = recent == null ? null : recent.find(firstChunk);
        if (candidate != null) {
            form = StoredForm.of(candidate.location());
            try {
                against = form.reading(Files.newInputStream(root.resolve(candidate.location())));
                return;
            } catch (IOException e) {
                candidate = null; // removed since: write as usual
            }
        }
        form = StoredForm.choose(first, length);
        out = open();
    }

    private OutputStream open() throws IOException {
        return requireNonNull(form).writing(new BufferedOutputStream(Files.newOutputStream(temporary), 64 * 1024));
    }

    private boolean matchesEnd() {
        try {
            return requireNonNull(against).read() < 0;
        } catch (IOException | ZstdException e) {
            requireNonNull(recent).forget(requireNonNull(firstChunk)); // damaged: see matches
            return false;
        }
    }

    private boolean matches(byte[] bytes, int length) {
        if (compared.length < length) {
            compared = new byte[length];
        }
        int read;
        try {
            read = requireNonNull(against).readNBytes(compared, 0, length);
        } catch (IOException | ZstdException e) {
            // A damaged compressed file: not the same bytes. Forgotten, so that the next upload of them writes a file
            // that replaces it rather than comparing with it again.
            requireNonNull(recent).forget(requireNonNull(firstChunk));
            return false;
        }
        return read == length && Arrays.equals(bytes, 0, length, compared, 0, length);
    }

    /** The bytes differ from the candidate's from here on: the temporary file gets the ones that matched. */
    private void diverge() throws IOException {
        requireNonNull(against).close();
        against = null;
        out = open(); // the candidate's form: the same first chunk decides the same form
        try (InputStream again = requireNonNull(form)
                .reading(Files.newInputStream(root.resolve(requireNonNull(candidate).location())))) {
            byte[] buffer = new byte[64 * 1024];
            long left = matched;
            while (left > 0) {
                int read = again.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
                if (read == 0) {
                    throw new IOException("Artifact file " + candidate.location() + " ended while its first " + matched
                            + " bytes were copied");
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        }
        candidate = null;
    }

    Written close(boolean abandoned) {
        RecentUploads.Candidate same = null;
        try {
            if (against != null && failure == null && !abandoned) {
                if (matchesEnd()) {
                    same = candidate; // every byte matched, and the candidate has no more
                } else {
                    diverge(); // the candidate is longer, or damaged at its end
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        try {
            if (against != null) {
                against.close();
            }
            if (out != null) {
                out.close();
            } else if (form == null) {
                form = StoredForm.RAW; // the empty artifact
            }
        } catch (IOException e) {
            failure = failure != null ? failure : e;
        }
        if (abandoned || failure != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                failure = failure != null ? failure : e;
            }
        }
        return new Written(form, failure, same, firstChunk);
    }
}
