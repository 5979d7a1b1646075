package io.reprounit.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real Maven build of a fixture project, in a separate process, as a user would from a terminal: the
 * integration tests of the modules that need one (example-tests, maven-plugin) share it.
 *
 * <p>How the fixture's build finds its artifacts, offline and without touching the user's {@code ~/.m2}:
 * <ul>
 *   <li>its local repository is {@code target/it-repo}, where {@code maven-invoker-plugin:install} put the module's
 *       artifacts and the parent POM exactly as this reactor built them, with their dependencies;</li>
 *   <li>everything else (Maven's plugins, Surefire's JUnit Platform provider) comes through a settings file whose only
 *       mirror, for every repository, is the <em>outer</em> build's local repository, read as a {@code file:} remote.
 *       The outer build has just used those same plugin versions, so they are there, and the fixture's build needs no
 *       network even on a cold CI machine. A remote repository and a local one share their layout for released
 *       versions, which is all that is read from it.</li>
 * </ul>
 * The alternatives were worse: {@code -o} against the outer repository would let the fixture's snapshot leak into it
 * (or find a stale one there), and the invoker plugin's own {@code run} goal hides the build behind its own reporting.
 */
public final class MavenBuild {

    /** What a build did: its exit code, its console output, and the project directory it ran in. */
    public record Result(int exitCode, String output, Path project) {

        public Path surefireReport(String testClass) {
            return project.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
        }
    }

    private final Path project;
    private final Duration timeout;
    private final List<String> unsetVariables = new ArrayList<>();
    private final Map<String, String> setVariables = new HashMap<>();

    private MavenBuild(Path project, Duration timeout) {
        this.project = project;
        this.timeout = timeout;
    }

    /** The fixture's directory, for a test to add what the fixture leaves to it. */
    public Path project() {
        return project;
    }

    /** Runs the build without these environment variables of the test's own JVM (such as {@code CI}). */
    public MavenBuild withoutEnvironmentVariables(String... names) {
        unsetVariables.addAll(List.of(names));
        return this;
    }

    /** Runs the build with this environment variable set (such as a password a user keeps out of the command line). */
    public MavenBuild withEnvironmentVariable(String name, String value) {
        setVariables.put(name, value);
        return this;
    }

    /** A fresh copy of the fixture {@code name} (from {@code target/it-fixtures}) in {@code target/it-work}. */
    public static MavenBuild ofFixture(String name, Duration timeout) {
        Path fixture = Path.of(property("it.fixtures")).resolve(name);
        if (!Files.isDirectory(fixture)) {
            throw new IllegalStateException("No fixture " + fixture + "; run the integration tests with Maven"
                    + " (mvn verify), which prepares the fixtures in pre-integration-test");
        }
        Path project = Path.of(property("it.work")).resolve(name);
        deleteRecursively(project);
        copyRecursively(fixture, project);
        try {
            // A .mvn directory makes the fixture its own top-level project: no .mvn/ of an enclosing checkout applies.
            Files.createDirectories(project.resolve(".mvn"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MavenBuild(project, timeout);
    }

    /**
     * Makes the project a git working tree of its own, with one commit: the store's default place is the root of the
     * working tree, and without this it would be that of the ReproUnit checkout the test runs in.
     */
    public MavenBuild inGitRepository() throws IOException, InterruptedException {
        Files.writeString(project.resolve(".gitignore"), "target/\n.reprounit/\nbuild.log\nit-settings.xml\n",
                StandardCharsets.UTF_8);
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=ReproUnit IT", "-c", "user.email=it@reprounit.invalid", "commit", "-q", "-m", "fixture");
        return this;
    }

    private void git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", arguments) + " failed in " + project + ": "
                    + output);
        }
    }

    public Result run(String... goals) throws IOException, InterruptedException {
        Path settings = writeSettings();
        List<String> command = new ArrayList<>();
        command.add(mavenExecutable());
        command.addAll(List.of("-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + Path.of(property("it.repository")).toAbsolutePath()));
        command.addAll(List.of(goals));
        Path log = project.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", System.getProperty("java.home")); // the JDK running this test
        environment.remove("MAVEN_ARGS"); // Maven 3.9+ would add these to the command line
        unsetVariables.forEach(environment::remove);
        environment.putAll(setVariables);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("mvn " + String.join(" ", goals) + " in " + project + " did not finish within "
                    + timeout + "; its output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), project);
    }

    private Path writeSettings() throws IOException {
        String outer = Path.of(property("it.outer.repository")).toAbsolutePath().toUri().toString();
        Path settings = project.resolve("it-settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>outer-build-repository</id>
                      <name>The local repository of the build that runs this integration test</name>
                      <mirrorOf>*</mirrorOf>
                      <url>%1$s</url>
                    </mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <!-- A local repository keeps no checksum files: do not warn about every file read from it. -->
                      <id>no-checksums</id>
                      <repositories>
                        <repository>
                          <id>central</id>
                          <url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots>
                        </repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository>
                          <id>central</id>
                          <url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots>
                        </pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>no-checksums</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(outer), StandardCharsets.UTF_8);
        return settings;
    }

    /** {@code mvn} of the Maven running the outer build (Failsafe passes {@code maven.home}), else the one on PATH. */
    private static String mavenExecutable() {
        boolean windows = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        String name = windows ? "mvn.cmd" : "mvn";
        String home = System.getProperty("maven.home", "");
        if (!home.isBlank() && Files.isExecutable(Path.of(home, "bin", name))) {
            return Path.of(home, "bin", name).toString();
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isBlank() && Files.isExecutable(Path.of(directory, name))) {
                return Path.of(directory, name).toString();
            }
        }
        throw new IllegalStateException("Cannot find " + name + ": neither system property maven.home nor PATH has it");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the integration tests with"
                    + " Maven (mvn verify), whose Failsafe configuration sets it");
        }
        return value;
    }

    private static void copyRecursively(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
