package io.reprounit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.fingerprint.Aspect;
import io.reprounit.fingerprint.Fingerprint;
import io.reprounit.fingerprint.FingerprintPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The step cache where a recorded key differs from the current one in its jars: which jars count for the step is asked
 * only where nothing else differs, and a step that none of them counts for is served.
 */
class StepCacheJarsTest {

    private static final Fingerprint STEP = Fingerprint.of(List.of(
            FingerprintPart.ofContent(Aspect.CODE, "bytecode", "3 methods in 1 classes", "aa"),
            FingerprintPart.of(Aspect.CONFIG, "param.epochs", "3")));
    private static final FingerprintPart JAVA = FingerprintPart.of(Aspect.ENVIRONMENT, "java.version", "17.0.15");
    private static final Map<String, String> INPUTS = Map.of("@Input(\"load\")", "d1");

    /** The jars asked about, each time the cache asks. */
    private final List<Set<String>> asked = new ArrayList<>();

    private static FingerprintPart jar(String name, String version) {
        return FingerprintPart.ofContent(Aspect.CODE, "jar:test:" + name, version, name + "-" + version);
    }

    private static CacheKey key(Fingerprint step, Map<String, String> inputs, FingerprintPart... runParts) {
        return new CacheKey(step, Fingerprint.of(List.of(runParts)), inputs);
    }

    private static CacheEntry reproduced(long check, CacheKey key) {
        return new CacheEntry(check, true, key, new CacheEntry.StoredOutput("o" + check, "b" + check, 1,
                "text/plain", "objects/o" + check));
    }

    /** A reach by which {@code reached} count for the step, noting what it was asked. */
    private JarReach reaching(String... reached) {
        return jars -> {
            asked.add(Set.copyOf(jars));
            Map<String, String> counted = new LinkedHashMap<>();
            for (String jar : jars) {
                if (List.of(reached).contains(jar)) {
                    counted.put(jar, "reached by its code");
                }
            }
            return counted;
        };
    }

    private static StepCache over(CacheEntry... entries) {
        return StepCache.over(() -> Map.of("train", List.of(entries)));
    }

    @Test
    void anotherVersionOfAJarTheStepDoesNotReachIsAHitAndOneItReachesAMissNamingIt() {
        StepCache cache = over(reproduced(1, key(STEP, INPUTS, JAVA, jar("solver", "1.0"), jar("other", "1.0"))));
        CacheKey otherChanged = key(STEP, INPUTS, JAVA, jar("solver", "1.0"), jar("other", "1.1"));
        CacheKey solverChanged = key(STEP, INPUTS, JAVA, jar("solver", "1.1"), jar("other", "1.0"));

        assertThat(cache.lookup("train", otherChanged, reaching("jar:test:solver")).reportEntry())
                .isEqualTo("hit: check 1");
        assertThat(cache.lookup("train", solverChanged, reaching("jar:test:solver")).reportEntry()).isEqualTo(
                "miss: jars of step train: test:solver 1.0 → 1.1 (reached by its code) (since check 1)");
        assertThat(asked).containsExactly(Set.of("jar:test:other"), Set.of("jar:test:solver"));
    }

    @Test
    void aJarRemovedOrAddedIsAskedAboutLikeAChangedOne() {
        StepCache cache = over(reproduced(1, key(STEP, INPUTS, JAVA, jar("solver", "1.0"), jar("gone", "1.0"))));

        CacheLookup lookup = cache.lookup("train", key(STEP, INPUTS, JAVA, jar("solver", "1.0"), jar("new", "2.0")),
                reaching("jar:test:gone"));

        assertThat(asked).containsExactly(Set.of("jar:test:gone", "jar:test:new"));
        assertThat(lookup.reportEntry()).isEqualTo(
                "miss: jars of step train: test:gone removed (was 1.0) (reached by its code) (since check 1)");
    }

    /** The cost of working out which jars a step reaches is paid only where it can decide a hit. */
    @Test
    void whichJarsCountIsNotAskedWhereTheKeysAreEqualOrDifferInMoreThanJars() {
        CacheKey recorded = key(STEP, INPUTS, JAVA, jar("solver", "1.0"));
        StepCache cache = over(reproduced(1, recorded));
        Fingerprint edited = Fingerprint.of(List.of(
                FingerprintPart.ofContent(Aspect.CODE, "bytecode", "3 methods in 1 classes", "bb"),
                FingerprintPart.of(Aspect.CONFIG, "param.epochs", "3")));

        assertThat(cache.lookup("train", key(STEP, INPUTS, JAVA, jar("solver", "1.0")), reaching()).reportEntry())
                .isEqualTo("hit: check 1");
        assertThat(cache.lookup("train", key(edited, INPUTS, JAVA, jar("solver", "1.1")), reaching()).reportEntry())
                .isEqualTo("miss: code of step train changed; jar test:solver 1.0 → 1.1 (since check 1)");
        assertThat(cache.lookup("train", key(STEP, Map.of("@Input(\"load\")", "d2"), JAVA, jar("solver", "1.1")),
                reaching()).reportEntry()).startsWith("miss: ");
        assertThat(cache.lookup("train", key(STEP, INPUTS, FingerprintPart.of(Aspect.ENVIRONMENT, "java.version", "25"),
                jar("solver", "1.1")), reaching()).reportEntry()).startsWith("miss: environment: java.version");
        assertThat(asked).isEmpty();
    }

    @Test
    void aDivergenceRecordedWithOtherJarsThatTheStepDoesNotReachIsNeverServed() {
        CacheKey now = key(STEP, INPUTS, JAVA, jar("solver", "1.0"), jar("other", "1.1"));
        StepCache cache = over(reproduced(2, now),
                new CacheEntry(1, false, key(STEP, INPUTS, JAVA, jar("solver", "1.0"), jar("other", "1.0")), null));

        assertThat(cache.lookup("train", now, reaching("jar:test:solver")).reportEntry()).isEqualTo("miss: step"
                + " 'train' diverged with this very code, configuration, data, environment and inputs (the jars that"
                + " differ being out of its reach) in check 1, so it is never served from the cache");
        assertThat(over(reproduced(2, now), new CacheEntry(1, false, key(STEP, INPUTS, JAVA, jar("solver", "0.9"),
                jar("other", "1.1")), null)).lookup("train", now, reaching("jar:test:solver")).reportEntry())
                .as("diverged with a jar it reaches: that divergence says nothing of this key").isEqualTo("hit: check 2");
    }
}
