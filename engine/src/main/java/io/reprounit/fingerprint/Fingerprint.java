package io.reprounit.fingerprint;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a run or a step depended on, as named parts, never folded into one opaque hash: two fingerprints are compared
 * part by part, so that every difference can be named.
 */
@API(status = INTERNAL, since = "0.1")
public final class Fingerprint {

    private static final Fingerprint EMPTY = new Fingerprint(List.of());

    private final Map<String, FingerprintPart> parts;
    private final List<FingerprintPart> sorted;
    /** Taken on first use, and kept: a run's hundred-odd parts are hashed once, not once per use. */
    private volatile @Nullable String digest;

    private Fingerprint(Collection<FingerprintPart> parts) {
        Map<String, FingerprintPart> byKey = new TreeMap<>();
        for (FingerprintPart part : parts) {
            if (byKey.put(part.key(), part) != null) {
                throw new IllegalArgumentException("Two fingerprint parts are named " + part.key());
            }
        }
        this.parts = Collections.unmodifiableMap(byKey);
        this.sorted = List.copyOf(byKey.values());
    }

    public static Fingerprint of(Collection<FingerprintPart> parts) {
        return parts.isEmpty() ? EMPTY : new Fingerprint(parts);
    }

    public static Fingerprint empty() {
        return EMPTY;
    }

    /** Every part, sorted by aspect and name. */
    public List<FingerprintPart> parts() {
        return sorted;
    }

    /**
     * One digest of every part — key, value and digest, in key order — by which the store tells fingerprints apart:
     * equal parts, equal digest.
     */
    public String digest() {
        String known = digest;
        if (known == null) {
            MessageDigest sha256 = Digests.newSha256();
            for (FingerprintPart part : sorted) {
                sha256.update((part.key() + '\0' + part.value() + '\0' + part.digest() + '\n')
                        .getBytes(StandardCharsets.UTF_8));
            }
            known = Digests.format(sha256.digest());
            digest = known;
        }
        return known;
    }

    public List<FingerprintPart> parts(Aspect aspect) {
        return sorted.stream().filter(part -> part.aspect() == aspect).toList();
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
        for (FingerprintPart part : sorted) {
            String value = part.value().isEmpty() ? "(empty)" : part.value();
            entries.put("reprounit." + part.aspect().label() + "." + part.name(),
                    part.digestIsOfValue() ? value : value + " " + part.digest());
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
        return sorted.toString();
    }
}
