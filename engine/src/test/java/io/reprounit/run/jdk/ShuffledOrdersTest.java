package io.reprounit.run.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The orders of the patched {@code java.base}'s helper, run here unpatched with the seed passed in: an array of two
 * elements or more never comes back in the order it was given (the plain JDK's, which the control run sees), which a
 * sort by seed-mixed keys alone did once in n! seeds; and the same array in the same order always comes back the same.
 */
class ShuffledOrdersTest {

    private static final int SEEDS = 2_000;

    /** Five methods, as the perturbation corpus's {@code UnspecifiedDeclaredMethods} has. */
    static final class FiveMethods {
        static void length() {}

        static void vowels() {}

        static void first() {}

        static void last() {}

        static void upper() {}
    }

    static final class TwoMethods {
        static void left() {}

        static void right() {}
    }

    /** Its public fields are two named {@code hidden}: keys that no seed tells apart. */
    public static class Hiding {
        public int hidden;
    }

    public static final class Hidden extends Hiding {
        public int hidden;
    }

    @Test
    void namesOfTwoToSixNeverComeBackInTheOrderGiven() {
        for (int n = 2; n <= 6; n++) {
            String[] given = new String[n];
            for (int i = 0; i < n; i++) {
                given[i] = "part-" + i + ".csv";
            }
            for (long seed = 1; seed <= SEEDS; seed++) {
                String[] shuffled = ShuffledOrders.names(given.clone(), ShuffledOrders.FILES_SHUFFLED, seed);

                assertThat(shuffled).as("%d names, seed %d", n, seed).containsExactlyInAnyOrder(given)
                        .isNotEqualTo(given)
                        .isEqualTo(ShuffledOrders.names(given.clone(), ShuffledOrders.FILES_SHUFFLED, seed));
            }
        }
    }

    @Test
    void filesOfTwoToSixNeverComeBackInTheOrderGiven() {
        for (int n = 2; n <= 6; n++) {
            File[] given = new File[n];
            for (int i = 0; i < n; i++) {
                given[i] = new File("data", "part-" + i + ".csv");
            }
            for (long seed = 1; seed <= SEEDS; seed++) {
                File[] shuffled = ShuffledOrders.files(given.clone(), ShuffledOrders.FILES_SHUFFLED, seed);

                assertThat(shuffled).as("%d files, seed %d", n, seed).containsExactlyInAnyOrder(given)
                        .isNotEqualTo(given)
                        .isEqualTo(ShuffledOrders.files(given.clone(), ShuffledOrders.FILES_SHUFFLED, seed));
            }
        }
    }

    @Test
    void declaredMethodsNeverComeBackInTheJdksOrder() {
        for (Class<?> type : List.of(TwoMethods.class, FiveMethods.class)) {
            Method[] given = type.getDeclaredMethods();
            for (long seed = 1; seed <= SEEDS; seed++) {
                Object[] shuffled = ShuffledOrders.members(given.clone(), seed);

                assertThat(shuffled).as("%s, seed %d", type.getSimpleName(), seed)
                        .containsExactlyInAnyOrder((Object[]) given).isNotEqualTo(given)
                        .isEqualTo(ShuffledOrders.members(given.clone(), seed));
            }
        }
    }

    @Test
    void membersWithOneKeyAreStillTurnedAround() {
        Object[] given = Hidden.class.getFields();
        assertThat(given).hasSize(2);

        assertThat(ShuffledOrders.members(given.clone(), 42)).containsExactly(given[1], given[0]);
    }

    @Test
    void sortedAndReversedListingsKeepTheirMeaning() {
        String[] given = {"b", "c", "a"};

        assertThat(ShuffledOrders.names(given.clone(), ShuffledOrders.FILES_SORTED, 42)).containsExactly("a", "b", "c");
        assertThat(ShuffledOrders.names(given.clone(), ShuffledOrders.FILES_REVERSED, 42))
                .containsExactly("c", "b", "a");
        assertThat(ShuffledOrders.names(new String[] {"a", "b"}, ShuffledOrders.FILES_SORTED, 42))
                .as("already sorted: sorted is what was asked for").containsExactly("a", "b");
        assertThat(ShuffledOrders.names(given.clone(), ShuffledOrders.FILES_UNTOUCHED, 42)).containsExactly(given);
    }

    @Test
    void aShuffleOtherwiseFollowsTheSeed() {
        String[] given = new String[8];
        Arrays.setAll(given, i -> "column" + i);

        assertThat(ShuffledOrders.names(given.clone(), ShuffledOrders.FILES_SHUFFLED, 42))
                .isNotEqualTo(ShuffledOrders.names(given.clone(), ShuffledOrders.FILES_SHUFFLED, 43));
    }
}
