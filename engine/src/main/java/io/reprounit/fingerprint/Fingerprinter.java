package io.reprounit.fingerprint;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Materializers;
import io.reprounit.pipeline.PipelineDefinition;
import io.reprounit.pipeline.StepDefinition;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Takes the fingerprints of runs and steps. What cannot change while the JVM lives — environment, classpath jars, the git
 * state of a repository — is taken once per JVM and shared by every check; git, the slowest, is started in the
 * background as soon as a check is planned, so that it overlaps the first run. A step's code and configuration parts are
 * taken once per step; its data parts every time it runs, since they are a snapshot of its sources at that moment.
 */
@API(status = INTERNAL, since = "0.1")
public final class Fingerprinter {

    /**
     * The environment variables recorded in the environment fingerprint, comma-separated; documented for users in
     * {@code io.reprounit.engine.Constants}.
     */
    public static final String ENVIRONMENT_VARIABLES_KEY = "reprounit.environment.variables";

    /**
     * {@code on} or {@code off}: whether each step's data sources are kept in the artifact store as it runs; documented
     * for users in {@code io.reprounit.engine.Constants}, read by the store's settings.
     */
    public static final String DATA_SNAPSHOTS_KEY = "reprounit.data.snapshots";

    /** Why a data source is not kept where {@link #DATA_SNAPSHOTS_KEY} is off. */
    public static final String SNAPSHOTS_OFF = DATA_SNAPSHOTS_KEY + "=off";

    /** The names a {@link #ENVIRONMENT_VARIABLES_KEY} value lists, blanks left out. */
    public static List<String> environmentVariables(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }


    private static final Map<List<String>, CompletableFuture<List<FingerprintPart>>> ENVIRONMENTS =
            new ConcurrentHashMap<>();
    private static final Map<String, CompletableFuture<Map<Path, FingerprintPart>>> CLASSPATHS = new ConcurrentHashMap<>();
    private static final Map<Path, CompletableFuture<List<FingerprintPart>>> REPOSITORIES = new ConcurrentHashMap<>();
    private static final FileDigestCache FILE_DIGESTS = new FileDigestCache();
    /** Class files read once per class loader, not once per check: an IDE runs many checks in one JVM. */
    private static final Map<ClassLoader, BytecodeFingerprint> BYTECODE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * Daemon threads of our own for the background parts: the common fork-join pool is the pipelines' (a step's
     * parallel stream), and on a small machine it has a single worker.
     */
    private static final java.util.concurrent.ExecutorService BACKGROUND = java.util.concurrent.Executors.newFixedThreadPool(2,
            task -> {
                Thread thread = new Thread(task, "reprounit-fingerprint");
                thread.setDaemon(true);
                return thread;
            });

    private static final Fingerprinter DISABLED = new Fingerprinter(false, List.of(), null, null, Path.of(""), false);

    private final boolean enabled;
    private final List<String> environmentVariables;
    /** Null only where disabled, as are the materializers: a disabled fingerprinter reads no code and no config. */
    private final @Nullable Supplier<BytecodeFingerprint> bytecode;
    private final @Nullable Materializers materializers;
    private final Path dataDirectory;
    private final boolean keepsData;
    private final Map<StepDefinition, CompletableFuture<List<FingerprintPart>>> stepParts = new ConcurrentHashMap<>();
    private final Map<PipelineDefinition, Fingerprint> runFingerprints = new ConcurrentHashMap<>();
    /** Made only when the step cache asks which jars count for a step: most checks never do. */
    private final Map<ClassLoader, StepJars> stepJars = new ConcurrentHashMap<>();

    private Fingerprinter(boolean enabled, List<String> environmentVariables,
            @Nullable Supplier<BytecodeFingerprint> bytecode,
            @Nullable Materializers materializers, Path dataDirectory, boolean keepsData) {
        this.enabled = enabled;
        this.keepsData = keepsData;
        this.environmentVariables = List.copyOf(environmentVariables);
        this.bytecode = bytecode;
        this.materializers = materializers;
        this.dataDirectory = requireNonNull(dataDirectory);
    }

    /**
     * @param environmentVariables names of environment variables to record (secret-looking ones only as present)
     */
    public static Fingerprinter create(ClassLoader classLoader, List<String> environmentVariables,
            Materializers materializers) {
        // Made on first use: a forked JVM handed its steps' code parts never reads bytecode, nor loads ASM.
        return new Fingerprinter(true, environmentVariables, () -> BYTECODE.computeIfAbsent(classLoader,
                        loader -> new BytecodeFingerprint(new ProjectClasses(loader), BytecodeCache.inUserCache())),
                requireNonNull(materializers), Path.of(""), true);
    }

    /**
     * This fingerprinter, reading relative data sources against {@code directory} instead of the working directory:
     * for a forked run whose working directory is varied, while its relative {@code Path} parameters still name the
     * test JVM's files.
     */
    public Fingerprinter readingDataFrom(Path directory) {
        return enabled ? new Fingerprinter(true, environmentVariables, bytecode, materializers, directory, keepsData)
                : this;
    }

    /** This fingerprinter, keeping the data sources of each step in the artifact store, or not ({@link #DATA_SNAPSHOTS_KEY}). */
    public Fingerprinter keepingData(boolean keep) {
        return enabled && keep != keepsData
                ? new Fingerprinter(true, environmentVariables, bytecode, materializers, dataDirectory, keep) : this;
    }

    /** Whether {@link #snapshotsOf} keeps data sources, or only describes them as not kept. */
    public boolean keepsData() {
        return keepsData;
    }

    /**
     * Keeps the data sources that {@code data}, just taken by {@link #dataOf}, fingerprinted, in {@code store}: called
     * before the step runs, so that what is kept is what it read. Where {@link #DATA_SNAPSHOTS_KEY} is off, nothing is
     * copied and each source is described as not kept. Nothing where fingerprints are off or there is no store.
     */
    public List<DataSnapshot> snapshotsOf(StepDefinition step, Fingerprint data, @Nullable ArtifactStore store) {
        if (!enabled || store == null || data.parts(Aspect.DATA).isEmpty()) {
            return List.of();
        }
        return keepsData ? DataKeeper.keep(step, data, dataDirectory, store, FILE_DIGESTS)
                : DataKeeper.describe(step, data, dataDirectory, SNAPSHOTS_OFF, FILE_DIGESTS);
    }

    /** Takes no fingerprints at all: for measuring what fingerprinting costs. */
    public static Fingerprinter disabled() {
        return DISABLED;
    }

    /**
     * Starts what is slow to take for this pipeline — git status, jar digests, the steps' bytecode — so that it
     * overlaps the runs; in a fresh JVM each of these costs hundreds of milliseconds of cold code.
     */
    public void prepare(PipelineDefinition pipeline) {
        if (enabled) {
            // In the order they are needed: a step's parts before it runs, the run's parts when the run ends.
            pipeline.steps().forEach(step -> fixedParts(pipeline, step));
            environment();
            classpath(pipeline.pipelineClass());
            repository(pipeline.pipelineClass());
        }
    }

    /** The parts every step of a run shares: environment, commit, jars, the configuration file. */
    public Fingerprint forRun(PipelineDefinition pipeline) {
        if (!enabled) {
            return Fingerprint.empty();
        }
        // One instance for every run of the pipeline, so that what is derived from it (its digest) is derived once.
        return runFingerprints.computeIfAbsent(pipeline, p -> {
            List<FingerprintPart> parts = new ArrayList<>(forClass(p.pipelineClass()).parts());
            parts.addAll(ConfigFingerprint.forRun(p));
            return Fingerprint.of(parts);
        });
    }

    /**
     * The parts of a run that a step cache compares: the environment and the jars, without waiting for git, which a
     * cache does not compare.
     */
    public Fingerprint forCache(PipelineDefinition pipeline) {
        if (!enabled) {
            return Fingerprint.empty();
        }
        List<FingerprintPart> parts = new ArrayList<>(environment().join());
        parts.addAll(classpath(pipeline.pipelineClass()).join());
        return Fingerprint.of(parts);
    }

    /**
     * The parts of code that runs outside a pipeline, such as a Jupiter test of the class {@code type}: the environment,
     * the git state of the repository holding the class, the jars on the class path.
     */
    public Fingerprint forClass(Class<?> type) {
        if (!enabled) {
            return Fingerprint.empty();
        }
        List<FingerprintPart> parts = new ArrayList<>(environment().join());
        parts.addAll(repository(type).join());
        parts.addAll(classpath(type).join());
        return Fingerprint.of(parts);
    }

    /** The code part of any method: its bytecode and that of the project methods it reaches. */
    public Fingerprint forMethod(java.lang.reflect.Method method) {
        return enabled ? Fingerprint.of(List.of(requireNonNull(bytecode).get().of(method))) : Fingerprint.empty();
    }

    /**
     * Of the class path jars named {@code jars} (part names such as {@code jar:org.apache.commons:commons-math3}: those
     * whose part differs from a recorded run's, added and removed ones included), the ones {@code step}'s output may
     * depend on, each with why: a jar its code reaches, one that runs every step, one that no step is seen to reach, one
     * no longer on the class path. Worked out now, not before: the step cache asks only where a recorded check differs
     * from this one in jars alone. Where it cannot be worked out, every jar counts.
     */
    public Map<String, String> jarsCounted(PipelineDefinition pipeline, StepDefinition step, java.util.Set<String> jars) {
        Map<String, String> all = new LinkedHashMap<>();
        jars.forEach(jar -> all.put(jar, "fingerprints are off"));
        if (!enabled || jars.isEmpty()) {
            return all;
        }
        try {
            ClassLoader loader = pipeline.pipelineClass().getClassLoader() != null
                    ? pipeline.pipelineClass().getClassLoader() : ClassLoader.getSystemClassLoader();
            StepJars counting = stepJars.computeIfAbsent(loader,
                    l -> new StepJars(classpathByJar(pipeline.pipelineClass()).join(), l));
            return counting.counted(step.method(), pipeline.steps().stream().map(StepDefinition::method).toList(), jars,
                    requireNonNull(bytecode).get()::outsideClasses);
        } catch (RuntimeException e) {
            all.replaceAll((jar, why) -> "which jars step " + step.name() + " reaches is not known (" + e + ")");
            return all;
        }
    }

    /** A step's parts at the moment it runs: its code and configuration, and a snapshot of its data sources. */
    public Fingerprint forStep(PipelineDefinition pipeline, StepDefinition step) {
        return forStep(pipeline, step, dataOf(step));
    }

    /**
     * The snapshot of a step's data sources, taken just before it runs: what it reads must be digested then, while its
     * code and configuration parts, which cannot change, may still be in the making on a background thread.
     */
    public Fingerprint dataOf(StepDefinition step) {
        return enabled ? Fingerprint.of(DataFingerprint.forStep(step, FILE_DIGESTS, dataDirectory)) : Fingerprint.empty();
    }

    /**
     * A step's code and configuration parts with the snapshot {@code data} taken by {@link #dataOf}. Called once the step
     * has run, so that in a fresh JVM the first steps do not wait for their bytecode to be read.
     */
    public Fingerprint forStep(PipelineDefinition pipeline, StepDefinition step, Fingerprint data) {
        if (!enabled) {
            return Fingerprint.empty();
        }
        List<FingerprintPart> parts = new ArrayList<>(fixedParts(pipeline, step).join());
        parts.addAll(data.parts());
        return Fingerprint.of(parts);
    }

    /**
     * Every step's code and configuration parts, by step name, as this JVM takes them: for a forked JVM, which is
     * handed them ({@link #knowingFixedParts}) rather than read the steps' bytecode again. Empty where disabled.
     */
    public Map<String, List<FingerprintPart>> fixedParts(PipelineDefinition pipeline) {
        Map<String, List<FingerprintPart>> parts = new LinkedHashMap<>();
        if (enabled) {
            for (StepDefinition step : pipeline.steps()) {
                try {
                    parts.put(step.name(), fixedParts(pipeline, step).join());
                } catch (CompletionException e) {
                    // Left to the forked JVM to take, which fails the step with why, as it always has.
                }
            }
        }
        return parts;
    }

    /**
     * Takes the code and configuration parts of {@code pipeline}'s steps named in {@code parts} as given, as the test
     * JVM took them from the same class files and configuration, instead of taking them again: a forked JVM so
     * spares reading the steps' bytecode with ASM. Data parts are still taken here, as each step runs.
     */
    public void knowingFixedParts(PipelineDefinition pipeline, Map<String, List<FingerprintPart>> parts) {
        if (enabled) {
            parts.forEach((name, fixed) -> pipeline.step(name).ifPresent(step ->
                    stepParts.put(step, CompletableFuture.completedFuture(List.copyOf(fixed)))));
        }
    }

    /** A step's code and configuration parts, which cannot change while the JVM lives, taken in the background. */
    private CompletableFuture<List<FingerprintPart>> fixedParts(PipelineDefinition pipeline, StepDefinition step) {
        return stepParts.computeIfAbsent(step, s -> CompletableFuture.supplyAsync(() -> {
            List<FingerprintPart> fixed = new ArrayList<>();
            fixed.add(requireNonNull(bytecode).get().of(s.method()));
            fixed.addAll(ConfigFingerprint.forStep(s, pipeline.config().seed(), requireNonNull(materializers)));
            return fixed;
        }, BACKGROUND));
    }

    /** Read once per JVM, in the background: the VM's arguments come from JMX, tens of milliseconds of cold code. */
    private CompletableFuture<List<FingerprintPart>> environment() {
        return ENVIRONMENTS.computeIfAbsent(environmentVariables, names -> CompletableFuture.supplyAsync(
                () -> EnvironmentFingerprint.take(names, System::getenv), BACKGROUND));
    }

    /** The jars the class's loader sees, which is more than {@code java.class.path} under a launcher's own loader. */
    private static CompletableFuture<List<FingerprintPart>> classpath(Class<?> type) {
        return classpathByJar(type).thenApply(parts -> List.copyOf(parts.values()));
    }

    /** The class path's jar parts by the jar each is of, in class path order. */
    private static CompletableFuture<Map<Path, FingerprintPart>> classpathByJar(Class<?> type) {
        return CLASSPATHS.computeIfAbsent(ClasspathFingerprint.seenBy(type.getClassLoader()),
                path -> CompletableFuture.supplyAsync(() -> ClasspathFingerprint.byJar(path, JarCache.inUserCache()),
                        BACKGROUND));
    }

    private static CompletableFuture<List<FingerprintPart>> repository(Class<?> pipelineClass) {
        Path location = codeLocation(pipelineClass);
        return REPOSITORIES.computeIfAbsent(location,
                directory -> CompletableFuture.supplyAsync(() -> GitFingerprint.take(directory, gitCache()), BACKGROUND));
    }

    /** Where git parts are remembered across JVMs: beside the jar cache, in the user's cache directory. */
    private static @org.jspecify.annotations.Nullable Path gitCache() {
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() ? null : Path.of(home, ".cache", "reprounit", "git");
    }

    /** The directory or jar the class was loaded from; the working directory where that is unknown. */
    private static Path codeLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
                return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Fall through to the working directory.
        }
        return Path.of("").toAbsolutePath();
    }
}
