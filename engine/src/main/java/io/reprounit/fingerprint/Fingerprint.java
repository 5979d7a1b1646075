package io.reprounit.fingerprint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run or a step depended on, as named parts, never folded into one opaque hash: two fingerprints are compared
 * part by part, so that every difference can be named.
 */
public final class Fingerprint {

    private static final Fingerprint EMPTY = new Fingerprint(List.of());

    private final Map<String, FingerprintPart> parts;

    private Fingerprint(Collection<FingerprintPart> parts) {
        Map<String, FingerprintPart> byKey = new TreeMap<>();
        for (FingerprintPart part : parts) {
            if (byKey.put(part.key(), part) != null) {
                throw new IllegalArgumentException("Two fingerprint parts are named " + part.key());
            }
        }
        this.parts = Collections.unmodifiableMap(byKey);
    }

    public static Fingerprint of(Collection<FingerprintPart> parts) {
        return parts.isEmpty() ? EMPTY : new Fingerprint(parts);
    }

    public static Fingerprint empty() {
        return EMPTY;
    }

    /** Every part, sorted by aspect and name. */
    public List<FingerprintPart> parts() {
        return List.copyOf(parts.values());
    }

    public List<FingerprintPart> parts(Aspect aspect) {
        return parts.values().stream().filter(part -> part.aspect() == aspect).toList();
    }

    public java.util.Optional<FingerprintPart> part(Aspect aspect, String name) {
        return java.util.Optional.ofNullable(parts.get(aspect.label() + "/" + name));
    }

    /** The parts that were added, removed or changed from {@code before} to this fingerprint, sorted by key. */
    public List<PartChange> changesSince(Fingerprint before) {
        List<PartChange> changes = new ArrayList<>();
        Map<String, FingerprintPart> union = new TreeMap<>(before.parts);
        union.putAll(parts);
        for (String key : union.keySet()) {
            FingerprintPart old = before.parts.get(key);
            FingerprintPart now = parts.get(key);
            if (old == null || now == null || !old.digest().equals(now.digest())) {
                changes.add(new PartChange(old, now));
            }
        }
        return changes;
    }

    /**
     * The parts as report entries: {@code reprounit.<aspect>.<name>} to the value, followed by the digest where it
     * covers more than the value (a jar, a data file, bytecode).
     */
    public java.util.Map<String, String> reportEntries() {
        java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
        for (FingerprintPart part : parts.values()) {
            String value = part.value().isEmpty() ? "(empty)" : part.value();
            boolean digestIsOfValue = part.digest().equals(io.reprounit.artifact.Digests.sha256(part.value()));
            entries.put("reprounit." + part.aspect().label() + "." + part.name(),
                    digestIsOfValue ? value : value + " " + part.digest());
        }
        return entries;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && parts.equals(that.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return parts.values().toString();
    }
}
