package io.reprounit.run;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.api.Isolation;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Variation;
import io.reprounit.pipeline.PipelineDefinition;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The configuration of isolation, variations, run timeout and replay, resolved per pipeline against its
 * {@link ReproducibleRun} annotation. Values are read when a pipeline is planned, so that a bad one fails that pipeline
 * with a message naming the setting, instead of the whole execution.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunSettings {

    /** A forked run is killed past this: long enough for a real training, short enough to end a hang in a CI job. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** Replays of a diverged step: enough to tell "always different" from "different once", cheap for small steps. */
    public static final int DEFAULT_REPLAY = 3;

    /** Where runs execute; {@code io.reprounit.engine.Constants} documents each key for users. */
    public static final String RUNS_KEY = "reprounit.runs";
    /** The number of runs when neither the annotation nor {@link #RUNS_KEY} says otherwise. */
    public static final int DEFAULT_RUNS = 2;
    public static final String ISOLATION_KEY = "reprounit.isolation";
    public static final String VARY_KEY = "reprounit.vary";
    public static final String TIMEOUT_KEY = "reprounit.run.timeout";
    public static final String REPLAY_KEY = "reprounit.replay";
    public static final String SEED_KEY = "reprounit.vary.seed";

    /** The names of the configuration parameters read. */
    private record Keys(String isolation, String vary, String timeout, String replay, String seed) {}

    private static final Keys KEYS = new Keys(ISOLATION_KEY, VARY_KEY, TIMEOUT_KEY, REPLAY_KEY, SEED_KEY);

    /** Variations that {@code all} leaves out, since they cost what a check should not pay unasked. */
    private static final Set<Variation> OPT_IN = EnumSet.of(Variation.CPU_CONTENTION, Variation.UNSPECIFIED_ORDER);

    private final Function<String, Optional<String>> parameters;
    private final Keys keys = KEYS;

    /** @param parameters the configuration parameters by key: the launcher's, or a caller's over system properties */
    public RunSettings(Function<String, Optional<String>> parameters) {
        this.parameters = requireNonNull(parameters);
    }

    /**
     * The runs of a pipeline that leaves {@code @ReproducibleRun(runs)} at its default: {@link #RUNS_KEY}, else
     * {@value #DEFAULT_RUNS}; fewer than 2 is the pipeline reader's to report.
     */
    public int defaultRuns() {
        return parameters.apply(RUNS_KEY).flatMap(RunSettings::wholeNumber).orElse(DEFAULT_RUNS);
    }

    /** What is wrong with {@link #RUNS_KEY}, where something is: then {@link #defaultRuns} is {@value #DEFAULT_RUNS}. */
    public Optional<String> runsProblem() {
        return parameters.apply(RUNS_KEY).filter(value -> wholeNumber(value).isEmpty()).map(value -> "Configuration"
                + " parameter " + RUNS_KEY + " = '" + value + "' is not a whole number; set it to 2 or more. Using "
                + DEFAULT_RUNS + ".");
    }

    private static Optional<Integer> wholeNumber(String value) {
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The plan for one pipeline; an {@link IllegalArgumentException} naming the setting where one is wrong. */
    public CheckPlan plan(PipelineDefinition pipeline) {
        ReproducibleRun annotation = pipeline.pipelineClass().getAnnotation(ReproducibleRun.class);
        Isolation isolation = annotation == null ? Isolation.CONFIGURED : annotation.isolation();
        String isolationSource = "@ReproducibleRun(isolation = " + isolation + ")";
        if (isolation == Isolation.CONFIGURED) {
            isolation = parameters.apply(keys.isolation()).map(this::isolation).orElse(Isolation.SAME_JVM);
            isolationSource = keys.isolation() + " = " + isolation.name().toLowerCase(Locale.ROOT);
        }
        Set<Variation> variations;
        String varySource;
        if (annotation != null && annotation.vary().length > 0) {
            variations = EnumSet.copyOf(Arrays.asList(annotation.vary()));
            varySource = "@ReproducibleRun(vary = " + variations + ")";
        } else {
            Optional<String> configured = parameters.apply(keys.vary());
            variations = configured.map(this::variations).orElse(EnumSet.noneOf(Variation.class));
            varySource = keys.vary() + " = '" + configured.orElse("") + "'";
        }
        if (!variations.isEmpty() && isolation != Isolation.FORKED) {
            throw new IllegalArgumentException("Pipeline " + pipeline.name() + ": " + varySource + " asks for variations,"
                    + " which need a fresh JVM for each run, but " + isolationSource + "; set " + keys.isolation()
                    + " = forked or @ReproducibleRun(isolation = FORKED)");
        }
        Optional<String> timeout = parameters.apply(keys.timeout());
        return new CheckPlan(isolation, variations, timeout.map(this::timeout).orElse(DEFAULT_TIMEOUT),
                timeout.isPresent() ? keys.timeout() : "the default; set " + keys.timeout() + " to change it",
                parameters.apply(keys.replay()).map(this::replay).orElse(DEFAULT_REPLAY),
                parameters.apply(keys.seed()).map(this::seed).orElseGet(RunSettings::freshSeed));
    }

    private Isolation isolation(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "same_jvm" -> Isolation.SAME_JVM;
            case "forked" -> Isolation.FORKED;
            default -> throw new IllegalArgumentException("Configuration parameter " + keys.isolation() + " = '" + value
                    + "' is not an isolation; use same_jvm or forked");
        };
    }

    private EnumSet<Variation> variations(String value) {
        EnumSet<Variation> chosen = EnumSet.noneOf(Variation.class);
        for (String name : value.split(",")) {
            String normalized = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
            if (normalized.isEmpty()) {
                continue;
            }
            if (normalized.equals("all")) {
                chosen.addAll(EnumSet.complementOf(EnumSet.copyOf(OPT_IN)));
                continue;
            }
            chosen.add(Arrays.stream(Variation.values())
                    .filter(variation -> variation.name().toLowerCase(Locale.ROOT).equals(normalized))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Configuration parameter " + keys.vary() + " = '"
                            + value + "' names an unknown variation '" + name.strip() + "'; use all (all but "
                            + CheckRunner.names(OPT_IN) + ") or some of "
                            + Arrays.stream(Variation.values()).map(v -> v.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", ")))));
        }
        return chosen;
    }

    private Duration timeout(String value) {
        try {
            Duration timeout = Duration.parse(value.strip());
            if (!timeout.isNegative() && !timeout.isZero()) {
                return timeout;
            }
        } catch (DateTimeParseException e) {
            // Reported below with the same message as a non-positive value.
        }
        throw new IllegalArgumentException("Configuration parameter " + keys.timeout() + " = '" + value + "' is not a"
                + " positive duration; write it as PT30S, PT2M or PT1H");
    }

    private long seed(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration parameter " + keys.seed() + " = '" + value + "' is not a"
                    + " seed; use the whole number that a failure names, or leave it unset for a new one each check");
        }
    }

    /** Positive and short, so that a failure's "seed 1234567" is easy to copy into {@link #SEED_KEY}. */
    private static long freshSeed() {
        return 1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(999_999_999L);
    }

    private int replay(String value) {
        try {
            int times = Integer.parseInt(value.strip());
            if (times >= 0) {
                return times;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("Configuration parameter " + keys.replay() + " = '" + value + "' is not a"
                + " whole number of replays; use 0 to turn replay off, or a small number such as 3");
    }
}
