package io.reprounit.bench;

import io.reprounit.artifact.Materializers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What digesting a step's output costs on one core, against what SHA-256 alone costs for as many bytes: a 128 MiB
 * {@code double[]} (16M values) and a list of 1,000,000 five-field records, each through
 * {@code Materializers.of(List.of()).materialize(value).digest()}, as the engine digests an output.
 *
 * <p>Run: {@code mvn -B -q -o -pl engine test-compile exec:exec@jmh}; JMH options go in
 * {@code -Djmh.args="-f 2 -i 5"}. JMH prints seconds per operation; the summary after it turns them into GB/s
 * (10^9 bytes of the array per second) and records per second. The defaults (one fork, 2 warm-up and 3 measured
 * iterations of 5 s) take about two minutes once digests are fast; a slow encoder makes each iteration one long call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class EncoderBenchmark {

    static final int DOUBLES = 16 * 1024 * 1024;
    static final int RECORDS = 1_000_000;

    /** One row of a table, as the large-outputs pipeline's records. */
    public record Row(String id, int visits, double basket, double spend, boolean loyal) {}

    private final Materializers materializers = Materializers.of(List.of());
    private double[] doubles = new double[0];
    /** The same doubles as little-endian bytes: what SHA-256 alone is measured on. */
    private byte[] doubleBytes = new byte[0];
    private List<Row> records = List.of();

    @Setup
    public void setUp() {
        Random random = new Random(42);
        doubles = new double[DOUBLES];
        for (int i = 0; i < DOUBLES; i++) {
            doubles[i] = random.nextGaussian();
        }
        doubleBytes = new byte[DOUBLES * Double.BYTES];
        ByteBuffer.wrap(doubleBytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(doubles);
        List<Row> rows = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            rows.add(new Row("customer-" + Integer.toString(random.nextInt(1 << 30), 36), random.nextInt(10),
                    random.nextDouble(), random.nextGaussian(), random.nextBoolean()));
        }
        records = rows;
    }

    @Benchmark
    public String doubles128MiB() {
        return materializers.materialize(doubles).digest();
    }

    @Benchmark
    public byte[] sha256Of128MiB() throws NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(doubleBytes);
        return sha256.digest();
    }

    @Benchmark
    public String records1M() {
        return materializers.materialize(records).digest();
    }

    /** Runs this class's benchmarks with the JMH options given (one string, split at spaces), then the summary. */
    public static void main(String[] args) throws Exception {
        String[] options = Arrays.stream(String.join(" ", args).split(" ")).filter(a -> !a.isBlank())
                .toArray(String[]::new);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(options))
                .include(EncoderBenchmark.class.getName() + "\\.")
                .build()).run();
        System.out.println();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
            double seconds = result.getPrimaryResult().getScore();
            String rate = name.equals("records1M")
                    ? String.format(Locale.ROOT, "%.2f M records/s", RECORDS / seconds / 1e6)
                    : String.format(Locale.ROOT, "%.3f GB/s", (double) DOUBLES * Double.BYTES / seconds / 1e9);
            System.out.printf(Locale.ROOT, "%-16s %10.4f s/op  %s%n", name, seconds, rate);
        }
    }
}
