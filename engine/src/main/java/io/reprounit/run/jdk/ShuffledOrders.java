package io.reprounit.run.jdk;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.lang.reflect.Executable;
import java.lang.reflect.Member;
import java.util.Arrays;
import java.util.LinkedHashSet;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What the patched JDK classes of an {@code unspecified_order} or {@code directory_order} run call: never loaded under
 * this name, but copied by {@link JdkPatch} into {@code java.base} as {@link #RUNTIME_NAME}, its seed and file order
 * written into the copy as constants, so that every order it gives is fixed for the JVM's whole life. It remembers
 * which kinds of call whose order the JDK does not specify a step made ({@link #takeCalls}), and orders the arrays
 * that reflection and {@code java.io.File} listings return: by a seed-mixed hash of each element's name, the same for
 * the same elements in the same order in every call, as another JDK build would be. An array of two elements or more
 * never comes back in the order it came in: that order is the plain JDK's, which the control run sees, and a shuffle
 * that happened to keep it (one time in n! for n elements) would let a step that follows it pass.
 *
 * <p>Only {@code java.base} may be used here: the copy lives in it.
 */
@API(status = INTERNAL, since = "0.1")
public final class ShuffledOrders {

    /** The name of the copy in {@code java.base}, in a package that the module does not export. */
    public static final String RUNTIME_NAME = "jdk.internal.misc.ReproUnitShuffledOrders";

    /** Kinds of call, one bit each, in {@link #takeCalls}; a run's finding names them. */
    public static final int HASH_MAP = 1;
    public static final int HASH_SET = 1 << 1;
    public static final int CONCURRENT_HASH_MAP = 1 << 2;
    public static final int DECLARED_FIELDS = 1 << 3;
    public static final int DECLARED_METHODS = 1 << 4;
    public static final int DECLARED_CONSTRUCTORS = 1 << 5;
    public static final int FIELDS = 1 << 6;
    public static final int METHODS = 1 << 7;
    public static final int CONSTRUCTORS = 1 << 8;
    public static final int FILE_LIST = 1 << 9;
    public static final int FILE_LIST_FILES = 1 << 10;
    public static final int DIRECTORY_STREAM = 1 << 11;

    /** File orders: as the file system gives them (untouched), by name, by name reversed, shuffled by the seed. */
    public static final int FILES_UNTOUCHED = 0;
    public static final int FILES_SORTED = 1;
    public static final int FILES_REVERSED = 2;
    public static final int FILES_SHUFFLED = 3;

    /** Marker constants that {@link JdkPatch} replaces in the copy's bytecode. */
    static final long SEED_MARKER = 0x5EED_5EED_0F0F_0F0FL;
    static final int FILE_ORDER_MARKER = 0x7E57_0F0F;

    /** Bits of {@code HASH_*} and the other kinds; plain fields: a step's calls are read after it returned. */
    private static int calls;
    /** Set by a {@code HashSet} view just before its map's iterator records itself, so that it records a set. */
    private static boolean inHashSet;

    private ShuffledOrders() {}

    /** Not a compile-time constant, so that the copy's value is the one written into it. */
    private static long seed() {
        return SEED_MARKER;
    }

    private static int fileOrder() {
        return FILE_ORDER_MARKER;
    }

    /** The kinds of call made since the last time, and forgets them. */
    public static int takeCalls() {
        int taken = calls;
        calls = 0;
        inHashSet = false;
        return taken;
    }

    public static void record(int kind) {
        if ((calls & kind) == 0) {
            calls |= kind;
        }
    }

    /** At the start of every iteration of a {@code HashMap} or its views. */
    public static void hashMapIterated() {
        if (inHashSet) {
            inHashSet = false;
            record(HASH_SET);
        } else {
            record(HASH_MAP);
        }
    }

    /** At the start of {@code HashSet.iterator}, {@code spliterator} and {@code toArray}. */
    public static void hashSetIterated(Object set) {
        // A LinkedHashSet's map is a LinkedHashMap, whose order is specified and whose iterators do not record.
        if (!(set instanceof LinkedHashSet)) {
            inHashSet = true;
        }
    }

    /**
     * Before {@code Class.getDeclaredFields} and the like return their fresh copy; {@code caller} called them, and
     * only a call from outside the JDK is recorded.
     */
    public static Object[] members(Object[] members, int kind, @Nullable Class<?> caller) {
        ClassLoader loader = caller == null ? null : caller.getClassLoader();
        if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
            record(kind);
        }
        return members(members, seed());
    }

    /** {@code members} ordered by {@code seed}: what the patched copy does with its own seed. */
    static Object[] members(Object[] members, long seed) {
        if (members.length < 2) {
            return members;
        }
        int[] keys = new int[members.length];
        for (int i = 0; i < members.length; i++) {
            keys[i] = memberKey(members[i]);
        }
        return byKeys(members, keys, seed);
    }

    /** Before {@code File.list} returns. */
    public static String @Nullable [] names(String @Nullable [] names, int kind) {
        record(kind);
        return names(names, fileOrder(), seed());
    }

    /** {@code names} in {@code order}, shuffled by {@code seed}: what the patched copy does with its own constants. */
    static String @Nullable [] names(String @Nullable [] names, int order, long seed) {
        if (names == null || names.length < 2) {
            return names;
        }
        if (order == FILES_SORTED || order == FILES_REVERSED) {
            Arrays.sort(names);
            if (order == FILES_REVERSED) {
                reverse(names);
            }
            return names;
        }
        if (order != FILES_SHUFFLED) {
            return names;
        }
        int[] keys = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            keys[i] = names[i].hashCode();
        }
        return (String[]) byKeys(names, keys, seed);
    }

    /** Before {@code File.listFiles} returns. */
    public static File @Nullable [] files(File @Nullable [] files, int kind) {
        record(kind);
        return files(files, fileOrder(), seed());
    }

    /** {@code files} in {@code order}, shuffled by {@code seed}: what the patched copy does with its own constants. */
    static File @Nullable [] files(File @Nullable [] files, int order, long seed) {
        if (files == null || files.length < 2) {
            return files;
        }
        if (order == FILES_SORTED || order == FILES_REVERSED) {
            Arrays.sort(files); // by path, and the files of one listing share their parent: by name
            if (order == FILES_REVERSED) {
                reverse(files);
            }
            return files;
        }
        if (order != FILES_SHUFFLED) {
            return files;
        }
        int[] keys = new int[files.length];
        for (int i = 0; i < files.length; i++) {
            keys[i] = files[i].getName().hashCode();
        }
        return (File[]) byKeys(files, keys, seed);
    }

    /** A member's name and parameter types: what tells it from the others of its class in every JVM. */
    private static int memberKey(Object member) {
        int key = member instanceof Member m ? m.getName().hashCode() : 0;
        if (member instanceof Executable executable) {
            for (Class<?> parameter : executable.getParameterTypes()) {
                key = 31 * key + parameter.getName().hashCode();
            }
        }
        return key;
    }

    /**
     * {@code elements} in place, ordered by their seed-mixed keys, ties keeping their order; never in the order given
     * (of two elements or more), since that is the plain JDK's, which the control run sees.
     */
    private static Object[] byKeys(Object[] elements, int[] keys, long seed) {
        long[] order = new long[elements.length];
        for (int i = 0; i < elements.length; i++) {
            order[i] = ((long) mix(keys[i], seed) << 32) | i;
        }
        Arrays.sort(order);
        boolean unchanged = true;
        for (int i = 0; i < elements.length && unchanged; i++) {
            unchanged = (int) order[i] == i;
        }
        Object[] copy = elements.clone();
        for (int i = 0; i < elements.length; i++) {
            elements[i] = copy[(int) order[i]];
        }
        if (unchanged) {
            // A function of the input alone, so still the same in every call, and it turns every pair around.
            reverse(elements);
        }
        return elements;
    }

    /**
     * A bijection of the ints that the seed chooses, with MurmurHash3's finalizer, so that names that differ in one
     * letter land far apart: a sort by it is a shuffle. (The patched {@code HashMap.hash} needs less, buckets only.)
     */
    static int mix(int value, long seed) {
        int h = value ^ (int) seed ^ (int) (seed >>> 32);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    private static void reverse(Object[] elements) {
        for (int i = 0, j = elements.length - 1; i < j; i++, j--) {
            Object swap = elements[i];
            elements[i] = elements[j];
            elements[j] = swap;
        }
    }
}
