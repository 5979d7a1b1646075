package io.reprounit.fingerprint;

import io.reprounit.artifact.AtomicFiles;
import io.reprounit.artifact.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The git parts of a working tree, kept across JVMs while the tree is as it was. A cold JGit spends hundreds of
 * milliseconds of CPU on its first status, in every Surefire fork; a walk that reads only the size and time of each file
 * costs a fraction of that. The signature covers {@code HEAD}, the ref it names, the index and packed refs, and the
 * path, size and modification time of every file outside {@code .git} and outside what the last status found ignored —
 * so an edit, a new file, a commit, a checkout or a changed {@code .gitignore} all make JGit look again. A tree with a
 * file modified in the last two seconds is not trusted, as git does with racily clean entries.
 */
final class GitStatusCache {

    private static final long RACY_MILLIS = 2_000;

    private final Path file;
    private final Path workTree;

    GitStatusCache(Path directory, Path workTree) {
        this.workTree = workTree.toAbsolutePath().normalize();
        this.file = directory.resolve(Digests.shortForm(Digests.sha256(this.workTree.toString())) + ".txt");
    }

    /** The parts recorded for this tree, if it has not changed since. */
    Optional<List<FingerprintPart>> read() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Set<String> ignored = new TreeSet<>(lines.get(1).isEmpty() ? List.of() : List.of(lines.get(1).split("\t")));
            if (!signature(ignored).equals(Optional.of(lines.get(0)))) {
                return Optional.empty();
            }
            List<FingerprintPart> parts = new ArrayList<>();
            for (String line : lines.subList(2, lines.size())) {
                String[] fields = line.split("\t", 3);
                parts.add(new FingerprintPart(Aspect.CODE, fields[0], fields[2], fields[1]));
            }
            return Optional.of(parts);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or from another version: JGit decides
        }
    }

    /** Remembers the parts JGit found, with the paths its status found ignored. */
    void write(List<FingerprintPart> parts, Set<String> ignored) {
        try {
            Optional<String> signature = signature(ignored);
            if (signature.isEmpty()) {
                return;
            }
            List<String> lines = new ArrayList<>();
            lines.add(signature.get());
            lines.add(String.join("\t", new TreeSet<>(ignored)));
            for (FingerprintPart part : parts) {
                if (part.value().contains("\n")) {
                    return;
                }
                lines.add(part.name() + "\t" + part.digest() + "\t" + part.value());
            }
            AtomicFiles.replace(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // Only a cache: the next JVM asks JGit again.
        }
    }

    /** The tree's signature, or empty where a file is too fresh to be told apart from a later write. */
    private Optional<String> signature(Set<String> ignored) throws IOException {
        Path git = workTree.resolve(".git");
        List<String> entries = new ArrayList<>();
        long now = System.currentTimeMillis();
        boolean[] racy = {false};
        String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        entries.add("HEAD " + head);
        if (head.startsWith("ref: ")) {
            Path ref = git.resolve(head.substring(5));
            entries.add("ref " + (Files.isRegularFile(ref) ? Files.readString(ref).strip() : "(packed)"));
        }
        for (String name : List.of("index", "packed-refs", "info/exclude")) {
            Path path = git.resolve(name);
            if (Files.isRegularFile(path)) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                entries.add(".git/" + name + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis());
                racy[0] |= now - attributes.lastModifiedTime().toMillis() < RACY_MILLIS;
            }
        }
        Files.walkFileTree(workTree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                String relative = relative(directory);
                return directory.equals(git) || ignored.contains(relative) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
                String relative = relative(path);
                if (!ignored.contains(relative)) {
                    long modified = attributes.lastModifiedTime().toMillis();
                    racy[0] |= now - modified < RACY_MILLIS;
                    entries.add(relative + " " + attributes.size() + " " + modified);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (racy[0]) {
            return Optional.empty();
        }
        Collections.sort(entries);
        MessageDigest sha256 = Digests.newSha256();
        entries.forEach(entry -> sha256.update((entry + "\n").getBytes(StandardCharsets.UTF_8)));
        return Optional.of(Digests.format(sha256.digest()));
    }

    private String relative(Path path) {
        return workTree.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
