package io.reprounit.examples.segmentation;

import java.util.Arrays;
import java.util.Random;

/**
 * Lloyd's k-means with k-means++ seeding and restarts, kept best by inertia. Every random choice comes from the
 * {@link Random} it is given, so the same generator state gives the same clustering; ties go to the lower index.
 */
final class KMeans {

    /** Centroids, the centroid index of every point, the sum of squared distances, and the iterations it took. */
    record Clustering(double[][] centroids, int[] assignments, double inertia, int iterations) {}

    private KMeans() {}

    static Clustering fit(double[][] points, int k, int maxIterations, int restarts, Random random) {
        if (k < 1 || k > points.length) {
            throw new IllegalArgumentException("k = " + k + " for " + points.length + " points");
        }
        Clustering best = null;
        for (int restart = 0; restart < restarts; restart++) {
            Clustering candidate = lloyd(points, seeds(points, k, random), maxIterations);
            if (best == null || candidate.inertia() < best.inertia()) {
                best = candidate;
            }
        }
        return best;
    }

    /** k-means++: each next centroid is a point drawn with probability proportional to its squared distance. */
    static double[][] seeds(double[][] points, int k, Random random) {
        double[][] centroids = new double[k][];
        centroids[0] = points[random.nextInt(points.length)].clone();
        double[] distances = new double[points.length];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < points.length; i++) {
                distances[i] = nearest(points[i], centroids, c)[1];
                total += distances[i];
            }
            double target = random.nextDouble() * total;
            int chosen = points.length - 1;
            for (int i = 0; i < points.length; i++) {
                target -= distances[i];
                if (target <= 0) {
                    chosen = i;
                    break;
                }
            }
            centroids[c] = points[chosen].clone();
        }
        return centroids;
    }

    static Clustering lloyd(double[][] points, double[][] start, int maxIterations) {
        int k = start.length;
        int dimensions = points[0].length;
        double[][] centroids = Arrays.stream(start).map(double[]::clone).toArray(double[][]::new);
        int[] assignments = new int[points.length];
        Arrays.fill(assignments, -1);
        int iteration = 0;
        boolean changed = true;
        while (changed && iteration < maxIterations) {
            iteration++;
            changed = false;
            for (int i = 0; i < points.length; i++) {
                int nearest = (int) nearest(points[i], centroids, k)[0];
                if (nearest != assignments[i]) {
                    assignments[i] = nearest;
                    changed = true;
                }
            }
            double[][] sums = new double[k][dimensions];
            int[] sizes = new int[k];
            for (int i = 0; i < points.length; i++) {
                sizes[assignments[i]]++;
                for (int d = 0; d < dimensions; d++) {
                    sums[assignments[i]][d] += points[i][d];
                }
            }
            for (int c = 0; c < k; c++) {
                if (sizes[c] > 0) { // an empty cluster keeps its centroid
                    for (int d = 0; d < dimensions; d++) {
                        centroids[c][d] = sums[c][d] / sizes[c];
                    }
                }
            }
        }
        double inertia = 0;
        for (int i = 0; i < points.length; i++) {
            inertia += squaredDistance(points[i], centroids[assignments[i]]);
        }
        return new Clustering(centroids, assignments, inertia, iteration);
    }

    /** {index, squared distance} of the nearest of the first {@code count} centroids. */
    private static double[] nearest(double[] point, double[][] centroids, int count) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            double distance = squaredDistance(point, centroids[c]);
            if (distance < bestDistance) {
                best = c;
                bestDistance = distance;
            }
        }
        return new double[] {best, bestDistance};
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double difference = a[d] - b[d];
            sum += difference * difference;
        }
        return sum;
    }
}
