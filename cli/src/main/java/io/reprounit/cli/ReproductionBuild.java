package io.reprounit.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Maven build that runs a recorded check's pipeline again in a checkout, compared with the recorded check
 * ({@code reprounit.against=check:<id>}) and recorded in the same store: a separate process, as the user would start
 * it, its output written to a log file.
 */
final class ReproductionBuild {

    /** The engine's setting ({@code AgainstSetting.KEY}), which the cli names without depending on the engine. */
    static final String AGAINST = "reprounit.against";
    static final String STORE_URL = "reprounit.store.url";
    static final String ARTIFACTS_DIR = "reprounit.artifacts.dir";

    private ReproductionBuild() {}

    /**
     * The command line: {@code mvn -B test}, the module and what it depends on where the checkout's top project is
     * another, only the pipeline's test class, then the user's own arguments last so that they can add to it.
     *
     * @param module the module's path from the top project's directory, {@code .} for the top project itself
     */
    static List<String> command(String maven, String module, RecordedCheck check, String storeUrl, Path artifacts,
            List<String> mavenArguments) {
        List<String> command = new ArrayList<>(List.of(maven, "-B", "test"));
        if (!module.equals(".")) {
            command.addAll(List.of("-pl", module, "-am"));
        }
        command.add("-Dtest=" + RecordedCheck.simpleName(check.pipelineClass()));
        command.add("-Dsurefire.failIfNoSpecifiedTests=false");
        command.add("-D" + AGAINST + "=check:" + check.id());
        command.add("-D" + STORE_URL + "=" + storeUrl);
        command.add("-D" + ARTIFACTS_DIR + "=" + artifacts.toAbsolutePath());
        check.overrides().forEach((setting, value) -> command.add("-D" + setting + "=" + value));
        command.addAll(mavenArguments);
        return command;
    }

    /**
     * The top project of {@code checkout} that builds {@code module}: the checkout's root where it has a
     * {@code pom.xml}, else the module itself.
     */
    static Path topProject(Path checkout, Path module) {
        return Files.isRegularFile(checkout.resolve("pom.xml")) ? checkout : module;
    }

    /**
     * {@code --maven} where given; else {@code bin/mvn} of {@code MAVEN_HOME} or {@code M2_HOME} where set; else
     * {@code mvn}, found on {@code PATH} by the operating system.
     */
    static String executable(@Nullable String given, Map<String, String> environment) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        String name = windows ? "mvn.cmd" : "mvn";
        for (String home : List.of("MAVEN_HOME", "M2_HOME")) {
            String directory = environment.get(home);
            if (directory != null && !directory.isBlank() && Files.isExecutable(Path.of(directory, "bin", name))) {
                return Path.of(directory, "bin", name).toString();
            }
        }
        return name;
    }

    /**
     * Runs {@code command} in {@code directory} with {@code environment} added to this process's, its output (standard
     * output and error) going to {@code log}; returns its exit status.
     *
     * @throws ReproduceRefusal where the executable cannot be started
     */
    static int run(List<String> command, Map<String, String> environment, Path directory, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ReproduceRefusal("Cannot start Maven as '" + command.get(0) + "': " + e.getMessage() + ". Name"
                    + " its executable with --maven, or set MAVEN_HOME.");
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            throw e;
        }
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    /** The last {@code count} lines of {@code log}, for the message when the build recorded no check. */
    static List<String> tail(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }
}
