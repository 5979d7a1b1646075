package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.api.Variation;
import io.reprounit.run.jdk.JdkPatch;
import io.reprounit.run.jdk.OrderedListingProvider;
import io.reprounit.run.jdk.ShuffledOrders;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one forked run is given for each variation of its check: the control's value (experiment 0) or an experiment's
 * (1, 2, …, one per later run). Control values are pinned, never taken from the machine, so that the control is the
 * same everywhere; experiment values follow reprotest's choices where it has one.
 */
final class RunConditions {

    /** Extra variable of the {@link Variation#ENVIRONMENT} experiment; reprotest adds one of the same spirit. */
    static final String CAPTURED_VARIABLE = "REPROUNIT_CAPTURE_ENVIRONMENT";

    private static final List<String> EXPERIMENT_LOCALES = List.of("tr_TR", "de_CH", "fr_FR");

    private final Map<Variation, Integer> experiments;
    private final long seed;

    private RunConditions(Map<Variation, Integer> experiments, long seed) {
        this.experiments = experiments.isEmpty() ? Map.of() : new EnumMap<>(experiments);
        this.seed = seed;
    }

    static RunConditions control(Set<Variation> variations, long seed) {
        return experiment(variations, 0, seed);
    }

    /**
     * Every variation at the values of experiment {@code number}, 0 being the control.
     *
     * @param seed the check's {@link CheckPlan#seed()}, which random experiment values derive from
     */
    static RunConditions experiment(Set<Variation> variations, int number, long seed) {
        Map<Variation, Integer> experiments = new EnumMap<>(Variation.class);
        variations.forEach(variation -> experiments.put(variation, number));
        return new RunConditions(experiments, seed);
    }

    /** The control, except {@code varied} at experiment {@code number}: one step of an investigation. */
    RunConditions onlyVarying(Set<Variation> varied, int number) {
        Map<Variation, Integer> only = new EnumMap<>(Variation.class);
        experiments.keySet().forEach(each -> only.put(each, varied.contains(each) ? number : 0));
        return new RunConditions(only, seed);
    }

    /** The variations that this run gives an experiment value. */
    Set<Variation> varied() {
        return experiments.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(Variation.class)));
    }

    int experimentOf(Variation variation) {
        return experiments.getOrDefault(variation, 0);
    }

    /** Whether {@code variation}'s experiment values come from the check's seed, so that a failure names it. */
    static boolean isSeeded(Variation variation) {
        return variation == Variation.IDENTITY_HASH || variation == Variation.UNSPECIFIED_ORDER;
    }

    /**
     * The seed of {@code variation}'s random values in this run: 0 at the control, else one of its own per experiment
     * and variation, so that experiment 2 shuffles otherwise than experiment 1 and a re-run of experiment 1 alone (an
     * investigation) the same way.
     */
    long seedOf(Variation variation) {
        int number = experimentOf(variation);
        if (number == 0) {
            return 0;
        }
        long mixed = seed + 0x9E3779B97F4A7C15L * (31L * number + variation.ordinal() + 1);
        mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
        mixed ^= mixed >>> 31;
        return mixed == 0 ? 1 : mixed;
    }

    /** {@code locale=de_CH}: what a failure names. */
    String describe(Variation variation, ForkCommand command) {
        return variation.name().toLowerCase(Locale.ROOT) + "=" + value(variation, experimentOf(variation), command);
    }

    /** Every variation as {@code name=value}, for the run's fingerprint. */
    Map<String, String> describeAll(ForkCommand command) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        experiments.keySet().forEach(v -> all.put(v.name().toLowerCase(Locale.ROOT),
                value(v, experimentOf(v), command)));
        return all;
    }

    /** Sets the run's JVM options, environment and directories for each variation. */
    void applyTo(ForkCommand command) {
        if (!experiments.isEmpty() && !experiments.containsKey(Variation.IDENTITY_HASH)) {
            // HotSpot's identity hashes follow how many threads started before the step (how many objects were hashed,
            // for the counter): a processor count or a file-system wrapper would change them too. Pinned to a constant
            // here, a perturbed run blames identity hashes on identity_hash alone.
            apply(Variation.IDENTITY_HASH, "constant", command);
        }
        experiments.forEach((variation, number) -> apply(variation, value(variation, number, command), command));
        if (experimentOf(Variation.IDENTITY_HASH) > 0) {
            command.option("-D" + IdentityHashes.SEED_PROPERTY + "=" + seedOf(Variation.IDENTITY_HASH));
        }
        if (experimentOf(Variation.CPU_CONTENTION) > 0) {
            command.option("-D" + CpuContention.THREADS_PROPERTY + "=" + CpuContention.defaultThreads());
        }
        applyOrders(command);
    }

    /**
     * Directory and unspecified orders together, since both reorder {@code java.io.File} and {@code java.nio.file}
     * listings: an {@code unspecified_order} experiment shuffles them, else {@code directory_order} sorts or reverses
     * them. A patched {@code java.base} ({@link JdkPatch}) only where one of them asks for it, since a JVM whose
     * {@code java.base} is patched starts without class data sharing; {@code directory_order}'s is applied by
     * {@link JdkPatchAgent} instead, which keeps it.
     */
    private void applyOrders(ForkCommand command) {
        long shuffle = seedOf(Variation.UNSPECIFIED_ORDER);
        String listings = shuffle != 0 ? OrderedListingProvider.SHUFFLED + shuffle
                : experiments.containsKey(Variation.DIRECTORY_ORDER)
                        ? value(Variation.DIRECTORY_ORDER, experimentOf(Variation.DIRECTORY_ORDER), command) : null;
        if (listings == null) {
            return;
        }
        command.option("-Djava.nio.file.spi.DefaultFileSystemProvider=" + OrderedListingProvider.class.getName());
        command.option("-D" + OrderedListingProvider.ORDER_PROPERTY + "=" + listings);
        if (shuffle == 0 && !listings.equals("reversed")) {
            // directory_order's control leaves java.io.File in the file system's own order, which its experiment's
            // reverse sorting changes all the same: the control and every investigating run that does not vary the
            // order keep class data sharing (0.3 s of CPU a run).
            return;
        }
        int files = shuffle != 0 ? ShuffledOrders.FILES_SHUFFLED : ShuffledOrders.FILES_REVERSED;
        Path temporary = requireNonNull(command.checkDirectory().getParent());
        Path jar = new JdkPatch(shuffle, files).jar(temporary);
        if (shuffle == 0) {
            // java.io.File alone holds no state that its rewriting could strand, so an agent redefines it at start and
            // the run keeps class data sharing (0.19 s of CPU a run); salted hashes must be there from the JVM's start.
            command.option("-javaagent:" + JdkPatch.agent(temporary) + "=" + jar);
        } else {
            command.option("--patch-module=java.base=" + jar);
        }
        // So that this engine's code in the run can ask the patched classes which kinds of call a step made.
        command.option("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
    }

    private String value(Variation variation, int number, ForkCommand command) {
        boolean control = number == 0;
        return switch (variation) {
            case TIME_ZONE -> control ? "Etc/GMT+12" : "Etc/GMT-14";
            case LOCALE -> control ? "en_US" : EXPERIMENT_LOCALES.get((number - 1) % EXPERIMENT_LOCALES.size());
            case PROCESSORS -> control ? "1" : "8";
            case IDENTITY_HASH -> control ? "constant" : "shuffled";
            case USER -> control ? "reprounit-first" : "reprounit-second";
            case WORKING_DIRECTORY -> (control ? command.originalDirectory() : command.runDirectory().resolve("work"))
                    .toString();
            case TEMP_DIRECTORY -> (control ? command.checkDirectory().resolve("tmp")
                    : command.runDirectory().resolve("temporary-files")).toString();
            case DIRECTORY_ORDER -> control ? "sorted" : "reversed";
            case ENVIRONMENT -> control ? "inherited" : "+" + CAPTURED_VARIABLE;
            case CPU_CONTENTION -> control ? "none" : CpuContention.defaultThreads() + " busy threads";
            case UNSPECIFIED_ORDER -> control ? "jdk" : "shuffled";
        };
    }

    private static void apply(Variation variation, String value, ForkCommand command) {
        switch (variation) {
            case TIME_ZONE -> {
                command.option("-Duser.timezone=" + value);
                command.environment("TZ", value);
            }
            case LOCALE -> {
                String[] parts = value.split("_");
                command.option("-Duser.language=" + parts[0]);
                command.option("-Duser.country=" + parts[1]);
            }
            case PROCESSORS -> {
                command.option("-XX:ActiveProcessorCount=" + value);
                command.option("-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + value);
            }
            case IDENTITY_HASH -> {
                // 2 gives every object the same identity hash, so that order follows insertion alone; 5 is HotSpot's
                // per-thread xorshift, which the forked JVM advances before each step (IdentityHashes). A constant hash
                // makes identity-hashed maps slower, which perturbed runs can afford.
                command.option("-XX:+UnlockExperimentalVMOptions");
                command.option("-XX:hashCode=" + (value.equals("constant") ? 2 : 5));
            }
            case USER -> {
                String home = "/nonexistent/" + value;
                command.option("-Duser.name=" + value);
                command.option("-Duser.home=" + home);
                command.environment("USER", value);
                command.environment("LOGNAME", value);
                command.environment("HOME", home);
            }
            case WORKING_DIRECTORY -> command.workingDirectory(Path.of(value));
            case TEMP_DIRECTORY -> {
                command.directory(Path.of(value));
                command.option("-Djava.io.tmpdir=" + value);
                command.environment("TMPDIR", value);
            }
            case DIRECTORY_ORDER, UNSPECIFIED_ORDER -> {
                // Both in applyOrders.
            }
            case ENVIRONMENT -> {
                if (!value.equals("inherited")) {
                    command.environment(CAPTURED_VARIABLE, "i_capture_the_environment");
                }
            }
            case CPU_CONTENTION -> {
                // Started inside the forked JVM around each step (CpuContention), from the property applyTo sets.
            }
        }
    }

    @Override
    public String toString() {
        return experiments.toString();
    }
}
