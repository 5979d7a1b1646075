package io.reprounit.artifact;

import org.jspecify.annotations.Nullable;

/**
 * Where each structured object was first written: its scope and the ordinal of its container there, by identity. An
 * open-addressing table with one probe per visit and no object per entry, since a large output visits millions.
 */
final class VisitTable {

    private @Nullable Object[] keys = new Object[1024];
    private TokenStructure.@Nullable Scope[] scopes = new TokenStructure.Scope[1024];
    private int[] ordinals = new int[1024];
    private int size;

    /**
     * The slot where {@code value} was recorded in a scope still open, to refer back to; or -1, after recording it as
     * first written now, in {@code scope} at {@code ordinal}.
     */
    int visit(Object value, TokenStructure.Scope scope, int ordinal) {
        int mask = keys.length - 1;
        int slot = (System.identityHashCode(value) * 0x9E3779B9 >>> 7) & mask;
        while (true) {
            Object key = keys[slot];
            if (key == null) {
                break;
            }
            if (key == value) {
                TokenStructure.Scope first = scopes[slot];
                if (first != null && !first.closed) {
                    return slot;
                }
                // First written in a scope since closed: written anew, and remembered from here.
                scopes[slot] = scope;
                ordinals[slot] = ordinal;
                return -1;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = value;
        scopes[slot] = scope;
        ordinals[slot] = ordinal;
        if (++size * 2 > keys.length) {
            grow();
        }
        return -1;
    }

    TokenStructure.Scope scope(int slot) {
        return java.util.Objects.requireNonNull(scopes[slot]);
    }

    int ordinal(int slot) {
        return ordinals[slot];
    }

    private void grow() {
        @Nullable Object[] oldKeys = keys;
        TokenStructure.@Nullable Scope[] oldScopes = scopes;
        int[] oldOrdinals = ordinals;
        int length = oldKeys.length * 2;
        keys = new Object[length];
        scopes = new TokenStructure.Scope[length];
        ordinals = new int[length];
        int mask = length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            Object key = oldKeys[i];
            if (key != null) {
                int slot = (System.identityHashCode(key) * 0x9E3779B9 >>> 7) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                scopes[slot] = oldScopes[i];
                ordinals[slot] = oldOrdinals[i];
            }
        }
    }
}
