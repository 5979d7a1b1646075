package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which jars count for a step: those its code reaches, a jar reached only through another jar included; those nothing
 * is seen to reach, for every step; those no longer on the class path, for every step. A jar that only another step,
 * or only a project class no step runs, names does not count.
 */
class StepJarsTest {

    @TempDir
    Path directory;

    /** lib A's class calls lib B's; lib C is named by nothing; lib D only by a project class that no step reaches. */
    private Path a;
    private Path b;
    private Path c;
    private Path d;
    private Path project;

    @BeforeEach
    void build() throws Exception {
        Path bClasses = LibraryJars.compile(directory.resolve("b"), List.of(), Map.of("lb.B",
                "package lb; public class B { public static int twice(int x) { return 2 * x; } }"));
        b = LibraryJars.jar(directory.resolve("repo/b.jar"), bClasses, "test", "b", "1.0");
        Path aClasses = LibraryJars.compile(directory.resolve("a"), List.of(bClasses), Map.of("la.A",
                "package la; public class A { public static int work(int x) { return lb.B.twice(x) + 1; } }"));
        a = LibraryJars.jar(directory.resolve("repo/a.jar"), aClasses, "test", "a", "1.0");
        Path cClasses = LibraryJars.compile(directory.resolve("c"), List.of(), Map.of("lc.C",
                "package lc; public class C { public static int three() { return 3; } }"));
        c = LibraryJars.jar(directory.resolve("repo/c.jar"), cClasses, "test", "c", "1.0");
        Path dClasses = LibraryJars.compile(directory.resolve("d"), List.of(), Map.of("ld.D",
                "package ld; public class D { public static int four() { return 4; } }"));
        d = LibraryJars.jar(directory.resolve("repo/d.jar"), dClasses, "test", "d", "1.0");
        project = LibraryJars.compile(directory.resolve("project"), List.of(aClasses, dClasses), Map.of(
                "demo.Steps", """
                        package demo;
                        public class Steps {
                            public static int useA(int x) { return Helper.viaA(x); }
                            public static int plain(int x) { return x + 1; }
                        }
                        """,
                "demo.Helper", "package demo; class Helper { static int viaA(int x) { return la.A.work(x); } }",
                "demo.Other", "package demo; class Other { static int four() { return ld.D.four(); } }"));
    }

    /** What counts for the step {@code step} of the pipeline of steps {@code useA} and {@code plain}. */
    private Map<String, String> counted(String step, Set<String> jars) throws Exception {
        URL[] urls = {project.toUri().toURL(), a.toUri().toURL(), b.toUri().toURL(), c.toUri().toURL(),
                d.toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            String classPath = String.join(File.pathSeparator, a.toString(), b.toString(), c.toString(), d.toString());
            StepJars stepJars = new StepJars(ClasspathFingerprint.byJar(classPath,
                    JarCache.at(directory.resolve("cache/jars.tsv"))), loader);
            BytecodeFingerprint bytecode = new BytecodeFingerprint(new ProjectClasses(loader));
            Class<?> steps = loader.loadClass("demo.Steps");
            Method useA = steps.getMethod("useA", int.class);
            Method plain = steps.getMethod("plain", int.class);
            return stepJars.counted(step.equals("useA") ? useA : plain, List.of(useA, plain), jars,
                    bytecode::outsideClasses);
        }
    }

    private static final Set<String> ALL = Set.of("jar:test:a", "jar:test:b", "jar:test:c", "jar:test:d");

    @Test
    void aStepCountsTheJarsItsHelpersReachAndTheJarsThoseReachAndTheJarsNothingReaches() throws Exception {
        assertThat(counted("useA", ALL)).containsOnly(Map.entry("jar:test:a", StepJars.REACHED),
                Map.entry("jar:test:b", StepJars.REACHED), Map.entry("jar:test:c", StepJars.NO_STEP_REACHES));
    }

    @Test
    void aStepDoesNotCountTheJarsOnlyAnotherStepOrAProjectClassNoStepRunsReaches() throws Exception {
        assertThat(counted("plain", ALL)).containsOnly(Map.entry("jar:test:c", StepJars.NO_STEP_REACHES));
        assertThat(counted("plain", Set.of("jar:test:a", "jar:test:d"))).isEmpty();
    }

    @Test
    void aJarNoLongerOnTheClassPathCountsForEveryStep() throws Exception {
        assertThat(counted("plain", Set.of("jar:test:gone"))).containsOnly(Map.entry("jar:test:gone", StepJars.GONE));
        assertThat(counted("useA", Set.of("jar:test:gone", "jar:test:a")))
                .as("the step runs anyway: the jars it reaches are not worked out to be named")
                .containsOnly(Map.entry("jar:test:gone", StepJars.GONE));
    }

    @Test
    void theClassesAClassFileNamesAreReadFromItsConstantPool() throws Exception {
        byte[] classFile;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {a.toUri().toURL()}, null);
                var in = loader.getResourceAsStream("la/A.class")) {
            classFile = in.readAllBytes();
        }

        assertThat(ReachedJars.classesNamed(classFile)).contains("la/A", "lb/B", "java/lang/Object");
    }
}
