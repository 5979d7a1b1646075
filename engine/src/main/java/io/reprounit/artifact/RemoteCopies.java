package io.reprounit.artifact;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The artifact store's copies in its {@link RemoteTier}: every file the store keeps is sent there, unless the tier has
 * it already (a HEAD, and a size that matches); a file missing here is fetched from there, verified, and kept here as
 * the read-through cache. What this store sent or saw there is remembered, so that the same artifact kept again costs no
 * request.
 */
final class RemoteCopies {

    /**
     * An object older than this that is reused is refreshed (rewritten in place on the server), as a reused file is
     * touched: a gc spares objects younger than its minimum age (an hour by default), so a run that is about to refer to
     * the object keeps it from being removed before the run is recorded.
     */
    static final Duration REFRESH_AFTER = Duration.ofMinutes(10);

    /** What fetching an artifact found: nothing there, a file now kept here, or a damaged object (its bytes in a file). */
    record Fetched(@Nullable String location, @Nullable Path damagedBytes, @Nullable StoredForm form,
            @Nullable String object, @Nullable String damage) {

        static final Fetched NONE = new Fetched(null, null, null, null, null);
    }

    private final RemoteTier tier;
    private final Path root;
    private final Set<String> there = ConcurrentHashMap.newKeySet();

    RemoteCopies(RemoteTier tier, Path root) {
        this.tier = requireNonNull(tier);
        this.root = requireNonNull(root);
    }

    RemoteTier tier() {
        return tier;
    }

    /** The same tier for a store at another root: what it saw there still holds. */
    RemoteCopies at(Path otherRoot) {
        RemoteCopies copies = new RemoteCopies(tier, otherRoot);
        copies.there.addAll(there);
        return copies;
    }

    /** Where the object for {@code location} is, for messages. */
    String object(String location) {
        return tier.name() + "/" + location;
    }

    /**
     * Makes sure the tier holds the file at {@code location} (relative to the root): a HEAD, and an upload where it is
     * not there or not of the file's size.
     *
     * @return why it could not, or null where it holds it now
     */
    @Nullable String send(String location) {
        if (there.contains(location)) {
            return null;
        }
        try {
            Path file = root.resolve(location);
            long size = Files.size(file);
            Optional<RemoteTier.RemoteObject> object = tier.head(location);
            if (object.isPresent() && object.get().size() == size) {
                if (object.get().lastModified().isBefore(Instant.now().minus(REFRESH_AFTER))
                        && !tier.refresh(location)) {
                    tier.upload(location, file); // removed by a gc between the HEAD and now
                }
            } else {
                tier.upload(location, file);
            }
            there.add(location);
            return null;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return "the remote artifact store " + tier.name() + " could not keep it: " + e.getMessage();
        }
    }

    /** Whether the tier holds an object for {@code digest}, in either form; refreshed where it is old (see send). */
    boolean has(String digest) throws IOException {
        String location = ArtifactStore.location(digest);
        for (StoredForm form : List.of(StoredForm.ZSTD, StoredForm.RAW)) {
            String name = location + form.suffix();
            if (there.contains(name)) {
                return true;
            }
            Optional<RemoteTier.RemoteObject> object = tier.head(name);
            if (object.isPresent()) {
                if (object.get().lastModified().isBefore(Instant.now().minus(REFRESH_AFTER)) && !tier.refresh(name)) {
                    continue;
                }
                there.add(name);
                return true;
            }
        }
        return false;
    }

    /**
     * Downloads the artifact {@code digest} (its compressed form first, as reads go), verifies it whole, and keeps it
     * here. A damaged object is reported, removed from the tier so that the next check that produces it uploads it
     * again, and given back as a file of its bytes, which the caller reads (and deletes) to report the damage.
     */
    Fetched fetch(String digest) throws IOException {
        String location = ArtifactStore.location(digest);
        Path directory = Files.createDirectories(root.resolve(ArtifactFiles.ALGORITHM));
        for (StoredForm form : List.of(StoredForm.ZSTD, StoredForm.RAW)) {
            String name = location + form.suffix();
            Path temporary = Files.createTempFile(directory, ArtifactFiles.TEMPORARY_PREFIX, "");
            boolean handedOver = false;
            try {
                if (!tier.download(name, temporary)) {
                    continue;
                }
                String damage = ArtifactVerifier.damage(temporary, digest, form);
                if (damage != null) {
                    System.err.println("reprounit: artifact object " + object(name) + " was damaged: it should hold "
                            + digest + " but " + damage + ". It is removed from there; the next check that produces"
                            + " it uploads it again.");
                    there.remove(name);
                    tier.delete(List.of(name));
                    handedOver = true;
                    return new Fetched(null, temporary, form, object(name), damage);
                }
                String kept = ArtifactFiles.moveIntoPlace(root, temporary, location, digest, form);
                there.add(name);
                return new Fetched(kept, null, null, null, null);
            } finally {
                if (!handedOver) {
                    Files.deleteIfExists(temporary);
                }
            }
        }
        return Fetched.NONE;
    }

    /** The size of the object at {@code location}; empty where there is none or it cannot be asked. */
    Optional<Long> size(String location) {
        try {
            return tier.head(location).map(RemoteTier.RemoteObject::size);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes every object whose digest is not in {@code kept}, sparing those written within {@code minimumAge}: the
     * same rule as for the store's files.
     *
     * @return the digests of the artifacts removed
     */
    List<String> removeAllExcept(Set<String> kept, Duration minimumAge) {
        Instant youngest = Instant.now().minus(minimumAge);
        List<String> removed = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        for (RemoteTier.RemoteObject object : list()) {
            String digest = digestOf(object.location());
            if (digest != null && !kept.contains(digest) && object.lastModified().isBefore(youngest)) {
                locations.add(object.location());
                there.remove(object.location());
                if (!removed.contains(digest)) {
                    removed.add(digest);
                }
            }
        }
        try {
            tier.delete(locations);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean the remote artifact store " + tier.name(), e);
        }
        return removed;
    }

    /** The size of every artifact's object, by its location: one listing, nothing read; other objects left out. */
    Map<String, Long> sizes() {
        Map<String, Long> sizes = new HashMap<>();
        list().stream().filter(object -> digestOf(object.location()) != null)
                .forEach(object -> sizes.put(object.location(), object.size()));
        return sizes;
    }

    /** How many objects hold no artifact in {@code kept}. */
    int countUnreferenced(Set<String> kept) {
        return (int) list().stream().map(object -> digestOf(object.location()))
                .filter(digest -> digest != null && !kept.contains(digest)).count();
    }

    private List<RemoteTier.RemoteObject> list() {
        try {
            return tier.list();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the remote artifact store " + tier.name(), e);
        }
    }

    /** The digest an object at {@code sha256/ab/cdef…[.zst]} holds; null for anything else under the prefix. */
    static @Nullable String digestOf(String location) {
        String[] parts = location.split("/");
        if (parts.length != 3 || !parts[0].equals(ArtifactFiles.ALGORITHM) || parts[1].length() != 2) {
            return null;
        }
        String hex = parts[2].endsWith(StoredForm.ZSTD.suffix())
                ? parts[2].substring(0, parts[2].length() - StoredForm.ZSTD.suffix().length()) : parts[2];
        return hex.length() == 62 && (parts[1] + hex).matches("[0-9a-f]{64}") ? Digests.PREFIX + parts[1] + hex : null;
    }
}
