package io.reprounit.examples.segmentation;

import io.reprounit.api.Input;
import io.reprounit.api.Param;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Segments shop customers with k-means and puts a bootstrap confidence interval on what each segment spends: simulate
 * a customer base from four archetypes, standardize the features, cluster with k-means++ and restarts, profile the
 * segments, and bootstrap the mean annual spend of each. Every random choice comes from the {@link Random} that
 * ReproUnit gives a step, seeded from the pipeline's {@code seed} and the step's name; configuration in
 * {@code CustomerSegmentationPipelineTest.yaml} beside this class.
 */
@ReproducibleRun(runs = 3)
class CustomerSegmentationPipelineTest {

    static final String[] FEATURES = {"annualSpend", "visitsPerMonth", "basketSize", "discountShare"};

    /** A customer; {@code archetype} is the simulation's truth, which clustering never sees. */
    record Customer(int id, String archetype, double annualSpend, double visitsPerMonth, double basketSize,
            double discountShare) {

        double[] features() {
            return new double[] {annualSpend, visitsPerMonth, basketSize, discountShare};
        }
    }

    /** The standardized feature matrix, one row per customer in input order. */
    record FeatureMatrix(double[][] rows, double[] means, double[] deviations) {}

    /** Segments numbered by mean annual spend, highest first; the customer ids of each. */
    record Segmentation(double inertia, int iterations, Map<Integer, List<Integer>> customersBySegment) {}

    /** A segment in the units a marketing team reads, and how its members' archetypes are distributed. */
    record SegmentProfile(int segment, int customers, double meanAnnualSpend, double meanVisitsPerMonth,
            double meanBasketSize, double meanDiscountShare, Map<String, Integer> archetypes) {}

    /** A percentile bootstrap interval for a segment's mean annual spend. */
    record Interval(double mean, double lower, double upper, double confidence, int resamples) {}

    private static final Map<String, double[]> ARCHETYPES = new TreeMap<>(Map.of(
            // mean and spread of: annual spend, visits per month, basket size, share bought on discount
            "bargain hunter", new double[] {600, 150, 4.0, 1.0, 12, 4, 0.65, 0.10},
            "loyal regular", new double[] {2400, 400, 9.0, 2.0, 22, 6, 0.20, 0.08},
            "big-basket family", new double[] {3600, 600, 3.5, 1.0, 85, 15, 0.30, 0.10},
            "occasional visitor", new double[] {350, 120, 0.8, 0.4, 35, 12, 0.15, 0.08}));

    @Step
    static List<Customer> simulate(@Param("customers") int count, @Param("mix") Map<String, Double> mix, Random random) {
        List<String> names = new ArrayList<>(mix.keySet());
        names.sort(Comparator.naturalOrder());
        double total = mix.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Customer> customers = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            double draw = random.nextDouble() * total;
            String archetype = names.get(names.size() - 1);
            for (String name : names) {
                draw -= mix.get(name);
                if (draw < 0) {
                    archetype = name;
                    break;
                }
            }
            double[] p = ARCHETYPES.get(archetype);
            customers.add(new Customer(id, archetype,
                    Math.max(0, p[0] + p[1] * random.nextGaussian()),
                    Math.max(0.1, p[2] + p[3] * random.nextGaussian()),
                    Math.max(1, p[4] + p[5] * random.nextGaussian()),
                    Math.min(1, Math.max(0, p[6] + p[7] * random.nextGaussian()))));
        }
        return customers;
    }

    @Step
    static FeatureMatrix standardize(@Input("simulate") List<Customer> customers) {
        int n = customers.size();
        double[] means = new double[FEATURES.length];
        double[] deviations = new double[FEATURES.length];
        for (Customer customer : customers) {
            double[] x = customer.features();
            for (int d = 0; d < x.length; d++) {
                means[d] += x[d] / n;
            }
        }
        for (Customer customer : customers) {
            double[] x = customer.features();
            for (int d = 0; d < x.length; d++) {
                deviations[d] += (x[d] - means[d]) * (x[d] - means[d]) / (n - 1);
            }
        }
        for (int d = 0; d < deviations.length; d++) {
            deviations[d] = Math.sqrt(deviations[d]);
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] x = customers.get(i).features();
            for (int d = 0; d < x.length; d++) {
                x[d] = (x[d] - means[d]) / deviations[d];
            }
            rows[i] = x;
        }
        return new FeatureMatrix(rows, means, deviations);
    }

    @Step
    static Segmentation cluster(@Input("simulate") List<Customer> customers, @Input("standardize") FeatureMatrix matrix,
            @Param("k") int k, @Param("maxIterations") int maxIterations, @Param("restarts") int restarts,
            Random random) {
        KMeans.Clustering clustering = KMeans.fit(matrix.rows(), k, maxIterations, restarts, random);
        // k-means numbers its clusters arbitrarily; number them by mean annual spend so the output reads the same way.
        double[] spend = new double[k];
        int[] sizes = new int[k];
        for (int i = 0; i < customers.size(); i++) {
            spend[clustering.assignments()[i]] += customers.get(i).annualSpend();
            sizes[clustering.assignments()[i]]++;
        }
        Integer[] order = new Integer[k];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> sizes[c] == 0 ? 0 : -spend[c] / sizes[c])
                .thenComparingInt(c -> c));
        int[] segmentOf = new int[k];
        for (int rank = 0; rank < k; rank++) {
            segmentOf[order[rank]] = rank + 1;
        }
        Map<Integer, List<Integer>> bySegment = new TreeMap<>();
        for (int i = 0; i < customers.size(); i++) {
            bySegment.computeIfAbsent(segmentOf[clustering.assignments()[i]], s -> new ArrayList<>())
                    .add(customers.get(i).id());
        }
        return new Segmentation(clustering.inertia(), clustering.iterations(), bySegment);
    }

    @Step
    static List<SegmentProfile> profile(@Input("simulate") List<Customer> customers,
            @Input("cluster") Segmentation segmentation) {
        List<SegmentProfile> profiles = new ArrayList<>();
        segmentation.customersBySegment().forEach((segment, ids) -> {
            List<Customer> members = ids.stream().map(id -> customers.get(id - 1)).toList();
            Map<String, Integer> archetypes = new TreeMap<>();
            members.forEach(c -> archetypes.merge(c.archetype(), 1, Integer::sum));
            profiles.add(new SegmentProfile(segment, members.size(),
                    mean(members, Customer::annualSpend), mean(members, Customer::visitsPerMonth),
                    mean(members, Customer::basketSize), mean(members, Customer::discountShare), archetypes));
        });
        return profiles;
    }

    @Step
    static Map<Integer, Interval> spendIntervals(@Input("simulate") List<Customer> customers,
            @Input("cluster") Segmentation segmentation, @Param("resamples") int resamples,
            @Param("confidence") double confidence, Random random) {
        Map<Integer, Interval> intervals = new TreeMap<>();
        segmentation.customersBySegment().forEach((segment, ids) -> {
            double[] spend = ids.stream().mapToDouble(id -> customers.get(id - 1).annualSpend()).toArray();
            double[] means = new double[resamples];
            for (int r = 0; r < resamples; r++) {
                double sum = 0;
                for (int i = 0; i < spend.length; i++) {
                    sum += spend[random.nextInt(spend.length)];
                }
                means[r] = sum / spend.length;
            }
            Arrays.sort(means);
            double tail = (1 - confidence) / 2;
            intervals.put(segment, new Interval(Arrays.stream(spend).sum() / spend.length,
                    means[(int) Math.floor(tail * (resamples - 1))], means[(int) Math.ceil((1 - tail) * (resamples - 1))],
                    confidence, resamples));
        });
        return intervals;
    }

    private static double mean(List<Customer> customers, java.util.function.ToDoubleFunction<Customer> value) {
        return customers.stream().mapToDouble(value).sum() / customers.size();
    }
}
