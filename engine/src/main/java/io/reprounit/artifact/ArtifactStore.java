package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Artifacts as files named by their content under a root directory: {@code sha256/ab/cdef…} where the bytes are stored
 * as they are, {@code sha256/ab/cdef….zst} where zstd made them at least a tenth smaller (see {@link StoredForm}); the
 * digest is always that of the uncompressed bytes. Each is written once, atomically (a temporary file, then a move),
 * shared by every run that produced the same bytes, and checked against its name whenever it is read, so that a file
 * changed on disk is reported rather than trusted. A file already there is reused only once every byte of it has been
 * compared with the bytes being kept or digested again; a damaged one is reported and replaced. Outputs larger than an
 * optional maximum size are digested but not kept.
 *
 * <p>With a {@link RemoteTier} ({@link #withRemote}), such as an S3 bucket, every artifact kept here is kept there too,
 * under the same location, and this directory is also the read-through cache of that tier: an artifact missing here is
 * downloaded, verified, and kept here on first read. See {@link RemoteCopies}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ArtifactStore {


    private final Path root;
    private final long maxSize;
    private final @Nullable String maxSizeSetting;
    private final RecentUploads recent;
    private final @Nullable RemoteCopies remote;

    public ArtifactStore(Path root) {
        this(root, Long.MAX_VALUE, null, new RecentUploads(), null);
    }

    private ArtifactStore(Path root, long maxSize, @Nullable String maxSizeSetting, RecentUploads recent,
            @Nullable RemoteCopies remote) {
        this.root = requireNonNull(root).toAbsolutePath().normalize();
        this.maxSize = maxSize;
        this.maxSizeSetting = maxSizeSetting;
        this.recent = recent;
        this.remote = remote;
    }

    /**
     * This store, keeping every artifact in {@code tier} as well, and reading from it what is not here: this directory
     * becomes the working copy and the read-through cache of the tier.
     */
    public ArtifactStore withRemote(RemoteTier tier) {
        return new ArtifactStore(root, maxSize, maxSizeSetting, recent, new RemoteCopies(tier, root));
    }

    /** The remote tier that every artifact kept here goes to as well; null where there is none. */
    public @Nullable RemoteTier remote() {
        return remote == null ? null : remote.tier();
    }

    /** Where the artifacts are, for messages: the directory, and the remote tier where there is one. */
    public String describe() {
        return remote == null ? root.toString() : remote.tier().name() + " (cached in " + root + ")";
    }

    /**
     * This store, keeping no output larger than {@code bytes}: such an upload stops writing and finishes as not kept,
     * "larger than {@code setting}", where {@code setting} says how the limit was set (such as
     * {@code reprounit.artifacts.max-size = 64MB}).
     */
    public ArtifactStore withMaxSize(long bytes, String setting) {
        if (bytes < 0) {
            throw new IllegalArgumentException("A maximum size cannot be negative: " + setting);
        }
        return new ArtifactStore(root, bytes, requireNonNull(setting), recent, remote);
    }

    public Path root() {
        return root;
    }

    /** The largest output kept, in bytes; {@link Long#MAX_VALUE} where there is no limit. */
    public long maxSize() {
        return maxSize;
    }

    /** How the maximum size was set, as {@link #withMaxSize} was given it; null where there is none. */
    public @Nullable String maxSizeSetting() {
        return maxSizeSetting;
    }

    /**
     * Keeps the artifact's bytes, unless that digest is already stored and intact (a damaged file is replaced), and gives
     * the file's location relative to the root; empty where the artifact kept only its first bytes in memory, so that there is nothing complete to keep.
     * The maximum size does not apply: this is for artifacts already whole in memory.
     */
    public Optional<String> put(Artifact artifact) {
        return Optional.ofNullable(new ArtifactStore(root, Long.MAX_VALUE, null, recent, remote).keep(artifact)
                .location());
    }

    /**
     * Keeps an artifact whose bytes are all in memory as an upload of them would, within the maximum size; where it
     * holds only its first bytes, says that it cannot be kept.
     */
    public Artifact.Kept keep(Artifact artifact) {
        if (!artifact.isComplete()) {
            return Artifact.Kept.skipped("only its first " + artifact.bytes().length + " bytes were held in memory,"
                    + " and it was not streamed to the artifact store");
        }
        byte[] bytes = artifact.bytes();
        try (Upload upload = upload()) {
            upload.write(bytes, 0, bytes.length);
            return upload.finish(artifact.digest(), artifact.size());
        }
    }

    /** Keeps here an artifact that {@code other} holds, streamed from it and verified on the way. */
    public Artifact.Kept copy(ArtifactStore other, String digest, long size) {
        Optional<InputStream> opened = other.open(digest);
        if (opened.isEmpty()) {
            return Artifact.Kept.skipped("its file in " + other.root() + " was gone before it could be copied here");
        }
        try (InputStream in = opened.get(); Upload upload = upload()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                upload.write(buffer, 0, n);
            }
            return upload.finish(digest, size);
        } catch (CorruptedArtifactException e) {
            return Artifact.Kept.skipped("its file in " + other.root() + " is damaged: it " + e.damage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy artifact " + digest + " from " + other.root(), e);
        }
    }

    /**
     * Begins keeping one artifact whose bytes are written to the returned upload as they are made, before their digest
     * is known. Until {@link Upload#finish} the bytes go to a temporary file; an upload closed unfinished leaves
     * nothing behind. A store that cannot be written fails no step: the upload takes the bytes and finishes as not
     * kept, saying why.
     */
    public Upload upload() {
        Path temporary;
        try {
            Path directory = Files.createDirectories(root.resolve(ArtifactFiles.ALGORITHM));
            temporary = Files.createTempFile(directory, ArtifactFiles.TEMPORARY_PREFIX, "");
        } catch (IOException e) {
            return new Upload(null, e);
        }
        return upload(temporary);
    }

    /** An upload whose bytes go to {@code temporary} until it finishes; the upload removes it (a link: not its target). */
    Upload upload(Path temporary) {
        return new Upload(temporary, null);
    }

    /**
     * One artifact being written: bytes in order, then its digest. Writing only copies the bytes into a bounded set of
     * buffers; compressing and writing the file happen on a thread of the store's. Not thread-safe: one writer.
     */
    public final class Upload implements AutoCloseable {
        private final @Nullable Path temporary;
        private final @Nullable UploadPipe pipe;
        private final @Nullable IOException unwritable;
        private long written;
        private boolean tooLarge;
        private boolean done;
        /** Finishing on a thread of the store's: {@link #close} leaves the temporary file to it. */
        private boolean finishing;

        private Upload(@Nullable Path temporary, @Nullable IOException unwritable) {
            this.temporary = temporary;
            this.pipe = temporary == null ? null : new UploadPipe(temporary, root, recent);
            this.unwritable = unwritable;
        }

        public void write(byte[] bytes, int offset, int length) {
            if (done) {
                throw new IllegalStateException("This upload to " + root + " is finished or closed");
            }
            written += length;
            if (tooLarge || pipe == null) {
                return;
            }
            if (written > maxSize) {
                tooLarge = true; // the rest is still counted, so that finish can check the size it is given
                pipe.abandon();
                return;
            }
            pipe.write(bytes, offset, length);
        }

        /**
         * Moves the bytes written into place as the artifact {@code digest}, or drops them where it is stored already;
         * gives where it is kept, or why it is not: larger than the maximum size, or a file that could not be written.
         *
         * @throws IllegalArgumentException where {@code size} is not the number of bytes written
         */
        public Artifact.Kept finish(String digest, long size) {
            return sent(finishHere(digest, size));
        }

        /** As {@link #finish}, in this directory only: the remote tier, where there is one, is not written. */
        private Artifact.Kept finishHere(String digest, long size) {
            String location = location(digest);
            if (size != written) {
                close();
                throw new IllegalArgumentException("Artifact " + digest + " has " + size + " bytes, but " + written
                        + " were written to its upload");
            }
            if (tooLarge) {
                done = true;
                return Artifact.Kept.skipped("larger than " + maxSizeSetting);
            }
            done = true;
            if (pipe == null) {
                return Artifact.Kept.skipped(notWritten(requireNonNull(unwritable)));
            }
            UploadSink.Written file = pipe.finish();
            try {
                if (file.failure() != null) {
                    throw file.failure();
                }
                RecentUploads.Candidate same = file.same();
                if (same != null && same.digest().equals(digest) && ArtifactFiles.touch(root.resolve(same.location()))) {
                    // Verified: every byte of the file was compared with the bytes written, which have this digest.
                    return Artifact.Kept.at(ArtifactStore.this, same.location()); // nothing was written
                }
                if (same != null) {
                    if (!same.digest().equals(digest)) {
                        ArtifactFiles.reportDamaged(same.digest(), root.resolve(same.location()), "holds the bytes of "
                                + digest + " instead", "The next check that produces it writes it again.");
                    }
                    // Its bytes were ours, but its name is not their digest (damaged), or a gc just removed it.
                    ArtifactFiles.copyInto(root, same.location(), requireNonNull(temporary));
                }
                String kept = ArtifactFiles.moveIntoPlace(root, requireNonNull(temporary), location, digest,
                        requireNonNull(file.form()));
                if (file.firstChunk() != null) {
                    recent.remember(file.firstChunk(), new RecentUploads.Candidate(digest, kept));
                }
                return Artifact.Kept.at(ArtifactStore.this, kept);
            } catch (IOException e) {
                return Artifact.Kept.skipped(notWritten(e));
            } finally {
                deleteTemporary();
            }
        }

        /**
         * As {@link #finish}, except that where a writer thread still has bytes of this upload to compress or write,
         * the rest happens on a thread of the store's and the answer comes when it is done: the step's thread goes on
         * with the next step meanwhile. An upload that never left the step's thread finishes here and now.
         */
        public CompletableFuture<Artifact.Kept> finishInBackground(String digest, long size) {
            CompletableFuture<Artifact.Kept> here;
            if (pipe == null || tooLarge || size != written || !pipe.writing()) {
                here = CompletableFuture.completedFuture(finishHere(digest, size));
            } else {
                finishing = true;
                here = CompletableFuture.supplyAsync(() -> finishHere(digest, size), UploadPipe.WRITERS);
            }
            // The remote tier's copy is sent on a thread of the store's too: the step's thread goes on meanwhile.
            CompletableFuture<Artifact.Kept> kept = remote == null || here.isDone() && here.join().location() == null
                    ? here : here.thenApplyAsync(ArtifactStore.this::sent, UploadPipe.WRITERS);
            return kept.exceptionally(e -> Artifact.Kept.skipped(notWritten(e instanceof CompletionException
                    && e.getCause() != null ? e.getCause() : e)));
        }

        /** Why the artifact is not kept: a full disk says so and where, in one line; another failure as it is. */
        private String notWritten(Throwable failure) {
            return DiskFull.isBehind(failure) ? "the disk holding the artifact store " + root + " is full"
                    : "the artifact store " + root + " could not write it: " + failure;
        }

        /** Abandons an unfinished upload: its temporary file is removed. */
        @Override
        public void close() {
            if (finishing) {
                return;
            }
            if (!done) {
                done = true;
                if (!tooLarge && pipe != null) {
                    pipe.abandon();
                }
            }
            deleteTemporary();
        }

        private void deleteTemporary() {
            if (temporary == null) {
                return;
            }
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clean up " + temporary, e);
            }
        }
    }

    /** {@code kept}, once the remote tier holds it too; or not kept, saying why, where it cannot. */
    private Artifact.Kept sent(Artifact.Kept kept) {
        if (remote == null || kept.location() == null) {
            return kept;
        }
        String failure = remote.send(kept.location());
        return failure == null ? kept : Artifact.Kept.skipped(failure);
    }

    /**
     * The artifact's bytes, streamed (decompressed where they are stored compressed) and verified against the digest:
     * the stream's end throws a {@link CorruptedArtifactException} instead where the bytes do not match. Empty where the
     * store has no such artifact.
     */
    public Optional<InputStream> open(String digest) {
        Optional<InputStream> here = openHere(digest);
        if (here.isPresent() || remote == null) {
            return here;
        }
        RemoteCopies.Fetched fetched = fetch(digest);
        if (fetched.damagedBytes() != null) {
            Path bytes = fetched.damagedBytes();
            StoredForm form = requireNonNull(fetched.form());
            try {
                // Read as any file is, so that its end reports the damage, naming the object; the file goes on close.
                InputStream in = Files.newInputStream(bytes, java.nio.file.StandardOpenOption.DELETE_ON_CLOSE);
                return Optional.of(new VerifiedStream(form.reading(in), digest, requireNonNull(fetched.object()),
                        form == StoredForm.ZSTD));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read artifact " + digest + " from " + fetched.object(), e);
            }
        }
        return fetched.location() == null ? Optional.empty() : openHere(digest);
    }

    private RemoteCopies.Fetched fetch(String digest) {
        try {
            return requireNonNull(remote).fetch(digest);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read artifact " + digest + " from the remote artifact store "
                    + requireNonNull(remote).tier().name() + ": " + e.getMessage(), e);
        }
    }

    private Optional<InputStream> openHere(String digest) {
        String location = location(digest);
        for (StoredForm form : List.of(StoredForm.ZSTD, StoredForm.RAW)) {
            Path file = root.resolve(location + form.suffix());
            try {
                InputStream in = Files.newInputStream(file);
                try {
                    return Optional.of(new VerifiedStream(form.reading(in), digest, file, form == StoredForm.ZSTD));
                } catch (IOException | RuntimeException e) {
                    in.close();
                    throw e;
                }
            } catch (NoSuchFileException e) {
                // the other form, or none
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read artifact " + digest + " from " + file, e);
            }
        }
        return Optional.empty();
    }

    /**
     * The bytes of the artifact with this digest, verified against it; empty where there is no such file.
     *
     * @throws CorruptedArtifactException where the file's content no longer has the digest it is named by
     */
    public Optional<byte[]> read(String digest) {
        Optional<InputStream> opened = open(digest);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = opened.get()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read artifact " + digest + " from " + root, e);
        }
    }

    /**
     * Whether a file for {@code digest} is there, in either form, without reading it; its time is refreshed, so that a
     * gc running now, which spares young files, keeps it for the run about to refer to it. For data snapshots, which
     * skip keeping what is already stored: a damaged file is found where it is read (always verified) or by verify.
     * With a remote tier: a file here is sent there where it is missing (false where it cannot be, so that keeping it
     * again says why); an artifact only there counts as stored, and is read through when needed.
     */
    public boolean contains(String digest) {
        String location = location(digest);
        try {
            for (StoredForm form : List.of(StoredForm.ZSTD, StoredForm.RAW)) {
                if (ArtifactFiles.touch(root.resolve(location + form.suffix()))) {
                    // Kept here: the remote tier must hold it too, else keeping it again sends it (or says why not).
                    return remote == null || remote.send(location + form.suffix()) == null;
                }
            }
            return remote != null && remote.has(digest);
        } catch (IOException e) {
            return false; // not writable: keeping it again says why
        }
    }

    /**
     * Reads the artifact's file whole, as a read of it would (its compressed form first), and says whether it is
     * intact, damaged or missing.
     */
    public ArtifactCondition condition(String digest) {
        ArtifactCondition here = ArtifactVerifier.condition(root, digest);
        if (here.state() != ArtifactCondition.State.MISSING || remote == null) {
            return here;
        }
        RemoteCopies.Fetched fetched = fetch(digest);
        if (fetched.damagedBytes() != null) {
            try {
                Files.deleteIfExists(fetched.damagedBytes());
            } catch (IOException e) {
                // a temporary file of the store's: a gc removes it
            }
            return ArtifactCondition.damaged(digest, here.file(), "in " + fetched.object() + ", "
                    + fetched.damage());
        }
        return fetched.location() == null ? here : ArtifactVerifier.condition(root, digest);
    }

    /**
     * Reads every artifact file in the store whole, in the order of their names, and gives the condition of each;
     * upload's temporary files are left out.
     */
    public List<ArtifactCondition> everyFile() {
        return ArtifactVerifier.everyFile(root);
    }

    /**
     * What the remote tier holds, listed once: the size of each object by its location ({@code sha256/ab/cdef…[.zst]}),
     * so that a file kept here can be found there without reading it; empty where there is no remote tier.
     */
    public Optional<Map<String, Long>> remoteSizes() {
        return remote == null ? Optional.empty() : Optional.of(remote.sizes());
    }

    /** The size of the file at {@code location} (relative to the root), as stored; empty where it is not there. */
    public Optional<Long> storedSize(String location) {
        try {
            return Optional.of(Files.size(root.resolve(location)));
        } catch (IOException e) {
            return remote == null ? Optional.empty() : remote.size(location);
        }
    }

    /** {@code raw} or {@code zstd}: how the file at {@code location} holds its artifact's bytes. */
    public static String codec(String location) {
        return StoredForm.of(location).codec();
    }

    /** {@code sha256/ab/cdef…} for {@code sha256:abcdef…}: where the artifact is kept uncompressed. */
    public static String location(String digest) {
        if (!digest.startsWith(Digests.PREFIX) || digest.length() != Digests.PREFIX.length() + 64) {
            throw new IllegalArgumentException("Not a sha256 digest: " + digest);
        }
        String hex = digest.substring(Digests.PREFIX.length());
        return ArtifactFiles.ALGORITHM + "/" + hex.substring(0, 2) + "/" + hex.substring(2);
    }

    /**
     * Removes every file whose digest is not in {@code kept}, and temporary files left by writers that died, sparing
     * files changed within {@code minimumAge}: a writer in another process may have just written or reused one that its
     * run, not yet committed, refers to. The remote tier's objects go by the same rule, by the time each was written
     * or last refreshed: an object in {@code kept} is never deleted.
     *
     * @return the digests of the artifacts removed, here or there
     */
    public List<String> removeAllExcept(Set<String> kept, Duration minimumAge) {
        List<String> removed = new java.util.ArrayList<>(ArtifactFiles.removeAllExcept(root, kept, minimumAge));
        if (remote != null) {
            for (String digest : remote.removeAllExcept(kept, minimumAge)) {
                if (!removed.contains(digest)) {
                    removed.add(digest);
                }
            }
        }
        return removed;
    }

    /** How many files (temporary ones included) hold no artifact in {@code kept}: after a gc, those it spared. */
    public int countUnreferenced(Set<String> kept) {
        return ArtifactFiles.countUnreferenced(root, kept) + (remote == null ? 0 : remote.countUnreferenced(kept));
    }
}
