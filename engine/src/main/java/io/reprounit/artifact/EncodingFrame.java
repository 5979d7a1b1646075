package io.reprounit.artifact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One container that {@link ValueEncoder} is walking: writes its children one at a time, each of which may push a frame
 * of its own, and ends it once they are all written. Knows which child it is at, so that an error can say where.
 */
abstract class EncodingFrame {

    /** Writes (or begins) the next child; false once there is none left. */
    abstract boolean next(ValueEncoder encoder, CanonicalWriter out);

    abstract void end(CanonicalWriter out);

    /** The place of the child being written, such as {@code [3]} or {@code .x}. */
    abstract void appendSegment(StringBuilder path);

    /** A collection's elements, in its iteration order; a set's are sorted by the writer. */
    static final class Elements extends EncodingFrame {
        private final Iterator<?> iterator;
        private int index = -1;

        Elements(Iterator<?> iterator) {
            this.iterator = iterator;
        }

        @Override
        boolean next(ValueEncoder encoder, CanonicalWriter out) {
            if (!iterator.hasNext()) {
                return false;
            }
            index++;
            encoder.encodeValue(iterator.next(), out);
            return true;
        }

        @Override
        void end(CanonicalWriter out) {
            out.endArray();
        }

        @Override
        void appendSegment(StringBuilder path) {
            path.append('[').append(index).append(']');
        }
    }

    /** An array's elements that are not written packed. */
    static final class ArrayElements extends EncodingFrame {
        private final Object array;
        private final int length;
        private int index = -1;

        ArrayElements(Object array, int length) {
            this.array = array;
            this.length = length;
        }

        @Override
        boolean next(ValueEncoder encoder, CanonicalWriter out) {
            if (++index == length) {
                return false;
            }
            encoder.encodeValue(array instanceof Object[] elements ? elements[index]
                    : java.lang.reflect.Array.get(array, index), out);
            return true;
        }

        @Override
        void end(CanonicalWriter out) {
            out.endArray();
        }

        @Override
        void appendSegment(StringBuilder path) {
            path.append('[').append(index).append(']');
        }
    }

    /**
     * A map's entries: first every key, each on its own, then the entries in the order of their keys' bytes (equal keys
     * by their values' bytes), each key copied before its value is written in place.
     */
    static final class Entries extends EncodingFrame {
        private final List<Map.Entry<?, ?>> entries;
        private final byte[][] keys;
        private int keyIndex;
        private boolean awaitingKey;
        private Integer @Nullable [] order;
        private int entryIndex;
        private @Nullable Object currentKey;

        Entries(Map<?, ?> map) {
            this.entries = new ArrayList<>(map.entrySet());
            this.keys = new byte[entries.size()][];
        }

        @Override
        boolean next(ValueEncoder encoder, CanonicalWriter out) {
            Integer[] sorted = order;
            if (sorted == null) {
                if (awaitingKey) {
                    keys[keyIndex++] = out.endDetached();
                    awaitingKey = false;
                }
                if (keyIndex < entries.size()) {
                    out.beginDetached();
                    awaitingKey = true;
                    encoder.encodeValue(entries.get(keyIndex).getKey(), out);
                    return true;
                }
                sorted = sort(encoder, out);
                order = sorted;
            }
            if (entryIndex == sorted.length) {
                return false;
            }
            int entry = sorted[entryIndex++];
            currentKey = entries.get(entry).getKey();
            out.mapKey(keys[entry], currentKey instanceof String name ? name : null);
            encoder.encodeValue(entries.get(entry).getValue(), out);
            return true;
        }

        private Integer[] sort(ValueEncoder encoder, CanonicalWriter out) {
            Integer[] sorted = new Integer[entries.size()];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = i;
            }
            byte[][] values = new byte[entries.size()][];
            Arrays.sort(sorted, (a, b) -> {
                int byKey = CanonicalOrder.compare(keys[a], keys[b]);
                return byKey != 0 ? byKey
                        : Arrays.compareUnsigned(detachedValue(values, a, encoder, out),
                                detachedValue(values, b, encoder, out));
            });
            return sorted;
        }

        /**
         * Only for keys whose bytes are equal (distinct objects that encode alike): the value, written on its own in a
         * scope of its own, with the normalizers that apply to it in place.
         */
        private byte[] detachedValue(byte[][] values, int entry, ValueEncoder encoder, CanonicalWriter out) {
            if (values[entry] == null) {
                Object key = entries.get(entry).getKey();
                out.beginDetachedValue(key instanceof String name ? name : null);
                encoder.encode(entries.get(entry).getValue(), out);
                values[entry] = out.endDetached();
            }
            return values[entry];
        }

        @Override
        void end(CanonicalWriter out) {
            out.endMap();
        }

        @Override
        void appendSegment(StringBuilder path) {
            if (order != null && currentKey instanceof String name) {
                path.append('.').append(name);
            }
        }
    }
}
