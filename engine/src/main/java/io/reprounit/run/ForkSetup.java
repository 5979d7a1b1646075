package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.pipeline.Secrets;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every forked JVM of one check shares: this JVM's {@code java}, its class path written once into an argument
 * file (so that a long class path fits any command line), with its jars first where that finds the same classes
 * ({@link ForkClassPath}), the options inherited from this JVM, and a directory for the check's results, logs and
 * varied directories, readable by its owner only and deleted when the check ends (or, where this JVM is killed first,
 * by the next check: see {@link StaleCheckDirectories}).
 */
final class ForkSetup implements AutoCloseable {

    /**
     * Added to every forked JVM, control and experiments alike, and nothing else, so that a forked run computes what
     * the test JVM would. Class data sharing is explicit because it is most of a fast start; perf data is off because
     * nobody attaches to a run and it saves a memory-mapped file per JVM. C2 waits for code 10 times hotter than by
     * default (HotSpot's tier 4 thresholds: 5,000, 600, 15,000 and 40,000): a forked run is mostly the engine's own
     * start-up, whose C2 compiling took about a third of its CPU, while a long step's hot code still gets there a few
     * milliseconds later. C1 alone ({@code -XX:TieredStopAtLevel=1}) starts as fast (floating point is strict since
     * Java 17, so neither can change a result) but makes long steps several times slower, so only investigating runs
     * of brief steps use it.
     */
    static final List<String> START_UP_OPTIONS = List.of("-Xshare:auto", "-XX:-UsePerfData",
            "-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000",
            "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000");

    /** Environment variables whose options every JVM takes, and announces on its standard error. */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /** Options of this JVM that a run needs to behave the same: heap, stack, assertions, module access, properties. */
    private static final List<String> INHERITED_PREFIXES = List.of("-D", "-Xmx", "-Xms", "-Xss", "-ea", "-da",
            "-enableassertions", "-disableassertions", "-esa", "-dsa", "--add-opens", "--add-exports", "--add-reads",
            "--add-modules", "--enable-preview", "--enable-native-access", "-XX:MaxRAMPercentage",
            "-XX:InitialRAMPercentage");

    private final Path checkDirectory;
    private final Path originalDirectory;
    private final Path java;
    private final Path argFile;
    private final List<String> inheritedOptions;
    private final ForkClassPath classPath;
    private final ClassArchive classArchive;
    /** Held while the check runs, so that no other check takes its directory for stale. */
    private final FileChannel lock;

    private ForkSetup(Path checkDirectory, FileChannel lock, Path originalDirectory, Path java, Path argFile,
            List<String> inheritedOptions, ForkClassPath classPath, ClassArchive classArchive) {
        this.checkDirectory = requireNonNull(checkDirectory);
        this.lock = requireNonNull(lock);
        this.originalDirectory = requireNonNull(originalDirectory);
        this.java = requireNonNull(java);
        this.argFile = requireNonNull(argFile);
        this.inheritedOptions = List.copyOf(inheritedOptions);
        this.classPath = requireNonNull(classPath);
        this.classArchive = requireNonNull(classArchive);
    }

    static ForkSetup create() {
        return create(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * The check's directory under {@code temporary}, owner-only and named by this JVM (see
     * {@link StaleCheckDirectories}), after deleting those of checks whose JVM died.
     */
    static ForkSetup create(Path temporary) {
        Path directory = null;
        FileChannel lock = null;
        try {
            directory = OwnerOnly.createTempDirectory(temporary, StaleCheckDirectories.prefixOfThisProcess());
            lock = StaleCheckDirectories.lock(directory);
            StaleCheckDirectories.sweepOnce(temporary, Files.getOwner(directory));
            ForkClassPath classPath = ForkClassPath.cached(testClassPath());
            Path argFile = OwnerOnly.createFile(directory.resolve("classpath.args"));
            Files.writeString(argFile, "-cp \"" + quoted(String.join(File.pathSeparator, classPath.entries()))
                    + "\"\n", StandardCharsets.UTF_8);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return new ForkSetup(directory, lock, Path.of("").toAbsolutePath(), java, argFile, optionsToInherit(),
                    classPath, ClassArchive.of(temporary, directory, classPath));
        } catch (IOException e) {
            close(lock, directory);
            throw new UncheckedIOException("Cannot prepare the forked runs of a check in the temporary directory "
                    + temporary + ": " + e + ". Point java.io.tmpdir at a writable directory.", e);
        }
    }

    Path checkDirectory() {
        return checkDirectory;
    }

    /** This JVM's working directory, against which forked runs resolve relative path parameters. */
    Path originalDirectory() {
        return originalDirectory;
    }

    Path java() {
        return java;
    }

    Path argFile() {
        return argFile;
    }

    List<String> inheritedOptions() {
        return inheritedOptions;
    }

    ForkClassPath classPath() {
        return classPath;
    }

    ClassArchive classArchive() {
        return classArchive;
    }

    /**
     * {@code java.class.path}, and the entries of the context class loader where it is a {@link URLClassLoader} that
     * adds some (as some launchers and IDE runners do), so that the forked JVM finds the pipeline class.
     */
    static List<String> testClassPath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                try {
                    if ("file".equals(url.getProtocol())) {
                        entries.add(Path.of(url.toURI()).toString());
                    }
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // Not a local file: the forked JVM could not use it either.
                }
            }
        }
        entries.remove("");
        return absolute(entries, Path.of("").toAbsolutePath());
    }

    /**
     * Class path entries resolved against {@code directory}, this JVM's working directory: a forked run may start in
     * another one ({@code working_directory}), where a relative entry would name nothing. A {@code dir/*} wildcard keeps
     * its star, which {@code java} expands.
     */
    static List<String> absolute(java.util.Collection<String> entries, Path directory) {
        List<String> absolute = new ArrayList<>();
        for (String entry : entries) {
            boolean wildcard = entry.equals("*") || entry.endsWith("/*") || entry.endsWith(File.separator + "*");
            String path = wildcard ? entry.substring(0, entry.length() - 1) : entry;
            String resolved = directory.resolve(path).toString();
            absolute.add(wildcard ? resolved + File.separator + "*" : resolved);
        }
        return absolute;
    }

    /**
     * Agents (coverage, IDE debuggers) and tuning flags are not inherited: a run needs neither, and both slow a start.
     * Nor are system properties that hold a secret: any process may read a command line, and the forked JVM is given
     * them with the other system properties of its request, on its standard input.
     */
    private static List<String> optionsToInherit() {
        List<String> inherited = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (INHERITED_PREFIXES.stream().anyMatch(argument::startsWith) && !argument.startsWith("-Djava.class.path")
                    && !holdsSecret(argument)) {
                inherited.add(argument);
            }
        }
        return inherited;
    }

    private static boolean holdsSecret(String argument) {
        int equals = argument.indexOf('=');
        return argument.startsWith("-D") && equals > 0
                && Secrets.holdsSecret(argument.substring(2, equals), argument.substring(equals + 1));
    }

    /**
     * Whether any of {@code options} holds a secret. A variable of {@link #OPTION_VARIABLES} that does is not passed on
     * to a forked JVM: its options are in this JVM's arguments, so the forked JVM inherits them as above, secrets by
     * its request.
     */
    static boolean holdsSecret(List<String> options) {
        return options.stream().anyMatch(option -> !Secrets.redactArgument(option).equals(option));
    }

    /** Quotes for an argument file: backslashes and double quotes escaped. */
    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Deletes the check's directory; one left over (a file still open on Windows) is deleted by a later check. */
    @Override
    public void close() {
        close(lock, checkDirectory);
    }

    private static void close(@Nullable FileChannel lock, @Nullable Path directory) {
        try {
            if (lock != null) {
                lock.close();
            }
        } catch (IOException e) {
            // Closing releases the lock whatever it says; the directory goes next.
        }
        if (directory != null) {
            StaleCheckDirectories.delete(directory);
        }
    }
}
