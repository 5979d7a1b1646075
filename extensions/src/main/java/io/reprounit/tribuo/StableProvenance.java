package io.reprounit.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DateProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.FileProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.TimeProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.URLProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Tribuo provenance as plain sorted maps, lists and values, without its volatile parts, and the dotted paths of what
 * was left out. Volatile is decided by the kind of provenance wherever it sits, so that a data source Tribuo adds later
 * is covered too: timestamps, file paths and URLs, and file hashes (the data fingerprint digests the data itself); and by
 * key for the JVM and operating system, which Tribuo records as plain strings and the environment fingerprint records
 * anyway. Everything else is kept: the trainer's configured fields, its invocation count (a trainer's second training
 * starts from another random state), versions and dataset statistics.
 *
 * <p>OLCUT's {@code host-short-name} is kept: despite its name it is the short name of the configurable interface (say
 * {@code Trainer}), not of the machine.
 */
final class StableProvenance {

    private static final Set<String> ENVIRONMENT_KEYS = Set.of("java-version", "os-name", "os-arch");

    private final List<String> leftOut = new ArrayList<>();
    private final Map<String, @Nullable Object> kept;

    private StableProvenance(ObjectProvenance provenance) {
        kept = members("", provenance);
    }

    static StableProvenance of(ObjectProvenance provenance) {
        return new StableProvenance(provenance);
    }

    /** The dotted paths of the left-out entries, sorted. */
    List<String> leftOut() {
        List<String> sorted = new ArrayList<>(leftOut);
        sorted.sort(null);
        return sorted;
    }

    /** What is compared: sorted maps, lists and plain values. */
    Map<String, @Nullable Object> kept() {
        return kept;
    }

    private Map<String, @Nullable Object> members(String path,
            Iterable<? extends Pair<String, ? extends Provenance>> members) {
        Map<String, @Nullable Object> kept = new TreeMap<>();
        for (Pair<String, ? extends Provenance> member : members) {
            String memberPath = path.isEmpty() ? member.getA() : path + "." + member.getA();
            if (isVolatile(member.getA(), member.getB())) {
                leftOut.add(memberPath);
            } else {
                kept.put(member.getA(), value(memberPath, member.getB()));
            }
        }
        return kept;
    }

    private @Nullable Object value(String path, Provenance provenance) {
        if (provenance instanceof ObjectProvenance object) {
            return members(path, object);
        }
        if (provenance instanceof MapProvenance<?> map) {
            return members(path, map);
        }
        if (provenance instanceof ListProvenance<?> list) {
            List<@Nullable Object> elements = new ArrayList<>();
            for (Provenance element : list) {
                String elementPath = path + "[" + elements.size() + "]";
                if (isVolatile(null, element)) {
                    leftOut.add(elementPath);
                    elements.add(null); // a placeholder, so that the positions of the others stay what they were
                } else {
                    elements.add(value(elementPath, element));
                }
            }
            return elements;
        }
        if (provenance instanceof PrimitiveProvenance<?> primitive) {
            Object value = primitive.getValue();
            return value instanceof String || value instanceof Number || value instanceof Boolean
                    || value instanceof Character || value instanceof Enum<?> || value == null
                    ? value : String.valueOf(value);
        }
        return provenance.toString(); // a kind of provenance OLCUT may add later: its text is all we know of it
    }

    private static boolean isVolatile(@Nullable String key, Provenance provenance) {
        return provenance instanceof DateTimeProvenance || provenance instanceof DateProvenance
                || provenance instanceof TimeProvenance || provenance instanceof FileProvenance
                || provenance instanceof URLProvenance || provenance instanceof HashProvenance
                || key != null && ENVIRONMENT_KEYS.contains(key);
    }
}
