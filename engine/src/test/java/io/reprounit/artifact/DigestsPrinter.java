package io.reprounit.artifact;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The digests of a fixed set of values, the same set in every JVM: printed by {@link #main} (one {@code name<TAB>digest}
 * line each, after a {@code java.version} line) for {@link DigestAcrossJdksTest}, which runs it in a JDK 25 and compares
 * with {@link #digests()} in its own JVM. Chosen where JDKs or JVM starts could disagree: doubles whose
 * {@code Double.toString} differs between Java 17 and 19+ (JDK-4511638), NaN payloads, signed zeros, subnormals,
 * {@code Set.of}/{@code Map.of} whose iteration order is salted per JVM start, and text beyond ASCII.
 */
final class DigestsPrinter {

    /** A record as users write them: fields of several kinds, nested values. */
    record Measurement(String sensor, double value, float weight, List<Integer> flags, Map<String, Double> extra) {}

    /** Nested records, so that field names at several depths count. */
    record Series(String name, Measurement first, List<Measurement> rest) {}

    private DigestsPrinter() {}

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder("java.version\t" + System.getProperty("java.version") + "\n");
        digests().forEach((name, digest) -> out.append(name).append('\t').append(digest).append('\n'));
        System.out.print(out);
    }

    /** Each value's name and the digest that {@code Materializers.of(List.of())} gives it, in a fixed order. */
    static Map<String, String> digests() {
        Materializers materializers = Materializers.of(List.of());
        Map<String, String> digests = new LinkedHashMap<>();
        values().forEach((name, value) -> digests.put(name, materializers.materialize(value).digest()));
        return digests;
    }

    static Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        double[] doubles = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
            Double.longBitsToDouble(0xfff8_0000_0000_0000L), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, 1e-310, 9.9e-324, Double.MIN_NORMAL, Double.MAX_VALUE, 1e23, 2e23, 8.41e21,
            2.82879384806159e17, 0.1 + 0.2, 0.1, Math.scalb(1.0, 132), -Math.scalb(1.0, -1074 + 3), 1.0, 100.0};
        for (int i = 0; i < doubles.length; i++) {
            values.put("double " + i + " (" + Long.toHexString(Double.doubleToRawLongBits(doubles[i])) + ")", doubles[i]);
        }
        float[] floats = {0.0f, -0.0f, Float.NaN, Float.intBitsToFloat(0x7fc0_0001), Float.MIN_VALUE, 1e-40f,
            Float.MIN_NORMAL, Float.MAX_VALUE, 0.1f, 1.1f, 3.4e38f, 16777217f};
        for (int i = 0; i < floats.length; i++) {
            values.put("float " + i + " (" + Integer.toHexString(Float.floatToRawIntBits(floats[i])) + ")", floats[i]);
        }
        values.put("double[]", doubles);
        values.put("float[]", floats);
        values.put("int[]", new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE});
        values.put("long[]", new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE});
        values.put("long max", Long.MAX_VALUE);
        values.put("int min", Integer.MIN_VALUE);
        values.put("boolean", true);
        values.put("BigDecimal 1.10", new BigDecimal("1.10"));
        values.put("BigDecimal 1.1", new BigDecimal("1.1"));
        values.put("BigDecimal of 0.1", new BigDecimal(0.1));
        values.put("BigDecimal -0.000", new BigDecimal("-0.000"));
        values.put("BigInteger 2^132", BigInteger.ONE.shiftLeft(132));
        values.put("string empty", "");
        values.put("string accents", "naïve café, Ærøskøbing, straße");
        values.put("string CJK", "日本語のテキスト 中文 한국어");
        values.put("string emoji", "🎉 surrogate pairs 𝄞");
        values.put("string combining", "e\u0301 vs \u00e9, \u0000 nul, \t tab, \u2028 separator");
        values.put("list of strings", List.of("ä", "b", "日本", "🎉"));
        values.put("nested lists", List.of(List.of(1, 2), List.of(), List.of(List.of("x", 0.5)), List.of(List.of())));
        values.put("Map.of", Map.of("zeta", 1, "alpha", 2, "mu", 3, "ßeta", 4, "日", 5, "beta", 6, "gamma", 7));
        Map<Object, Object> hashMap = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            hashMap.put("key " + i * 7919 % 97, i % 3 == 0 ? List.of(i, -0.0) : Double.toString(i / 7.0));
        }
        values.put("HashMap", hashMap);
        values.put("TreeMap", new TreeMap<>(Map.of(3, "c", 1, "a", 2, "b")));
        values.put("Map with double keys", new TreeMap<>(Map.of(0.1 + 0.2, "x", 1e23, "y", -0.0, "z")));
        values.put("Set.of", Set.of("pear", "apple", "fig", "kiwi", "date", "plum", "lime", "é"));
        Set<Integer> hashSet = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            hashSet.add(i * 104729 % 1009);
        }
        values.put("HashSet", hashSet);
        Measurement first = new Measurement("thermo-1", 0.1 + 0.2, 1.1f, List.of(1, 0, 1),
                Map.of("drift", 1e-310, "offset", -0.0));
        values.put("record", first);
        List<Measurement> rest = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rest.add(new Measurement("sensor é " + i, Math.scalb(1.0, 10 * i), i / 3f, List.of(i), Map.of()));
        }
        values.put("nested records", new Series("series 🎉", first, rest));
        values.put("enum", TimeUnit.SECONDS);
        values.put("list of doubles", List.of(2e23, 9.9e-324, Double.NaN, -0.0));
        return values;
    }
}
