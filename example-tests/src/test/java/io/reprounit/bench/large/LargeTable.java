package io.reprounit.bench.large;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The benchmark's table: one row per case, the medians of its pairs. */
final class LargeTable {

    private static final String HEADER = "| case | check JVM | plain JVM (2 runs) | ratio | check in-JVM | steps ×2 in-JVM"
            + " | ratio | pipeline's own check | ratio | peak RSS check | peak RSS plain | last step → verdict | artifacts"
            + " | store | outcome |";

    private LargeTable() {}

    static String row(LargeCase largeCase, List<LargeOutputs.Pair> pairs) {
        List<String> outcomes = pairs.stream().map(pair -> pair.check().outcome()).distinct().toList();
        return String.format(Locale.ROOT,
                "| %s | %.1f s | %.1f s | %.2f× | %.1f s | %.1f s | %.2f× | %.1f s | %.2f× | %s | %s | %.2f s | %s | %s | %s |",
                largeCase.id,
                median(pairs, pair -> pair.check().wallMillis()) / 1e3,
                median(pairs, pair -> pair.plain().wallMillis()) / 1e3,
                median(pairs, pair -> pair.check().wallMillis() / pair.plain().wallMillis()),
                median(pairs, pair -> pair.check().innerMillis()) / 1e3,
                median(pairs, pair -> pair.plain().innerMillis()) / 1e3,
                median(pairs, pair -> pair.check().innerMillis() / pair.plain().innerMillis()),
                median(pairs, pair -> pair.check().pipelineMillis()) / 1e3,
                median(pairs, pair -> pair.check().pipelineMillis() / pair.plain().innerMillis()),
                mebibytes(median(pairs, pair -> pair.check().peakKib() * 1024.0)),
                mebibytes(median(pairs, pair -> pair.plain().peakKib() * 1024.0)),
                median(pairs, pair -> pair.check().afterRunsMillis()) / 1e3,
                mebibytes(median(pairs, pair -> pair.check().artifactBytes())),
                mebibytes(median(pairs, pair -> pair.check().storeBytes())),
                String.join("; ", outcomes.stream().map(escape()).toList()));
    }

    /** The platform's floor against the plain JVM and the check, where every pair measured it. */
    static String floorRow(LargeCase largeCase, List<LargeOutputs.Pair> pairs) {
        return String.format(Locale.ROOT, "| %s | %.2f s | %.2f s | %.2f× | %.2f s | %.2f× |", largeCase.id,
                median(pairs, pair -> pair.plain().wallMillis()) / 1e3,
                median(pairs, pair -> floor(pair).wallMillis()) / 1e3,
                median(pairs, pair -> floor(pair).wallMillis() / pair.plain().wallMillis()),
                median(pairs, pair -> pair.check().wallMillis()) / 1e3,
                median(pairs, pair -> pair.check().wallMillis() / floor(pair).wallMillis()));
    }

    static String renderFloors(List<String> rows) {
        return "The platform's floor: the plain JVM with the JUnit Platform started first (Jupiter alone, running"
                + " nothing)\n\n| case | plain JVM | floor JVM | floor / plain | check JVM | check / floor |\n"
                + "|---".repeat(6) + "|\n" + String.join("\n", rows);
    }

    private static LargeOutputs.Child floor(LargeOutputs.Pair pair) {
        return java.util.Objects.requireNonNull(pair.floor(), "run with -Dlarge.floor=true");
    }

    static String render(int pairs, List<String> rows, boolean warm) {
        return "Medians of " + pairs + " pairs of fresh JVMs (ratios: median of the pairs' ratios)"
                + (warm ? "; each check JVM checked a small pipeline first, in the same execution" : "") + "\n\n"
                + HEADER + "\n" + "|---".repeat(15) + "|\n" + String.join("\n", rows);
    }

    private static double median(List<LargeOutputs.Pair> pairs, ToDoubleFunction<LargeOutputs.Pair> figure) {
        return LargeOutputs.median(pairs.stream().map(pair -> figure.applyAsDouble(pair)).toList());
    }

    private static String mebibytes(double bytes) {
        return bytes < 0 ? "?" : bytes < 1 << 20 ? String.format(Locale.ROOT, "%.0f KiB", bytes / 1024)
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (1 << 20));
    }

    private static Function<String, String> escape() {
        return text -> text.replace("|", "\\|");
    }
}
