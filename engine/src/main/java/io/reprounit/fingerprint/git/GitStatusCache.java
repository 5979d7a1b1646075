package io.reprounit.fingerprint.git;

import io.reprounit.artifact.AtomicFiles;
import io.reprounit.artifact.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The git state of a working tree, kept across JVMs while the tree is as it was. A cold JGit spends hundreds of
 * milliseconds of CPU on its first status, in every Surefire fork; a walk that reads only the size and time of each file
 * costs a fraction of that. The signature covers {@code HEAD}, the ref it names, the index and packed refs, and the
 * path, size and modification time of every file outside {@code .git} and outside what the last status found ignored —
 * so an edit, a new file, a commit, a checkout or a changed {@code .gitignore} all make JGit look again. A tree with a
 * file modified in the last two seconds is not trusted, as git does with racily clean entries.
 *
 * <p>One exception spares JGit the commit that leaves a clean tree: where the signature differs but the ignore rules
 * (every {@code .gitignore}, {@code .git/info/exclude}, the git configuration files) are as they were, so that the
 * remembered ignored paths still hold, {@link IndexStatus} may tell from git's index that the tree is exactly its new
 * commit, or what was edited since.
 */
final class GitStatusCache {

    private static final String FORMAT = "reprounit git status 5";
    /** The last line: a file cut short or edited by hand loses it, and is not believed. */
    private static final String END = "end";
    private static final long RACY_MILLIS = 2_000;

    private final Path file;
    private final Path workTree;

    GitStatusCache(Path directory, Path workTree) {
        this.workTree = workTree.toAbsolutePath().normalize();
        this.file = directory.resolve(Digests.shortForm(Digests.sha256(this.workTree.toString())) + ".txt");
    }

    /** The state recorded for this tree if it has not changed since, or as the index tells it. */
    Optional<GitState> read() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            // One string, split on line ends: a fresh JVM decodes it at a fraction of what a line reader costs.
            List<String> lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n"));
            if (lines.size() < 8 || !lines.get(0).equals(FORMAT) || !lines.get(lines.size() - 1).equals(END)) {
                return Optional.empty(); // from another version, or damaged: JGit decides
            }
            Set<String> ignored = paths(lines.get(3));
            Set<String> untracked = paths(lines.get(4));
            Optional<Snapshot> now = snapshot(ignored);
            if (now.isEmpty()) {
                return Optional.empty();
            }
            if (now.get().signature().equals(lines.get(1))) {
                return Optional.of(state(lines.subList(5, lines.size() - 1)));
            }
            if (!now.get().ignoreRules().equals(lines.get(2))) {
                return Optional.empty();
            }
            Optional<GitState> told = IndexStatus.state(workTree, now.get().files(), untracked);
            told.ifPresent(state -> write(state, ignored, untracked, now.get()));
            return told;
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or damaged: JGit decides
        }
    }

    /** Remembers the state JGit found, with the paths its status found ignored and those it found untracked. */
    void write(GitState state, Set<String> ignored, Set<String> untracked) {
        try {
            snapshot(ignored).ifPresent(snapshot -> write(state, ignored, untracked, snapshot));
        } catch (IOException | RuntimeException e) {
            // Only a cache: the next JVM asks JGit again.
        }
    }

    private void write(GitState state, Set<String> ignored, Set<String> untracked, Snapshot snapshot) {
        if (!(state instanceof GitState.Checkout checkout)
                || (checkout.commit() + checkout.branch()).chars().anyMatch(c -> c == '\t' || c == '\n')) {
            return; // only a checkout is worth remembering, and only where its lines can hold it
        }
        List<String> lines = new ArrayList<>();
        lines.add(FORMAT);
        lines.add(snapshot.signature());
        lines.add(snapshot.ignoreRules());
        lines.add(String.join("\t", new TreeSet<>(ignored)));
        lines.add(String.join("\t", new TreeSet<>(untracked)));
        lines.add("commit\t" + checkout.commit());
        lines.add("branch\t" + checkout.branch());
        checkout.uncommitted().ifPresent(u -> lines.add("uncommitted\t" + u.files() + "\t" + u.digest()));
        lines.add(END);
        try {
            AtomicFiles.replace(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // Only a cache: the next JVM asks JGit again.
        }
    }

    /** A checkout from the lines {@link #write} wrote: commit, branch and, where dirty, the uncommitted changes. */
    private static GitState state(List<String> lines) {
        Optional<GitState.Uncommitted> uncommitted = lines.size() < 3 ? Optional.empty() : Optional.of(
                new GitState.Uncommitted(Integer.parseInt(field(lines.get(2), "uncommitted", 1)),
                        field(lines.get(2), "uncommitted", 2)));
        return new GitState.Checkout(field(lines.get(0), "commit", 1), field(lines.get(1), "branch", 1), uncommitted);
    }

    private static String field(String line, String name, int index) {
        String[] fields = line.split("\t");
        if (!fields[0].equals(name)) {
            throw new IllegalArgumentException("not a " + name + " line: " + line); // damaged: JGit decides
        }
        return fields[index];
    }

    /**
     * @param signature   of the whole tree, {@code .git} state included: the entries themselves, not a digest of them —
     *                    comparing a few thousand characters is exact and costs a fresh JVM far less than hashing them
     * @param ignoreRules of the files that decide what git ignores, the same way
     * @param files       the files outside {@code .git} and outside the ignored paths, with the attributes the walk read
     */
    private record Snapshot(String signature, String ignoreRules, Map<String, BasicFileAttributes> files) {}

    /** The tree as it is now, or empty where a file is too fresh to be told apart from a later write. */
    private Optional<Snapshot> snapshot(Set<String> ignored) throws IOException {
        Path git = workTree.resolve(".git");
        List<String> entries = new ArrayList<>();
        List<String> ignoreRules = new ArrayList<>();
        Map<String, BasicFileAttributes> files = new HashMap<>();
        long now = System.currentTimeMillis();
        boolean[] racy = {false};
        boolean[] unwritable = {false}; // a name with a tab or a line end, which the cache's lines cannot hold
        String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        entries.add("HEAD " + head);
        if (head.startsWith("ref: ")) {
            Path ref = git.resolve(head.substring(5));
            entries.add("ref " + (Files.isRegularFile(ref) ? Files.readString(ref).strip() : "(packed)"));
        }
        for (String name : List.of("index", "packed-refs", "info/exclude", "config")) {
            Path path = git.resolve(name);
            if (Files.isRegularFile(path)) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                String entry = ".git/" + name + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
                entries.add(entry);
                if (!name.equals("index") && !name.equals("packed-refs")) {
                    ignoreRules.add(entry);
                }
                racy[0] |= now - attributes.lastModifiedTime().toMillis() < RACY_MILLIS;
            }
        }
        userIgnoreRules(ignoreRules);
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
                    unwritable[0] |= relative.indexOf('\t') >= 0 || relative.indexOf('\n') >= 0;
                    long modified = attributes.lastModifiedTime().toMillis();
                    racy[0] |= now - modified < RACY_MILLIS;
                    String entry = relative + " " + attributes.size() + " " + modified;
                    entries.add(entry);
                    files.put(relative, attributes);
                    if (path.getFileName().toString().equals(".gitignore")) {
                        ignoreRules.add(entry);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (racy[0] || unwritable[0]) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(joined(entries), joined(ignoreRules), files));
    }

    /** The user's git configuration and global excludes, which can name more ignored files. */
    private static void userIgnoreRules(List<String> ignoreRules) throws IOException {
        String home = System.getProperty("user.home", "");
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isBlank() ? Path.of(home, ".config") : Path.of(xdg);
        for (Path path : List.of(Path.of(home, ".gitconfig"), config.resolve("git/config"), config.resolve("git/ignore"))) {
            if (Files.isRegularFile(path)) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                ignoreRules.add(path + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis());
            }
        }
    }

    private static Set<String> paths(String line) {
        return new TreeSet<>(line.isEmpty() ? List.of() : List.of(line.split("\t")));
    }

    private static String joined(List<String> entries) {
        Collections.sort(entries);
        return String.join("\t", entries);
    }

    private String relative(Path path) {
        return workTree.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
