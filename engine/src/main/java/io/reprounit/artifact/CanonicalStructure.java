package io.reprounit.artifact;

import io.reprounit.artifact.CanonicalReader.Kind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link CanonicalReader} stands in the value: the open containers, what each expects next, and the scopes in
 * which containers are numbered, so that the grammar is checked as the stream is read and a token can be named by its
 * path ({@code output.rows[3].score}) and a {@code REF} resolved to the path of what it refers to.
 */
final class CanonicalStructure {

    /** Paths of containers kept at most, over all scopes: enough for readable references, bounded for huge outputs. */
    static final int MAX_PATHS = 100_000;
    /**
     * Containers deeper than this keep no path, nor any once the paths kept hold this many characters: a path is as
     * long as its depth, so keeping one per container of a deep chain would cost memory and time quadratic in its
     * length (a 100,000-node chain ran out of heap).
     */
    static final int MAX_PATH_DEPTH = 1_000;
    static final long MAX_PATH_CHARS = 8_000_000;

    private static final class Frame {
        final Kind kind;
        long index;
        /** OBJECT: the name of the member being read, null before its NAME; MAP: the text of a scalar key. */
        @Nullable String name;
        /** MAP: whether the key of the current entry has been read. */
        boolean atValue;

        Frame(Kind kind) {
            this.kind = kind;
        }
    }

    private static final class Scope {
        long containers;
        /** Per container in order, its path, or null where it was too deep to keep. */
        final List<@Nullable String> paths = new ArrayList<>();
    }

    private final List<Frame> frames = new ArrayList<>();
    /** Whether containers' paths are kept for {@link #target}; else a target is named by its ordinal. */
    private final boolean keepsPaths;
    private final List<Scope> scopes = new ArrayList<>(List.of(new Scope()));
    private int pathsKept;
    private long pathChars;
    private int tokenDepth;
    private boolean done;

    CanonicalStructure(boolean keepsPaths) {
        this.keepsPaths = keepsPaths;
    }

    /** Whether the whole value has been read. */
    boolean done() {
        return done;
    }

    int depth() {
        return frames.size();
    }

    /** The kind of the innermost open container, or null at the top level. */
    @Nullable Kind parent() {
        return frames.isEmpty() ? null : frames.get(frames.size() - 1).kind;
    }

    /** Whether the value being read is the key of a map entry. */
    boolean atMapKey() {
        return !frames.isEmpty() && top().kind == Kind.MAP && !top().atValue;
    }

    /** The index of the current element or entry in the innermost container. */
    long index() {
        return frames.isEmpty() ? 0 : top().index;
    }

    /** Why a NAME cannot stand here, or null where it can. */
    @Nullable String name(String name) {
        if (frames.isEmpty() || top().kind != Kind.OBJECT || top().name != null) {
            return "a value";
        }
        top().name = name;
        tokenDepth = frames.size() - 1;
        return null;
    }

    /** Why a value cannot begin here, or null where it can; opens the scope of a set element or a map key. */
    @Nullable String beginValue() {
        if (done) {
            return "the end of the stream after the value";
        }
        tokenDepth = frames.size();
        if (frames.isEmpty()) {
            return null;
        }
        Frame parent = top();
        if (parent.kind == Kind.OBJECT && parent.name == null) {
            return "NAME or END in an object";
        }
        if (parent.kind == Kind.SET || parent.kind == Kind.MAP && !parent.atValue) {
            scopes.add(new Scope());
        }
        return null;
    }

    /** Numbers the container that begins here in its scope, and opens it where it holds tokens of its own. */
    void beginContainer(Kind kind) {
        Scope scope = scopes.get(scopes.size() - 1);
        if (keepsPaths && pathsKept < MAX_PATHS && scope.paths.size() == scope.containers) {
            String path = frames.size() <= MAX_PATH_DEPTH && pathChars < MAX_PATH_CHARS ? path() : null;
            pathChars += path == null ? 0 : path.length();
            scope.paths.add(path);
            pathsKept++;
        }
        scope.containers++;
        if (kind == Kind.ARRAY || kind == Kind.SET || kind == Kind.OBJECT || kind == Kind.MAP) {
            frames.add(new Frame(kind));
        }
    }

    /** A map key that is a scalar names its entry in paths. */
    void keyText(String text) {
        if (atMapKey()) {
            top().name = text;
        }
    }

    /**
     * Why an END cannot stand here, or null where it closes the innermost container; the reader calls
     * {@link #endValue()} before the next token, so that the END's path is still the container's.
     */
    @Nullable String end() {
        if (frames.isEmpty()) {
            return "a value (END outside any container)";
        }
        Frame frame = top();
        if (frame.kind == Kind.OBJECT && frame.name != null) {
            return "the value of member \"" + frame.name + "\"";
        }
        if (frame.kind == Kind.MAP && frame.atValue) {
            return "the value of a map entry";
        }
        frames.remove(frames.size() - 1);
        tokenDepth = frames.size();
        return null;
    }

    /** The value that began last, and every container it opened, is complete. */
    void endValue() {
        if (frames.isEmpty()) {
            done = true;
            return;
        }
        Frame parent = top();
        switch (parent.kind) {
            case SET -> {
                scopes.remove(scopes.size() - 1);
                parent.index++;
            }
            case OBJECT -> {
                parent.name = null;
                parent.index++;
            }
            case MAP -> {
                if (parent.atValue) {
                    parent.atValue = false;
                    parent.name = null;
                    parent.index++;
                } else {
                    scopes.remove(scopes.size() - 1);
                    parent.atValue = true;
                }
            }
            default -> parent.index++;
        }
    }

    /** What the stream must still hold, for a message about a stream that ended early. */
    String expected() {
        return frames.isEmpty() ? "a value" : "the rest of " + frames.size() + " open containers, at " + path();
    }

    /**
     * The path of the current token: {@code output}, then {@code .member}, {@code [index]}, {@code .key}; for a NAME,
     * the path of its object, and for an END, that of the container it closes.
     */
    String path() {
        StringBuilder path = new StringBuilder("output");
        for (int i = 0; i < tokenDepth && i < frames.size(); i++) {
            Frame frame = frames.get(i);
            switch (frame.kind) {
                case OBJECT -> path.append('.').append(frame.name);
                case MAP -> {
                    if (frame.atValue && frame.name != null) {
                        path.append('.').append(frame.name);
                    } else {
                        path.append('[').append(frame.index).append(frame.atValue ? "].value" : "].key");
                    }
                }
                default -> path.append('[').append(frame.index).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The path of the container that {@code REF up ordinal} refers to, {@code #ordinal} where its path was not kept;
     * null where no such container has begun.
     */
    @Nullable String target(long up, long ordinal) {
        if (up >= scopes.size()) {
            return null;
        }
        Scope scope = scopes.get(scopes.size() - 1 - (int) up);
        if (ordinal >= scope.containers) {
            return null;
        }
        String path = ordinal < scope.paths.size() ? scope.paths.get((int) ordinal) : null;
        return path != null ? path : "#" + ordinal + (up == 0 ? "" : " (" + up + " scopes out)");
    }

    private Frame top() {
        return frames.get(frames.size() - 1);
    }
}
