package io.reprounit.fingerprint.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Git's index ({@code .git/index}) read without JGit: each entry's path, mode, size, modification time and blob id as git
 * recorded them, and the id of the tree the whole index stands for, hashed as git hashes tree objects — what a commit of
 * this index would record. Versions 2 to 4. Only what is needed to tell that a working tree is exactly its commit;
 * anything unusual — conflicts, skip-worktree or intent-to-add entries, a split or sparse index, a structure that does
 * not parse to its last byte — reads as empty, and JGit decides. Whether the checksum holds is asked separately
 * ({@link #intact()}).
 */
final class GitIndex {

    /** One entry: the size is git's, truncated to 32 bits; the time is seconds and nanoseconds. */
    record Entry(String path, int mode, long size, long modifiedSeconds, int modifiedNanos, byte[] blob) {}

    private static final int SHA1_LENGTH = 20;
    private static final int ASSUME_VALID = 0x8000;
    private static final int EXTENDED = 0x4000;
    private static final int STAGE = 0x3000;
    private static final int NAME_LENGTH = 0x0fff;

    private final List<Entry> entries;
    private final byte[] bytes;
    /** The root of git's cache-tree extension where git left it valid: the tree id without hashing anything. */
    private final Optional<String> cachedTree;

    private GitIndex(List<Entry> entries, byte[] bytes, Optional<String> cachedTree) {
        this.entries = List.copyOf(entries);
        this.bytes = bytes;
        this.cachedTree = cachedTree;
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * The id of the tree the index stands for: from git's cache-tree extension, which git keeps valid after a commit;
     * else hashed from the entries, as where JGit wrote the index (it does not write that extension). Hashing is cheap
     * in a warm JVM and not in a fresh one, where it runs interpreted.
     */
    String tree() {
        return cachedTree.orElseGet(this::hashedTree);
    }

    /** The tree id hashed from the entries, as git would write the tree objects. */
    String hashedTree() {
        Map<String, Object> root = new HashMap<>();
        for (Entry entry : entries) {
            Map<String, Object> directory = root;
            String[] names = entry.path().split("/");
            for (int i = 0; i < names.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) directory.computeIfAbsent(names[i], name -> new HashMap<>());
                directory = child;
            }
            directory.put(names[names.length - 1], entry);
        }
        return HexFormat.of().formatHex(treeId(root));
    }

    /** A tree object: {@code <mode> <name>\0<id>} per child, sorted by name with a slash after directory names. */
    private static byte[] treeId(Map<String, Object> children) {
        List<Map.Entry<String, Object>> sorted = new ArrayList<>(children.entrySet());
        sorted.sort((a, b) -> Arrays.compareUnsigned(sortKey(a), sortKey(b)));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> child : sorted) {
            boolean directory = child.getValue() instanceof Map;
            @SuppressWarnings("unchecked")
            byte[] id = directory ? treeId((Map<String, Object>) child.getValue()) : ((Entry) child.getValue()).blob();
            String mode = directory ? "40000" : Integer.toOctalString(((Entry) child.getValue()).mode());
            content.writeBytes((mode + " " + child.getKey()).getBytes(StandardCharsets.UTF_8));
            content.write(0);
            content.writeBytes(id);
        }
        MessageDigest sha1 = sha1();
        sha1.update(("tree " + content.size() + "\0").getBytes(StandardCharsets.US_ASCII));
        sha1.update(content.toByteArray());
        return sha1.digest();
    }

    private static byte[] sortKey(Map.Entry<String, Object> child) {
        return (child.getKey() + (child.getValue() instanceof Map ? "/" : "")).getBytes(StandardCharsets.UTF_8);
    }

    static Optional<GitIndex> read(Path indexFile) {
        try {
            return parse(Files.readAllBytes(indexFile));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<GitIndex> parse(byte[] bytes) {
        if (bytes.length < 12 + SHA1_LENGTH) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - SHA1_LENGTH);
        int signature = in.getInt();
        int version = in.getInt();
        int count = in.getInt();
        if (signature != 0x44495243 /* DIRC */ || version < 2 || version > 4 || count < 0) {
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>(count);
        byte[] previousPath = new byte[0];
        for (int i = 0; i < count; i++) {
            int start = in.position(); // ctime, device, inode, owner: git's own business
            long modifiedSeconds = Integer.toUnsignedLong(in.getInt(start + 8));
            int modifiedNanos = in.getInt(start + 12);
            int mode = in.getInt(start + 24);
            long size = Integer.toUnsignedLong(in.getInt(start + 36));
            byte[] blob = Arrays.copyOfRange(bytes, start + 40, start + 40 + SHA1_LENGTH);
            in.position(start + 40 + SHA1_LENGTH);
            int flags = Short.toUnsignedInt(in.getShort());
            if ((flags & (ASSUME_VALID | EXTENDED | STAGE)) != 0 || (flags & NAME_LENGTH) == NAME_LENGTH) {
                return Optional.empty(); // git would not compare this entry by its stat data, or it is a conflict
            }
            byte[] pathBytes;
            if (version == 4) {
                pathBytes = compressedPath(in, previousPath);
                previousPath = pathBytes;
            } else {
                int nameLength = flags & NAME_LENGTH;
                pathBytes = Arrays.copyOfRange(bytes, in.position(), in.position() + nameLength);
                int length = in.position() + nameLength - start;
                in.position(start + (length + 8) / 8 * 8); // one to eight NULs pad each entry to a multiple of eight
            }
            String path = new String(pathBytes, StandardCharsets.UTF_8);
            entries.add(new Entry(path, mode, size, modifiedSeconds, modifiedNanos, blob));
        }
        Optional<String> cachedTree = Optional.empty();
        while (in.remaining() >= 8) {
            byte first = in.get(in.position());
            if (first < 'A' || first > 'Z') {
                return Optional.empty(); // a mandatory extension (split or sparse index) that we do not understand
            }
            int length = in.getInt(in.position() + 4);
            if (in.getInt(in.position()) == 0x54524545 /* TREE */) {
                cachedTree = rootOfCacheTree(bytes, in.position() + 8, length, count);
            }
            in.position(in.position() + 8 + length); // an optional one, such as git's cache-tree
        }
        return in.remaining() == 0 ? Optional.of(new GitIndex(entries, bytes, cachedTree)) : Optional.empty();
    }

    /**
     * A path of index version 4: how many bytes to drop from the end of the previous entry's path, as git's offset
     * varint, then the rest of the path up to a NUL; no padding follows.
     */
    private static byte[] compressedPath(ByteBuffer in, byte[] previousPath) {
        int next = Byte.toUnsignedInt(in.get());
        long drop = next & 0x7f;
        while ((next & 0x80) != 0) {
            next = Byte.toUnsignedInt(in.get());
            drop = (drop + 1 << 7) + (next & 0x7f);
        }
        if (drop > previousPath.length) {
            throw new IllegalArgumentException("an index path that drops more than its predecessor has");
        }
        int start = in.position();
        int end = start;
        while (in.get(end) != 0) {
            end++;
        }
        in.position(end + 1);
        byte[] path = Arrays.copyOf(previousPath, previousPath.length - (int) drop + end - start);
        in.get(start, path, previousPath.length - (int) drop, end - start);
        return path;
    }

    /**
     * The root entry of the cache-tree extension, {@code \0<entries> <subtrees>\n<id>}, where it is valid: it covers
     * every entry of the index (git writes -1 for a tree a later change invalidated).
     */
    private static Optional<String> rootOfCacheTree(byte[] bytes, int start, int length, int count) {
        int end = start + length;
        if (length < 4 || bytes[start] != 0) {
            return Optional.empty(); // the root's path is empty
        }
        int space = start + 1;
        while (space < end && bytes[space] != ' ') {
            space++;
        }
        int newline = space;
        while (newline < end && bytes[newline] != '\n') {
            newline++;
        }
        if (newline + 1 + SHA1_LENGTH > end) {
            return Optional.empty(); // invalid (no id follows), or cut short
        }
        String covered = new String(bytes, start + 1, space - start - 1, StandardCharsets.US_ASCII);
        if (!covered.equals(Integer.toString(count))) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(bytes, newline + 1, newline + 1 + SHA1_LENGTH));
    }

    /**
     * Whether the trailing SHA-1 covers the rest, as git checks before it trusts an index. Asked only where the index's
     * word is taken for a change: hashing the whole index costs a fresh JVM more than the rest of reading it.
     */
    boolean intact() {
        MessageDigest sha1 = sha1();
        sha1.update(bytes, 0, bytes.length - SHA1_LENGTH);
        byte[] expected = sha1.digest();
        return Arrays.equals(expected, 0, SHA1_LENGTH, bytes, bytes.length - SHA1_LENGTH, bytes.length);
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1"); // git's object ids; every JDK has it
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
