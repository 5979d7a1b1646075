package io.reprounit.cli;

import io.reprounit.artifact.ArtifactCondition;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.RemoteTier;
import io.reprounit.store.KeptArtifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code verify} finds of a team's remote artifact store: every artifact the metadata store refers to and this
 * machine keeps must be in the bucket too, with the same size, or other machines cannot read it. The bucket is listed
 * once; nothing is downloaded (an object missing here is read through, and so checked, by the artifact check itself).
 */
final class BucketCheck {

    /** An artifact kept here that the bucket lacks, or holds with another size. */
    record Problem(String digest, String object, String state, String problem, List<KeptArtifact.Use> uses) {}

    /** The bucket (for messages), how many objects its listing had, and what it lacks. */
    record Result(String bucket, int objectsListed, List<Problem> problems) {}

    private BucketCheck() {}

    /**
     * @param files the conditions of this machine's files, as {@link ArtifactStore#everyFile()} gave them
     * @return empty where the store has no remote tier
     */
    static Optional<Result> check(ArtifactStore store, List<KeptArtifact> kept, List<ArtifactCondition> files) {
        return store.remoteSizes().map(listing -> check(store, listing, kept, files));
    }

    private static Result check(ArtifactStore store, Map<String, Long> listing, List<KeptArtifact> kept,
            List<ArtifactCondition> files) {
        Map<String, ArtifactCondition> here = new HashMap<>();
        files.stream().filter(ArtifactCondition::isIntact).forEach(file -> here.put(file.digest(), file));
        RemoteTier remote = store.remote();
        String bucket = remote == null ? "the bucket" : remote.name();
        List<Problem> problems = new ArrayList<>();
        for (KeptArtifact artifact : kept) {
            ArtifactCondition file = here.get(artifact.digest());
            if (file == null) {
                continue;
            }
            String location = location(store.root(), file.file());
            Long size = listing.get(location);
            long local = file.file().toFile().length();
            if (size == null) {
                problems.add(new Problem(artifact.digest(), bucket + "/" + location, "not in bucket",
                        "only this machine has it", artifact.uses()));
            } else if (size != local) {
                problems.add(new Problem(artifact.digest(), bucket + "/" + location, "differs in bucket",
                        size + " bytes there, " + local + " here", artifact.uses()));
            }
        }
        return new Result(bucket, listing.size(), problems);
    }

    /** {@code sha256/ab/cdef…[.zst]}: where the store keeps {@code file}, as the bucket names its object. */
    private static String location(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
