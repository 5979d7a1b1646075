package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.baseline.BaselineSettings;
import io.reprounit.cache.CacheSettings;
import io.reprounit.check.AgainstSetting;
import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.pipeline.ParamOverrides;
import io.reprounit.run.RunSettings;
import io.reprounit.store.StoreSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;

/**
 * Every setting of one engine execution, read once at discovery from the launcher's configuration parameters and kept
 * on the {@link ReproUnitEngineDescriptor} (Jupiter's pattern), so that discovery and execution see the same values and
 * each key is read in one place. A wrong value is kept as a problem, reported where it applies.
 */
final class ReproUnitConfiguration {

    private final ParamOverrides paramOverrides;
    private final BaselineSettings baselines;
    private final AgainstSetting against;
    private final RunSettings runs;
    private final StoreSettings store;
    private final boolean fingerprintEnabled;
    private final List<String> environmentVariables;
    private final Optional<ConfigurationParameters> parallel;
    private final boolean summary;
    private final Optional<String> summaryProblem;
    private final CacheSettings cache;
    private final Optional<String> report;

    private ReproUnitConfiguration(ParamOverrides paramOverrides, BaselineSettings baselines, AgainstSetting against,
            RunSettings runs,
            StoreSettings store, boolean fingerprintEnabled, List<String> environmentVariables,
            Optional<ConfigurationParameters> parallel, boolean summary, Optional<String> summaryProblem,
            CacheSettings cache, Optional<String> report) {
        this.paramOverrides = requireNonNull(paramOverrides);
        this.baselines = requireNonNull(baselines);
        this.against = requireNonNull(against);
        this.runs = requireNonNull(runs);
        this.store = requireNonNull(store);
        this.fingerprintEnabled = fingerprintEnabled;
        this.environmentVariables = List.copyOf(environmentVariables);
        this.parallel = requireNonNull(parallel);
        this.summary = summary;
        this.summaryProblem = requireNonNull(summaryProblem);
        this.cache = requireNonNull(cache);
        this.report = requireNonNull(report);
    }

    static ReproUnitConfiguration read(ConfigurationParameters parameters, Function<String, String> environment) {
        BaselineSettings baselines = BaselineSettings.from(parameters::get, new BaselineSettings.Keys(
                Constants.BASELINE_MODE_PROPERTY_NAME, Constants.BASELINE_DIR_PROPERTY_NAME,
                Constants.DEFAULT_BASELINE_DIR, Constants.CI_PROPERTY_NAME), environment::apply, PathSettings::problem);
        boolean fingerprints = parameters.getBoolean(Constants.FINGERPRINT_ENABLED_PROPERTY_NAME).orElse(true);
        CacheSettings cache = CacheSettings.from(parameters::get, baselines.ci());
        AgainstSetting against = AgainstSetting.from(parameters::get);
        if (cache.on() && !fingerprints) {
            // Without fingerprints every step would look unchanged: the cache would serve stale outputs.
            cache = CacheSettings.OFF;
        } else if (cache.on() && against.isSet()) {
            // Compared with a recorded check, every step must run: that is what reproducing it means.
            cache = CacheSettings.OFF;
        }
        return new ReproUnitConfiguration(paramOverrides(parameters), baselines, against,
                new RunSettings(parameters::get),
                StoreSettings.from(parameters::get),
                fingerprints,
                parameters.get(Constants.ENVIRONMENT_VARIABLES_PROPERTY_NAME).map(Fingerprinter::environmentVariables)
                        .orElse(List.of()),
                parameters.getBoolean(Constants.PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME).orElse(false)
                        ? Optional.of(new PrefixedConfigurationParameters(parameters, Constants.PARALLEL_CONFIG_PREFIX))
                        : Optional.empty(),
                !summaryValue(parameters).equals("off"), summaryProblem(parameters), cache,
                parameters.get(Constants.REPORT_PROPERTY_NAME).map(String::strip).filter(path -> !path.isEmpty()));
    }

    /** Where to write the HTML report after the execution ({@link Constants#REPORT_PROPERTY_NAME}), where set. */
    Optional<String> report() {
        return report;
    }

    /** Whether and why steps are served from the step cache ({@link Constants#CACHE_PROPERTY_NAME}). */
    CacheSettings cache() {
        return cache;
    }

    private static String summaryValue(ConfigurationParameters parameters) {
        String value = parameters.get(Constants.SUMMARY_PROPERTY_NAME).orElse("on").strip().toLowerCase(Locale.ROOT);
        return value.equals("false") ? "off" : value.equals("true") ? "on" : value;
    }

    private static Optional<String> summaryProblem(ConfigurationParameters parameters) {
        String value = summaryValue(parameters);
        return value.equals("on") || value.equals("off") ? Optional.empty() : Optional.of("Configuration parameter "
                + Constants.SUMMARY_PROPERTY_NAME + " = '" + parameters.get(Constants.SUMMARY_PROPERTY_NAME).orElse("")
                + "' is neither on nor off; the summary stays on.");
    }

    /** Whether each check's summary is printed on standard output ({@link Constants#SUMMARY_PROPERTY_NAME}). */
    boolean summary() {
        return summary;
    }

    /** Why {@link Constants#SUMMARY_PROPERTY_NAME} could not be read, where it could not. */
    Optional<String> summaryProblem() {
        return summaryProblem;
    }

    /** Every {@code reprounit.param.*} setting, so that one that names no parameter can be reported, not ignored. */
    private static ParamOverrides paramOverrides(ConfigurationParameters parameters) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : parameters.keySet()) {
            if (key.startsWith(Constants.PARAM_OVERRIDE_PREFIX)) {
                parameters.get(key).ifPresent(value -> settings.put(key, value));
            }
        }
        return ParamOverrides.of(Constants.PARAM_OVERRIDE_PREFIX, settings);
    }

    /** Runs of a pipeline that leaves {@code @ReproducibleRun(runs)} at its default. */
    int defaultRuns() {
        return runs.defaultRuns();
    }

    /** Why {@link Constants#RUNS_PROPERTY_NAME} could not be used, where it could not. */
    Optional<String> runsProblem() {
        return runs.runsProblem();
    }

    ParamOverrides paramOverrides() {
        return paramOverrides;
    }

    BaselineSettings baselines() {
        return baselines;
    }

    /** The recorded check to compare checks with instead of their baseline: {@link Constants#AGAINST_PROPERTY_NAME}. */
    AgainstSetting against() {
        return against;
    }

    RunSettings runs() {
        return runs;
    }

    StoreSettings store() {
        return store;
    }

    boolean fingerprintEnabled() {
        return fingerprintEnabled;
    }

    List<String> environmentVariables() {
        return environmentVariables;
    }

    /**
     * The parallel executor's settings, without their prefix, where {@link
     * Constants#PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME} is on; empty where pipelines are checked one at a time.
     */
    Optional<ConfigurationParameters> parallel() {
        return parallel;
    }
}
