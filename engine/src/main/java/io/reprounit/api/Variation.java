package io.reprounit.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * What a forked run can be perturbed in, after Debian's reprotest. Run 1 of a check is the control, with every chosen
 * variation pinned to its control value whatever the machine's own setting; later runs take experiment values. When a
 * later run diverges, the check searches the variations, in runs of the diverged step alone, to name the one
 * that matters. {@code all} means every variation but the opt-in ones, {@link #CPU_CONTENTION} and
 * {@link #UNSPECIFIED_ORDER}, which are asked for by name.
 */
@API(status = STABLE, since = "0.1")
public enum Variation {

    /**
     * The default time zone ({@code user.timezone} and {@code TZ}): {@code Etc/GMT+12} against {@code Etc/GMT-14}, a
     * whole day apart. Finds dates formatted or truncated in the default zone ({@code LocalDate.now()},
     * {@code SimpleDateFormat}, {@code ZoneId.systemDefault()}) where the data's own zone was meant.
     */
    TIME_ZONE,

    /**
     * The default locale ({@code user.language}, {@code user.country}): {@code en-US} against {@code tr-TR},
     * {@code de-CH} and {@code fr-FR} in turn. Finds numbers written with {@code String.format} or {@code DecimalFormat}
     * (decimal comma, grouping), case mapping without {@code Locale.ROOT} (Turkish dotless i) and locale-sensitive
     * sorting or parsing.
     */
    LOCALE,

    /**
     * The number of processors the JVM sees ({@code -XX:ActiveProcessorCount}) and the common pool's parallelism: 1
     * against 8. Finds floating-point reductions over parallel streams, whose grouping follows the parallelism, and
     * results collected in completion order.
     */
    PROCESSORS,

    /**
     * How identity hash codes are generated: one constant for every object ({@code -XX:hashCode=2}) against HotSpot's
     * default per-thread sequence, advanced before each step by an amount of its own per experiment and step, to where
     * its next hashes alternate between high and low buckets (see {@code reprounit.vary.seed}), so that even three
     * objects hashed one after another iterate out of insertion order. In a perturbed run without this variation they
     * are pinned to the constant, since HotSpot's default sequence follows how many threads started first, which other
     * variations change. Finds {@code HashMap}/{@code HashSet} iteration over keys that do not override
     * {@code hashCode()}, and output that includes {@code Object.toString()}. Costs about half a millisecond per step.
     */
    IDENTITY_HASH,

    /**
     * The user ({@code user.name}, {@code user.home}, {@code USER}, {@code LOGNAME}, {@code HOME}): two made-up users
     * with homes under {@code /nonexistent}. Finds outputs that record who built them or read configuration from the
     * home directory.
     */
    USER,

    /**
     * The working directory: the test JVM's own against a fresh empty directory. Relative {@code Path} and {@code File}
     * parameters keep resolving against the test JVM's directory, so that only code that itself reads or writes relative
     * to the current directory, or records it, is caught.
     */
    WORKING_DIRECTORY,

    /**
     * The temporary directory ({@code java.io.tmpdir}, {@code TMPDIR}): two fresh directories with paths of different
     * length. Finds outputs that record temporary paths and steps that keep state in fixed-name temporary files.
     */
    TEMP_DIRECTORY,

    /**
     * The order in which directory listings come back through {@code java.nio.file} ({@code Files.list}, {@code walk},
     * {@code newDirectoryStream}) and {@code java.io.File} ({@code list}, {@code listFiles}): sorted (for
     * {@code java.io.File}, the file system's own order) against reverse sorted, through a wrapper of the default file
     * system provider and, in the experiment, a patched {@code java.io.File}. Finds outputs that follow the file
     * system's listing order, which differs between machines and file systems.
     */
    DIRECTORY_ORDER,

    /**
     * The environment variables: as inherited against the same plus {@code REPROUNIT_CAPTURE_ENVIRONMENT}. Finds outputs
     * that dump or iterate over the whole environment.
     */
    ENVIRONMENT,

    /**
     * CPU contention while each step runs: none against busy threads, four per processor of the machine, started
     * inside the run's JVM just before each step and stopped after it, so that the step's own threads are preempted in
     * the middle of their work as on a loaded CI machine. Finds races: results collected in completion order, work
     * given up at a deadline, state shared between threads without synchronization, where an idle machine happens to
     * give one order. A step that differs under it alone differed only under contention. Not part of {@code all}: it
     * occupies every core while steps run, and the runs of a check take turns instead of running in parallel, so that
     * the control is not slowed by an experiment's busy threads.
     */
    CPU_CONTENTION,

    /**
     * The orders that the JDK leaves unspecified but keeps stable within one build: the JDK's own against orders
     * shuffled by the check's seed ({@code reprounit.vary.seed}, named in a failure), in a {@code java.base} patched with
     * {@code --patch-module}. Iteration of {@code HashMap}, {@code HashSet} and {@code ConcurrentHashMap} and of their
     * views (iterators, {@code forEach}, spliterators and streams, {@code toArray}), including of enum keys;
     * {@code Class.getDeclaredFields/Methods/Constructors} and {@code getFields/Methods/Constructors};
     * {@code java.io.File.list/listFiles}; {@code Files.list/walk/newDirectoryStream}. Finds outputs that would change
     * with another JDK or a map sized otherwise; a failure names the kinds of call the step made. Not part of
     * {@code all}: it also flags code that is stable on today's JDK. Experiment runs start without class data sharing.
     */
    UNSPECIFIED_ORDER
}
