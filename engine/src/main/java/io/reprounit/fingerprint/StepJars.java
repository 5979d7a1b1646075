package io.reprounit.fingerprint;

import io.reprounit.artifact.Materializer;
import io.reprounit.artifact.Materializers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Type;

/**
 * Which class path jars a step's output may depend on, worked out only when asked: the step cache asks where a
 * recorded check differs from this one in jars alone, so that checks of an unchanged class path read no library class.
 *
 * <p>A jar counts for a step when the step's code reaches it (through the project methods it runs, then from class to
 * class inside the libraries, {@link ReachedJars}); and for every step when it runs every step (this engine's jar and
 * the jars of the materializers it finds) or when nothing is seen to reach it — no step of the pipeline, and no class
 * of the project's directories names it — since such a jar may be loaded by name, by reflection or a {@link
 * java.util.ServiceLoader}. A jar that is no longer on the class path cannot be read: it counts for every step.
 * Soundness first: what is not known to be out of a step's reach counts for it.
 */
final class StepJars {

    /** Why a jar counts for a step, as a miss names it. */
    static final String REACHED = "reached by its code";
    static final String RUNS_EVERY_STEP = "runs every step";
    static final String NO_STEP_REACHES = "reached by no step, so counted for every step";
    static final String GONE = "not on the class path now, so counted for every step";

    /** The class path's jar parts by part name, as {@link ClasspathFingerprint#byJar} names them. */
    private final Map<String, Path> byName = new HashMap<>();
    private final ReachedJars reached;
    private final ClassLoader loader;
    private final Map<Method, Set<Path>> reachedBySteps = new ConcurrentHashMap<>();
    /** Taken once, by the first step that needs them; the others wait rather than read the same classes again. */
    private @Nullable Set<Path> claimedByProject;
    private @Nullable Set<Path> runningEveryStep;

    /** @param onClassPath the class path's jar parts by jar, as {@link ClasspathFingerprint#byJar} gives them */
    StepJars(Map<Path, FingerprintPart> onClassPath, ClassLoader loader) {
        onClassPath.forEach((jar, part) -> byName.put(part.name(), jar.toAbsolutePath().normalize()));
        this.reached = new ReachedJars(loader);
        this.loader = loader;
    }

    /**
     * Of the jars named {@code jars} (part names, {@code jar:org.apache.commons:commons-math3}), those that count for
     * {@code step}, each with why; the others it cannot reach. Where a jar is gone or runs every step, only those are
     * given: the step must run, and the others would cost reading library classes to name.
     *
     * @param steps     every step of the pipeline, {@code step} among them
     * @param outside   the classes outside the project that a step's code names, as {@link
     *                  BytecodeFingerprint#outsideClasses} gives them
     */
    Map<String, String> counted(Method step, Collection<Method> steps, Set<String> jars,
            java.util.function.Function<Method, Set<String>> outside) {
        Map<String, String> counted = new LinkedHashMap<>();
        for (String name : jars) {
            Path jar = byName.get(name);
            if (jar == null) {
                counted.put(name, GONE);
            } else if (runningEveryStep().contains(jar)) {
                counted.put(name, RUNS_EVERY_STEP);
            }
        }
        if (!counted.isEmpty()) {
            return counted; // the step runs whatever else it reaches: no library class need be read to say why
        }
        Set<Path> own = null;
        Set<Path> pipeline = null;
        for (String name : jars) {
            Path jar = byName.get(name);
            if (own == null) {
                own = reachedBy(step, outside);
            }
            if (own.contains(jar)) {
                counted.put(name, REACHED);
                continue;
            }
            if (pipeline == null) {
                pipeline = new HashSet<>();
                for (Method any : steps) {
                    pipeline.addAll(reachedBy(any, outside));
                }
            }
            if (!pipeline.contains(jar) && !claimedByProject().contains(jar)) {
                counted.put(name, NO_STEP_REACHES);
            }
        }
        return counted;
    }

    private Set<Path> reachedBy(Method step, java.util.function.Function<Method, Set<String>> outside) {
        return reachedBySteps.computeIfAbsent(step, s -> Set.copyOf(reached.from(outside.apply(s))));
    }

    /**
     * The jars a class of the project's directories names, read once per class loader: not the jars those reach in
     * turn, which then count for every step unless a step reaches them.
     */
    private synchronized Set<Path> claimedByProject() {
        Set<Path> known = claimedByProject;
        if (known == null) {
            known = Set.copyOf(reached.namedIn(projectDirectories()));
            claimedByProject = known;
        }
        return known;
    }

    /**
     * This engine's jar and the jars of the materializers it finds: they run every step. The jars they use count for
     * every step too, unless a class of the project names them.
     */
    private synchronized Set<Path> runningEveryStep() {
        Set<Path> known = runningEveryStep;
        if (known == null) {
            List<String> roots = new ArrayList<>();
            roots.add(Type.getInternalName(Materializers.class));
            roots.addAll(materializerClasses());
            known = Set.copyOf(reached.holding(roots));
            runningEveryStep = known;
        }
        return known;
    }

    /** The directories of the class path, Surefire's manifest-only jar followed: where the project's classes are. */
    private List<Path> projectDirectories() {
        List<Path> directories = new ArrayList<>();
        try {
            for (URL root : Collections.list(loader.getResources(""))) {
                if ("file".equals(root.getProtocol())) {
                    Path directory = Path.of(root.toURI());
                    if (Files.isDirectory(directory)) {
                        directories.add(directory);
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
            // No directories found: no jar is claimed by the project, so every unreached jar counts for every step.
        }
        return directories;
    }

    /** The classes that {@code META-INF/services} files name as materializers, by internal name. */
    private Collection<String> materializerClasses() {
        Set<String> classes = new HashSet<>();
        try {
            for (URL services : Collections.list(loader.getResources("META-INF/services/" + Materializer.class.getName()))) {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(services.openStream(),
                        StandardCharsets.UTF_8))) {
                    lines.lines().map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty())
                            .forEach(line -> classes.add(line.replace('.', '/')));
                }
            }
        } catch (IOException e) {
            // Not knowing which jars materialize outputs, the caller counts every jar that differs.
            throw new java.io.UncheckedIOException("Cannot read the materializers' service files", e);
        }
        return classes;
    }
}
