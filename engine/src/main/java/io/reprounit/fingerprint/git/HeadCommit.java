package io.reprounit.fingerprint.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.InflaterInputStream;

/**
 * The branch {@code HEAD} names, its commit and that commit's tree, read from {@code .git} without JGit: the branch from
 * {@code HEAD}, the commit from the branch's ref file or {@code packed-refs}, the tree from the commit's loose object.
 * Right after a commit all of these are plain files; where they are not — a detached {@code HEAD}, a commit already
 * packed — it reads as empty, and JGit decides.
 */
record HeadCommit(String branch, String commit, String tree) {

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}");
    private static final String BRANCHES = "refs/heads/";

    static Optional<HeadCommit> read(Path gitDir) {
        try {
            String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).strip();
            if (!head.startsWith("ref: " + BRANCHES)) {
                return Optional.empty();
            }
            String ref = head.substring("ref: ".length());
            Optional<String> commit = refTarget(gitDir, ref);
            if (commit.isEmpty()) {
                return Optional.empty();
            }
            return treeOf(gitDir, commit.get())
                    .map(tree -> new HeadCommit(ref.substring(BRANCHES.length()), commit.get(), tree));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> refTarget(Path gitDir, String ref) throws IOException {
        Path loose = gitDir.resolve(ref);
        if (Files.isRegularFile(loose)) {
            return id(Files.readString(loose, StandardCharsets.UTF_8).strip());
        }
        Path packed = gitDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref)) {
                    return id(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        return Optional.empty();
    }

    /** The tree of a commit stored as a loose object: zlib-compressed {@code commit <size>\0tree <id>\n...}. */
    private static Optional<String> treeOf(Path gitDir, String commit) throws IOException {
        Path object = gitDir.resolve("objects").resolve(commit.substring(0, 2)).resolve(commit.substring(2));
        if (!Files.isRegularFile(object)) {
            return Optional.empty();
        }
        byte[] start;
        try (InputStream in = new InflaterInputStream(Files.newInputStream(object))) {
            start = in.readNBytes(128);
        }
        String text = new String(start, StandardCharsets.ISO_8859_1);
        int body = text.indexOf('\0') + 1;
        if (!text.startsWith("commit ") || body == 0 || !text.startsWith("tree ", body)) {
            return Optional.empty();
        }
        return id(text.substring(body + "tree ".length(), Math.min(text.length(), body + "tree ".length() + 40)));
    }

    private static Optional<String> id(String text) {
        return OBJECT_ID.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }
}
