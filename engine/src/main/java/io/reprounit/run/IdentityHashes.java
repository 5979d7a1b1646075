package io.reprounit.run;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Advances this thread's identity-hash sequence before a step, in an {@code identity_hash} experiment (HotSpot's
 * default {@code -XX:hashCode=5}: Marsaglia's xorshift with per-thread state, one value per object hashed). The control
 * gives every object the same hash, so a small {@code HashSet} of objects without {@code hashCode()} iterates in
 * insertion order there. Random hashes would keep that order for 3 objects one time in 5 (the chance that 3 random
 * buckets of 16 come out non-decreasing); so the advance does not stop at random: it reads the thread's state back from
 * the hashes of a few fresh objects, and skips to where the next {@value #WINDOW} hashes fall in buckets that go up and
 * down in turn (of a 16-bucket table, the size of any {@code HashMap} under 13 keys). Any 3 or more objects hashed one
 * after another there, in either order, then iterate out of insertion order. Where the state cannot be read (another
 * hash mode), the advance is random.
 */
final class IdentityHashes {

    /** The system property that gives a forked JVM its experiment's seed; absent or 0 in the control. */
    static final String SEED_PROPERTY = "reprounit.fork.identity-hash-seed";

    /** Hashes after the advance that alternate between buckets: enough for the JVM's own hashing before the step's. */
    static final int WINDOW = 16;

    /** The furthest a window is searched, so that a step's advance stays under a few milliseconds. */
    private static final int MAX_SKIP = 1 << 20;

    private static final int OBSERVED = 8;

    private IdentityHashes() {}

    /** Advances the calling thread's sequence for {@code step}, from the experiment's {@code seed}; returns the skip. */
    static int advance(long seed, String step) {
        int[] observed = new int[OBSERVED];
        for (int i = 0; i < OBSERVED; i++) {
            observed[i] = System.identityHashCode(new Object());
        }
        int start = start(seed, step);
        XorShift state = XorShift.recovered(observed);
        int skip = state == null ? start : skip(state, start);
        for (int i = 0; i < skip; i++) {
            System.identityHashCode(new Object());
        }
        return skip;
    }

    /**
     * Shifts the sequences of the threads this JVM starts from now on, such as the common pool's workers, which hash
     * the objects of a parallel stream: each new thread seeds its sequence from one global generator, so starting a
     * few threads first, as many as the experiment's seed says, gives every later thread other hashes. They are not
     * advanced to a window as the step's own thread is: which worker hashes which object is up to the scheduler.
     */
    static void shiftLaterThreads(long seed) {
        int threads = 1 + (int) Math.floorMod(seed >>> 12, 32L);
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {}, "reprounit-identity-hash-shift");
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Where the search starts: its own per experiment and step, so that each gets a different window. */
    static int start(long seed, String step) {
        long mixed = seed;
        for (byte b : step.getBytes(StandardCharsets.UTF_8)) {
            mixed = (mixed ^ b) * 0x100000001B3L;
        }
        mixed = (mixed ^ (mixed >>> 33)) * 0xFF51AFD7ED558CCDL;
        mixed ^= mixed >>> 33;
        return (int) Math.floorMod(mixed, 4096L);
    }

    /** How many hashes to skip from {@code state}, at least {@code start}, for the next window to alternate. */
    static int skip(XorShift state, int start) {
        XorShift ahead = state.copy();
        int run = 0;
        int previous = -1;
        int direction = 0;
        for (int taken = 1; taken <= MAX_SKIP + WINDOW; taken++) {
            int bucket = bucket(ahead.next());
            if (previous < 0 || bucket == previous) {
                run = 1;
                direction = 0;
            } else {
                int now = bucket > previous ? 1 : -1;
                run = now == -direction || direction == 0 ? run + 1 : 2;
                direction = now;
            }
            previous = bucket;
            if (run >= WINDOW && taken - WINDOW >= start) {
                return taken - WINDOW;
            }
        }
        return start;
    }

    /** The bucket of a 16-bucket {@code HashMap} that a hash falls in, after its spreading of the high bits. */
    static int bucket(int hash) {
        return (hash ^ (hash >>> 16)) & 15;
    }

    /** HotSpot's per-thread generator, as {@code get_next_hash} runs it, giving hashes as it masks them. */
    static final class XorShift {
        private int x;
        private int y;
        private int z;
        private int w;

        XorShift(int x, int y, int z, int w) {
            this.x = x;
            this.y = y;
            this.z = z;
            this.w = w;
        }

        int next() {
            int t = x;
            t ^= t << 11;
            x = y;
            y = z;
            z = w;
            w = (w ^ (w >>> 19)) ^ (t ^ (t >>> 8));
            int value = w & 0x7FFFFFFF; // markWord::hash_mask on 64-bit JVMs
            return value == 0 ? 0xBAD : value;
        }

        XorShift copy() {
            return new XorShift(x, y, z, w);
        }

        /**
         * The state after {@code observed}, consecutive hashes of this thread; null where they do not follow from one
         * (another hash mode, or another thread's hashing in between). The first four give the state but for each
         * one's top bit, which the mask drops; the others tell which of the 16 candidates it is.
         */
        static @Nullable XorShift recovered(int[] observed) {
            XorShift found = null;
            for (int top = 0; top < 16; top++) {
                XorShift candidate = new XorShift(observed[0] | (top & 1) << 31, observed[1] | (top >> 1 & 1) << 31,
                        observed[2] | (top >> 2 & 1) << 31, observed[3] | (top >> 3 & 1) << 31);
                boolean matches = true;
                for (int i = 4; i < observed.length && matches; i++) {
                    matches = candidate.next() == observed[i];
                }
                if (matches) {
                    if (found != null) {
                        return null; // ambiguous: rare, and a random advance still perturbs
                    }
                    found = candidate;
                }
            }
            return found;
        }
    }
}
