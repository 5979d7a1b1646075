package io.reprounit.engine;

import static org.apiguardian.api.API.Status.STABLE;

import io.reprounit.fingerprint.Fingerprinter;
import io.reprounit.run.RunSettings;
import io.reprounit.store.StoreSettings;
import org.apiguardian.api.API;

/**
 * The configuration parameters of the ReproUnit engine. Each is read from the launcher request, from system properties
 * and from {@code junit-platform.properties}, in the order the JUnit Platform gives them precedence. The keys that the
 * core reads for the Jupiter bridge as well (where runs execute, the metadata store) are named by the core's settings
 * classes and documented here, the one place users look.
 */
@API(status = STABLE, since = "0.1")
public final class Constants {

    /** The engine's id, as in unique ids such as {@code [engine:reprounit]}. */
    public static final String ENGINE_ID = "reprounit";

    /**
     * How many runs a check compares for pipelines that keep the default of {@code @ReproducibleRun(runs)}; at least 2.
     * Default: {@value #DEFAULT_RUNS}.
     */
    public static final String RUNS_PROPERTY_NAME = RunSettings.RUNS_KEY;

    /** The number of runs when neither the annotation nor {@link #RUNS_PROPERTY_NAME} says otherwise. */
    public static final int DEFAULT_RUNS = RunSettings.DEFAULT_RUNS;

    /**
     * Prefix of the system properties that override one step's parameter for a quick experiment:
     * {@code reprounit.param.<pipeline>.<step>.<key>=<YAML value>}, for example
     * {@code -Dreprounit.param.IrisPipeline.train.epochs=12}. The override is recorded in the configuration parts. One
     * that names a step the pipeline does not have, or a parameter its step does not take, is a discovery error.
     */
    public static final String PARAM_OVERRIDE_PREFIX = io.reprounit.pipeline.ParamOverrides.PREFIX;

    /**
     * Comma-separated names of environment variables to record in the environment parts, for example
     * {@code CUDA_VISIBLE_DEVICES,OMP_NUM_THREADS}. A name that looks secret (TOKEN, SECRET, PASSWORD, KEY, CREDENTIAL,
     * …, by the rule of {@link io.reprounit.pipeline.Secrets}) is recorded only as present or not, never its value,
     * and a password in a URL as {@code (redacted)}. Default: none.
     */
    public static final String ENVIRONMENT_VARIABLES_PROPERTY_NAME = Fingerprinter.ENVIRONMENT_VARIABLES_KEY;

    /**
     * Whether runs and steps are fingerprinted; {@code true} by default. Turning it off is for measuring what
     * fingerprinting costs, not for everyday use: without fingerprints a difference cannot be explained.
     */
    public static final String FINGERPRINT_ENABLED_PROPERTY_NAME = "reprounit.fingerprint.enabled";

    /**
     * Where the engine writes the HTML reproducibility report after every execution, once the metadata store has its
     * checks: a file path, relative to the working directory. The report shows every pipeline's latest
     * {@value io.reprounit.report.ReproducibilityReport#DEFAULT_LAST} checks (as {@code reprounit report} does). A file
     * there that is not a ReproUnit report is left alone, with a warning; so is a report that cannot be written: the
     * tests' outcome never depends on it. Default: unset, no report.
     */
    public static final String REPORT_PROPERTY_NAME = "reprounit.report";

    /**
     * Whether the engine prints its summary of each check on standard output, where {@code mvn test} and CI logs show
     * it: a line per pipeline and one per step with its verdict, with the reason for each step that did not reproduce.
     * {@code on} or {@code off}; default {@code on}.
     */
    public static final String SUMMARY_PROPERTY_NAME = "reprounit.summary";

    /**
     * How pipelines are checked against their baselines: {@code verify} (a difference or a missing baseline fails),
     * {@code update} (write or overwrite baselines and pass), {@code record-missing} (write the missing ones, verify the
     * rest) or {@code none} (runs against runs only). Case-insensitive. Default: {@code record-missing}, except on CI
     * (see {@link #CI_PROPERTY_NAME}), where every mode but {@code none} is {@code verify} and {@code update} is an error.
     * {@code @ReproducibleRun(baseline = …)} overrides it for one pipeline.
     */
    public static final String BASELINE_MODE_PROPERTY_NAME = "reprounit.baseline.mode";

    /**
     * The directory of baseline files, {@code <pipeline name>.yaml}, relative to the working directory (the module's
     * directory under Maven). Default: {@value #DEFAULT_BASELINE_DIR}. An empty value is an error, not the working
     * directory.
     */
    public static final String BASELINE_DIR_PROPERTY_NAME = "reprounit.baseline.dir";

    /** Where baselines live unless {@link #BASELINE_DIR_PROPERTY_NAME} says otherwise. */
    public static final String DEFAULT_BASELINE_DIR = "src/test/resources/reprounit/baselines";

    /**
     * Whether this is a CI build, where baselines are only verified. Default: whether environment variable {@code CI}
     * is {@code true}, as most CI services set it; set this where yours does not.
     */
    public static final String CI_PROPERTY_NAME = "reprounit.ci";

    /**
     * Whether steps are served from the step cache: {@code on} or {@code off}. Before a step runs in the test JVM, the
     * metadata store is asked for a recorded check of the pipeline that had the step REPRODUCED with the same code (its
     * bytecode and the project helpers it reaches), parameters, seed, normalizers, data, environment, jars and inputs,
     * and whose output the artifact store still holds: then the step does not run, its output is read back and fed
     * downstream, and its report entry {@code reprounit.cache} says {@code hit: check <id>}. Every step that runs says
     * why in {@code miss: …}. A step that ever diverged with the same key is never served. Forked and perturbed checks,
     * and checks with fingerprints off, always run every step. Default: {@code on}, except on CI builds (see
     * {@link #CI_PROPERTY_NAME}), where every check is a whole proof.
     */
    public static final String CACHE_PROPERTY_NAME = io.reprounit.cache.CacheSettings.KEY;

    /**
     * Compares each check with a check recorded in the metadata store instead of the baseline file: {@code check:<id>},
     * with the id that the {@code runs} and {@code history} commands print, read from the store that
     * {@link #STORE_URL_PROPERTY_NAME} names. The verdicts are those against a baseline: REPRODUCED, CHANGED explained by
     * the fingerprint parts that changed, DIVERGED where none did. It wins over {@link #BASELINE_MODE_PROPERTY_NAME}: no
     * baseline file is read or written. Only the check's pipeline is compared; other pipelines selected with it are
     * skipped. A value that names no check, a check the store does not hold, a check of a pipeline not selected, or one
     * with no complete run fails each pipeline with a message naming this key. Default: unset.
     */
    public static final String AGAINST_PROPERTY_NAME = io.reprounit.check.AgainstSetting.KEY;

    /**
     * The JDBC URL of the metadata store where every check is recorded: runs, step executions, artifacts, fingerprint
     * parts and verdicts: SQLite, as {@code jdbc:sqlite:<file>}, where a relative file is resolved against the working
     * directory, which under Maven is the module's directory; or a team's PostgreSQL, as
     * {@code jdbc:postgresql://<host>:<port>/<database>}, with the dependency {@code org.postgresql:postgresql} added
     * and the password in the URL or the environment variable {@code REPROUNIT_STORE_PASSWORD}, never recorded or
     * printed (docs/team-store.md). Default: {@code .reprounit/metadata.db} at the
     * root of the git working tree holding the working directory, or in the working directory outside git, so that
     * every module and Surefire fork of a build shares one history. A store that cannot be opened, or an empty value,
     * fails each pipeline with a message naming this key.
     */
    public static final String STORE_URL_PROPERTY_NAME = StoreSettings.URL_KEY;

    /**
     * The directory of the content-addressed artifact store, where every step output is kept as
     * {@code sha256/ab/cdef…}, or {@code sha256/ab/cdef….zst} where zstd makes it at least a tenth smaller. Default:
     * {@code artifacts} beside the metadata store's database file; for a PostgreSQL store, {@code .reprounit/artifacts}
     * at the root of the git working tree. An empty value is an error, not the working directory.
     */
    public static final String ARTIFACTS_DIR_PROPERTY_NAME = StoreSettings.ARTIFACTS_DIR_KEY;

    /**
     * The largest step output kept in the artifact store, by the size of its canonical form before compression: a
     * whole number of bytes, or one followed by {@code KB}, {@code MB}, {@code GB} (powers of 1000) or {@code KiB},
     * {@code MiB}, {@code GiB}, {@code K}, {@code M}, {@code G} (powers of 1024), such as {@code 64MB}. A larger output
     * is still digested and checked, but not kept: its report entry and the command line's {@code show} say so and why.
     * A value that is not a size fails each pipeline with a message naming this key. Default: no limit.
     */
    public static final String ARTIFACTS_MAX_SIZE_PROPERTY_NAME = StoreSettings.ARTIFACTS_MAX_SIZE_KEY;

    /**
     * An S3 bucket, as {@code s3://<bucket>/<prefix>}, where every artifact kept is kept as well, so that every machine
     * of a team reads what any of them kept: object {@code <prefix>/sha256/ab/cdef…[.zst]} holds the same bytes as the
     * file of the same location in {@link #ARTIFACTS_DIR_PROPERTY_NAME}, which stays the working copy and becomes the
     * read-through cache. Needs the AWS SDK v2 ({@code software.amazon.awssdk:s3} and {@code apache5-client}) on the
     * test class path; credentials come from its default provider chain (the environment's {@code AWS_ACCESS_KEY_ID}
     * and {@code AWS_SECRET_ACCESS_KEY}, the system properties {@code aws.accessKeyId} and {@code aws.secretAccessKey},
     * a profile in {@code ~/.aws}) and are never recorded. A URL that is not {@code s3://}, a bucket that does not
     * exist, refused credentials or a missing SDK fail each pipeline with a message naming the setting. See
     * docs/team-store-artifacts.md. Default: unset, artifacts in the directory only.
     */
    public static final String ARTIFACTS_URL_PROPERTY_NAME = StoreSettings.ARTIFACTS_URL_KEY;

    /**
     * The endpoint of an S3-compatible server (MinIO, Ceph, s3proxy, a cloud's S3 API) for
     * {@link #ARTIFACTS_URL_PROPERTY_NAME}, such as {@code http://127.0.0.1:9000}. Default: AWS's endpoint for the
     * region.
     */
    public static final String ARTIFACTS_S3_ENDPOINT_PROPERTY_NAME = StoreSettings.ARTIFACTS_S3_ENDPOINT_KEY;

    /**
     * The region of the bucket of {@link #ARTIFACTS_URL_PROPERTY_NAME}, such as {@code eu-west-3}. Default: the AWS
     * SDK's {@code aws.region} system property, {@code AWS_REGION}, or the profile's region; else {@code us-east-1}.
     */
    public static final String ARTIFACTS_S3_REGION_PROPERTY_NAME = StoreSettings.ARTIFACTS_S3_REGION_KEY;

    /**
     * {@code true} to address the bucket of {@link #ARTIFACTS_URL_PROPERTY_NAME} as {@code http://host/bucket}, as most
     * S3-compatible servers expect; {@code false} for {@code http://bucket.host}. Default: {@code true} where
     * {@link #ARTIFACTS_S3_ENDPOINT_PROPERTY_NAME} is set, {@code false} otherwise.
     */
    public static final String ARTIFACTS_S3_PATH_STYLE_PROPERTY_NAME = StoreSettings.ARTIFACTS_S3_PATH_STYLE_KEY;

    /**
     * How many checks of each pipeline the metadata store keeps: after each check, older ones are deleted. Their
     * artifact files stay until {@code gc} removes what no kept check refers to. Default: every check is kept.
     */
    public static final String STORE_RETENTION_PROPERTY_NAME = StoreSettings.RETENTION_KEY;

    /**
     * {@code on} or {@code off}: whether every {@code Path} or {@code File} data source a step reads is kept in the
     * artifact store when the step runs (a snapshot: a file as one artifact, a directory as its files and a listing),
     * so that a run can be reproduced with the data it read. Deduplicated by content: unchanged data costs nothing the
     * second time. Turn it off for data too large to keep: each step with data sources then says so in a
     * {@code reprounit.data.snapshots} report entry, and {@code show} marks them not kept. Sources given to
     * secret-named parameters are never kept. Another value fails each pipeline with a message naming this key.
     * Default: {@code on}.
     */
    public static final String DATA_SNAPSHOTS_PROPERTY_NAME = StoreSettings.DATA_SNAPSHOTS_KEY;

    /**
     * Where the runs of a check execute: {@code same_jvm}, one after another in the test JVM, or {@code forked}, each in
     * a fresh JVM started from the test JVM's {@code java} and class path, several at a time, which also catches what
     * differs from one JVM start to the next ({@code Set.of} order, identity hash codes). Case-insensitive. Default:
     * {@code same_jvm}. {@code @ReproducibleRun(isolation = …)} overrides it for one pipeline.
     */
    public static final String ISOLATION_PROPERTY_NAME = RunSettings.ISOLATION_KEY;

    /**
     * What later runs vary against the first, comma-separated and case-insensitive, or {@code all}: {@code time_zone},
     * {@code locale}, {@code processors}, {@code identity_hash}, {@code user}, {@code working_directory},
     * {@code temp_directory}, {@code directory_order}, {@code environment} (see {@link io.reprounit.api.Variation}); and
     * two opt-in ones that {@code all} leaves out: {@code cpu_contention}, since it occupies every core while steps run,
     * and {@code unspecified_order}, which shuffles the orders the JDK does not specify ({@code HashMap} iteration,
     * reflection, directory listings) and so also flags code that is stable on today's JDK.
     * Needs {@link #ISOLATION_PROPERTY_NAME} {@code = forked}; asking for variations in the same JVM fails the pipeline.
     * Default: none. {@code @ReproducibleRun(vary = …)} overrides it for one pipeline.
     */
    public static final String VARY_PROPERTY_NAME = RunSettings.VARY_KEY;

    /**
     * How long one forked run may take, as a {@link java.time.Duration} such as {@code PT2M}; past it the run's JVM is
     * killed with every process it started, and its unfinished steps fail naming the timeout, the run and the step that
     * was running. Default: {@code PT10M}.
     */
    public static final String RUN_TIMEOUT_PROPERTY_NAME = RunSettings.TIMEOUT_KEY;

    /**
     * How many times a step that diverged is replayed alone on run 1's inputs, so that its failure says whether it is
     * nondeterministic by itself (several distinct outputs) or only reacts to something outside its inputs (one); in
     * this JVM after same-JVM runs, in one more fresh JVM after forked ones. {@code 0} turns replay off. Default: 3.
     */
    public static final String REPLAY_PROPERTY_NAME = RunSettings.REPLAY_KEY;

    /**
     * The seed of the experiment values that are random (the orders {@code unspecified_order} shuffles, how far
     * {@code identity_hash} advances identity hashes), a whole number. A failure under such a variation names the seed;
     * setting it here gives every run the same values again. Default: a new seed for each check.
     */
    public static final String VARY_SEED_PROPERTY_NAME = RunSettings.SEED_KEY;

    /**
     * Whether pipelines are checked in parallel, on the JUnit Platform's parallel executor; {@code false} by default.
     * The steps of one pipeline are always reported one after another, after its check. Pipelines given the same files
     * or directories (a {@code Path} or {@code File} parameter, or one inside the other) still take turns, as do two
     * that share a baseline file. Configure the executor with the keys under {@link #PARALLEL_CONFIG_PREFIX}, as for
     * Jupiter's {@code junit.jupiter.execution.parallel.config.*} and Cucumber's
     * {@code cucumber.execution.parallel.config.*}.
     */
    public static final String PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME = "reprounit.execution.parallel.enabled";

    /**
     * Prefix of the keys that configure the parallel executor, read by the JUnit Platform's
     * {@code ParallelHierarchicalTestExecutorServiceFactory} once the prefix is taken off.
     */
    public static final String PARALLEL_CONFIG_PREFIX = "reprounit.execution.parallel.config.";

    /**
     * How the parallel executor sizes its pool: {@code dynamic} (the default: processors times
     * {@link #PARALLEL_CONFIG_DYNAMIC_FACTOR_PROPERTY_NAME}), {@code fixed}
     * ({@link #PARALLEL_CONFIG_FIXED_PARALLELISM_PROPERTY_NAME}) or {@code custom}
     * ({@link #PARALLEL_CONFIG_CUSTOM_CLASS_PROPERTY_NAME}).
     */
    public static final String PARALLEL_CONFIG_STRATEGY_PROPERTY_NAME = PARALLEL_CONFIG_PREFIX + "strategy";

    /** For the {@code dynamic} strategy, a positive decimal multiplied by the number of processors. Default: 1. */
    public static final String PARALLEL_CONFIG_DYNAMIC_FACTOR_PROPERTY_NAME = PARALLEL_CONFIG_PREFIX + "dynamic.factor";

    /** For the {@code fixed} strategy, how many pipelines are checked at a time: a positive whole number. */
    public static final String PARALLEL_CONFIG_FIXED_PARALLELISM_PROPERTY_NAME = PARALLEL_CONFIG_PREFIX
            + "fixed.parallelism";

    /**
     * For the {@code fixed} strategy, the most threads the executor's pool may have; at least
     * {@link #PARALLEL_CONFIG_FIXED_PARALLELISM_PROPERTY_NAME}. Default: that number plus 256.
     */
    public static final String PARALLEL_CONFIG_FIXED_MAX_POOL_SIZE_PROPERTY_NAME = PARALLEL_CONFIG_PREFIX
            + "fixed.max-pool-size";

    /**
     * For the {@code fixed} strategy, whether the pool stops taking work once it has
     * {@link #PARALLEL_CONFIG_FIXED_MAX_POOL_SIZE_PROPERTY_NAME} threads. Default: {@code true}.
     */
    public static final String PARALLEL_CONFIG_FIXED_SATURATE_PROPERTY_NAME = PARALLEL_CONFIG_PREFIX
            + "fixed.saturate";

    /**
     * For the {@code custom} strategy, the fully qualified name of a class implementing
     * {@code org.junit.platform.engine.support.hierarchical.ParallelExecutionConfigurationStrategy}.
     */
    public static final String PARALLEL_CONFIG_CUSTOM_CLASS_PROPERTY_NAME = PARALLEL_CONFIG_PREFIX + "custom.class";

    private Constants() {}
}
