package io.reprounit.examples.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A plain JUnit Jupiter unit test beside the pipelines: Surefire runs both engines, Jupiter for this class and ReproUnit
 * for the {@code @ReproducibleRun} classes.
 */
class KMeansTest {

    private static final double[][] TWO_GROUPS = {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}};

    @Test
    void findsTwoObviousGroups() {
        KMeans.Clustering clustering = KMeans.fit(TWO_GROUPS, 2, 50, 3, new Random(1));

        int[] groups = clustering.assignments();
        assertThat(groups[0]).isEqualTo(groups[1]).isEqualTo(groups[2]);
        assertThat(groups[3]).isEqualTo(groups[4]).isEqualTo(groups[5]).isNotEqualTo(groups[0]);
        assertThat(clustering.inertia()).isCloseTo(8.0 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theSameGeneratorStateGivesTheSameClustering() {
        KMeans.Clustering first = KMeans.fit(TWO_GROUPS, 3, 50, 2, new Random(7));
        KMeans.Clustering second = KMeans.fit(TWO_GROUPS, 3, 50, 2, new Random(7));

        assertThat(second.assignments()).containsExactly(first.assignments());
        assertThat(second.centroids()).isDeepEqualTo(first.centroids());
    }
}
