package io.reprounit.artifact;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the next token of a {@link CanonicalWriter} stands: the containers open, the scope containers are numbered in,
 * the chunk bytes go to (a detached buffer while a set's element or a map's key is written), and, where the step has
 * path normalizers, which paths reach the value. Checks the structure as tokens come (names only inside objects,
 * balanced containers, one value), and drops the tokens of a value that {@code @IgnoreFields} leaves out.
 */
final class TokenStructure {

    private final @Nullable PathMatcher paths;
    private final WriterFrames frames;
    private ChunkBuffer out;
    private Scope scope = new Scope(0);
    /** A member's name (or a map entry's key) was written; its value comes next. */
    private boolean afterName;
    private @Nullable String memberName;
    /** {@link #enter()} has placed the next value already. */
    private boolean entered;
    /** The paths that reach the value being written, and its depth; only where paths are tracked. */
    private long valueMask;
    private int valueDepth;
    /** Tokens of a left-out value being dropped: -1 none; 0 the value has not begun; more, containers open in it. */
    private int swallowing = -1;

    TokenStructure(ChunkBuffer out, Normalization normalization) {
        this.out = java.util.Objects.requireNonNull(out);
        this.paths = PathMatcher.of(normalization);
        this.frames = new WriterFrames(paths == null ? 0 : paths.rootMask());
    }

    /** Where bytes go now. */
    ChunkBuffer out() {
        return out;
    }

    Scope scope() {
        return scope;
    }

    /** Whether a token is dropped as part of a left-out value; {@code nesting} is +1 for a begin, -1 for an end. */
    boolean swallowed(int nesting) {
        if (swallowing < 0) {
            return false;
        }
        swallowing += nesting;
        if (swallowing <= 0) {
            swallowing = -1;
        }
        return true;
    }

    /** Places a token that is not a container's end; false where it is dropped or its value left out. */
    boolean placed(int nesting) {
        if (swallowed(nesting)) {
            return false;
        }
        if (!beforeValue()) {
            if (nesting > 0) {
                swallowing = 1;
            }
            return false;
        }
        return true;
    }

    /** Places the next value for the encoder; false where it is left out (its marker written already). */
    boolean enter() {
        if (!beforeValue()) {
            return false;
        }
        entered = true;
        return true;
    }

    boolean awaitsValue() {
        return entered;
    }

    /** Whether the step has path normalizers, so that scalars are checked against them. */
    boolean tracksPaths() {
        return paths != null;
    }

    /** Whether tokens are being dropped, as part of a left-out value. */
    boolean dropping() {
        return swallowing >= 0;
    }

    /** A scalar placed: it cannot be what {@code @Unordered} names; true, so that it is written. */
    boolean scalar(Object shown) {
        if (paths != null) {
            OutputPath unordered = unordered();
            if (unordered != null) {
                throw PathMatcher.notAList(unordered, "the value " + PathMatcher.shown(shown));
            }
            if (frames.top() == 0) {
                paths.rootIs("the value " + PathMatcher.shown(shown));
            }
        }
        return true;
    }

    /** Whether the value placed may be written packed: no path goes on into its elements. */
    boolean packs() {
        return paths == null || !paths.goesBelow(valueMask, valueDepth);
    }

    byte kind() {
        return frames.kind();
    }

    boolean afterName() {
        return afterName;
    }

    /** A member's name, or a map key (null where it is not a string), was written; its value comes next. */
    void named(@Nullable String name, byte container) {
        if (frames.kind() != container || afterName || entered) {
            throw new IllegalStateException(container == WriterFrames.OBJECT
                    ? "A name belongs inside an object, before its value" : "A map key belongs inside a map, before its value");
        }
        afterName = true;
        memberName = name;
        if (paths != null && frames.top() == 1 && name != null) {
            paths.rootMember(name);
        }
    }

    /**
     * Checks that a value may stand here and works out which paths reach it; false where {@code @IgnoreFields} leaves
     * it out, after writing the marker in its place.
     */
    private boolean beforeValue() {
        if (entered) {
            entered = false;
            return true;
        }
        byte kind = frames.kind();
        switch (kind) {
            case WriterFrames.ROOT, WriterFrames.DETACHED -> {
                if (frames.count() > 0) {
                    throw new IllegalStateException("A canonical encoding holds exactly one value");
                }
                valueMask = frames.mask();
                valueDepth = frames.depth();
            }
            case WriterFrames.OBJECT, WriterFrames.MAP -> {
                if (!afterName) {
                    throw new IllegalStateException(kind == WriterFrames.OBJECT ? "An object member needs a name before"
                            + " its value" : "A map entry needs its key before its value");
                }
                afterName = false;
                reach(memberName, false);
            }
            case WriterFrames.ARRAY -> reach(null, true);
            default -> { // a set: each element in a scope of its own
                reach(null, true);
                frames.counted();
                pushDetached(true, valueMask, valueDepth);
            }
        }
        frames.counted();
        if (paths != null && valueMask != 0 && paths.leavesOut(valueMask, valueDepth)) {
            out.writeByte(CanonicalFormat.STRING);
            out.writeLengthAndUtf8(CanonicalWriter.LEFT_OUT);
            valueDone();
            return false;
        }
        return true;
    }

    private void reach(@Nullable String name, boolean element) {
        if (paths != null) {
            long mask = frames.mask();
            valueMask = mask == 0 ? 0 : paths.child(mask, frames.depth(), name, element);
            valueDepth = frames.depth() + 1;
        }
    }

    /** The {@code @Unordered} path that names the value placed, or null. */
    @Nullable OutputPath unordered() {
        return paths == null ? null : paths.unorderedAt(valueMask, valueDepth);
    }

    /** A value placed where {@code @Unordered} names a list must be one. */
    void requireNotUnordered(String what) {
        OutputPath unordered = unordered();
        if (unordered != null) {
            throw PathMatcher.notAList(unordered, what);
        }
    }

    /** The placed value, where it is the output itself, described for a path that matches nothing. */
    void rootIs(String kind) {
        if (paths != null && frames.top() == 0) {
            paths.rootIs(kind);
        }
    }

    /** Counts the {@code @Unordered} paths that name the list placed, which is written sorted. */
    void sorted() {
        if (paths != null) {
            paths.sorted(valueMask, valueDepth);
        }
    }

    /** A container begins: numbered in the scope, its tag written, its frame open. */
    void open(byte kind, byte tag) {
        rootIs(kind == WriterFrames.OBJECT || kind == WriterFrames.MAP ? "an object" : "a list");
        if (kind == WriterFrames.SET) {
            sorted();
        }
        scope.count++;
        out.writeByte(tag);
        frames.push(kind, valueMask, valueDepth, kind == WriterFrames.SET ? new ArrayList<byte[]>() : null);
    }

    /** A container ends: a set's elements copied out in the order of their bytes, then its end. */
    void close() {
        byte kind = frames.kind();
        if (kind == WriterFrames.ARRAY || kind == WriterFrames.SET) {
            if (paths != null && frames.count() == 0) {
                paths.throughEmptyList(frames.mask(), frames.depth());
            }
            if (kind == WriterFrames.SET) {
                List<byte[]> elements = frames.elements();
                elements.sort(CanonicalOrder::compare);
                for (byte[] element : elements) {
                    out.write(element, 0, element.length);
                }
            }
        }
        out.writeByte(CanonicalFormat.END);
        frames.pop();
        valueDone();
    }

    /** After a whole value: an element of a set is complete, and joins its siblings. */
    void valueDone() {
        if (frames.kind() == WriterFrames.DETACHED && frames.collects()) {
            byte[] element = popDetached();
            frames.elements().add(element);
        }
    }

    /** A value written on its own, in a scope of its own, such as a map's key. */
    void beginDetached() {
        pushDetached(false, 0, 0);
    }

    /**
     * A map entry's value written on its own, to break a tie between keys whose bytes are equal: under the paths that
     * reach it in place, so that what a normalizer leaves out of the value cannot decide the order of the entries.
     */
    void beginDetachedValue(@Nullable String key) {
        if (frames.kind() != WriterFrames.MAP || afterName) {
            throw new IllegalStateException("A map entry's value is written on its own only between entries");
        }
        long mask = 0;
        int depth = 0;
        if (paths != null && frames.mask() != 0) {
            mask = paths.child(frames.mask(), frames.depth(), key, false);
            depth = frames.depth() + 1;
        }
        pushDetached(false, mask, depth);
    }

    byte[] endDetached() {
        if (frames.kind() != WriterFrames.DETACHED || frames.count() != 1 || entered || afterName) {
            throw new IllegalStateException("A detached encoding holds exactly one value");
        }
        return popDetached();
    }

    private void pushDetached(boolean collects, long mask, int depth) {
        frames.push(WriterFrames.DETACHED, mask, depth, new WriterFrames.Detached(out, scope, collects));
        out = ChunkBuffer.inMemory();
        scope = new Scope(scope.depth + 1);
    }

    private byte[] popDetached() {
        WriterFrames.Detached detached = frames.detached();
        byte[] bytes = out.toByteArray();
        scope.closed = true;
        out = detached.out();
        scope = detached.scope();
        frames.pop();
        return bytes;
    }

    /** The encoding must hold exactly one value, and every path of a normalizer must have matched. */
    void finish() {
        if (frames.top() != 0 || frames.count() != 1 || swallowing >= 0 || afterName) {
            throw new IllegalStateException(frames.top() == 0 && frames.count() == 0 ? "Nothing was written: a canonical"
                    + " encoding holds exactly one value" : "An object or list was begun and not ended in the canonical"
                    + " encoding");
        }
        out.flush();
        if (paths != null) {
            paths.requireEveryPathMatched();
        }
    }

    /** Containers are numbered per scope, in the order they begin, so that a reference can name one by its ordinal. */
    static final class Scope {
        final int depth;
        int count;
        /** A closed scope's containers are not referred to again: what was first written there is written anew. */
        boolean closed;

        Scope(int depth) {
            this.depth = depth;
        }
    }
}
