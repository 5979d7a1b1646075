package io.reprounit.run;

import static java.util.Objects.requireNonNull;

import io.reprounit.pipeline.Secrets;
import io.reprounit.run.jdk.OrderedListingProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line, environment and working directory of one forked run, as its conditions make them. */
final class ForkCommand {

    private static final String DEFAULT_PROVIDER = "-Djava.nio.file.spi.DefaultFileSystemProvider=";

    private final ForkSetup setup;
    private final Path runDirectory;
    private final List<String> options = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Path> directories = new ArrayList<>();
    private Path workingDirectory;

    ForkCommand(ForkSetup setup, Path runDirectory) {
        this.setup = requireNonNull(setup);
        this.runDirectory = requireNonNull(runDirectory);
        this.workingDirectory = setup.originalDirectory();
    }

    Path checkDirectory() {
        return setup.checkDirectory();
    }

    Path runDirectory() {
        return runDirectory;
    }

    Path originalDirectory() {
        return setup.originalDirectory();
    }

    void option(String option) {
        options.add(option);
    }

    void environment(String name, String value) {
        environment.put(name, value);
    }

    /** A directory the run needs, created before it starts. */
    void directory(Path directory) {
        directories.add(directory);
    }

    void workingDirectory(Path directory) {
        workingDirectory = directory;
        directories.add(directory);
    }

    List<String> options() {
        return List.copyOf(options);
    }

    /**
     * Whether the JVM's default file system is the JDK's or {@code directory_order}'s. One of the user's own
     * ({@code -Djava.nio.file.spi.DefaultFileSystemProvider}) may load archived classes while the JDK makes it, which
     * Java 17 cannot do ({@link ClassArchive}): such a JVM maps no archive.
     */
    private static boolean ownFileSystem(List<String> command) {
        String provider = null;
        for (String option : command) {
            if (option.startsWith(DEFAULT_PROVIDER)) {
                provider = option.substring(DEFAULT_PROVIDER.length());
            }
        }
        return provider == null || provider.equals(OrderedListingProvider.class.getName());
    }

    /**
     * Starts the JVM: its output, which may be the pipeline's own printing, goes to {@code log}; its request is to be
     * written on its standard input.
     */
    Process start(Path log) {
        List<String> command = new ArrayList<>();
        command.add(setup.java().toString());
        command.addAll(setup.inheritedOptions());
        command.addAll(ForkSetup.START_UP_OPTIONS);
        command.addAll(options); // after the inherited ones: for -D and -XX the last one wins
        // A patched java.base shares no classes, so it neither maps the archive nor lists classes for it.
        List<String> sharing = options.stream().anyMatch(option -> option.startsWith("--patch-module"))
                || !ownFileSystem(command) ? List.of() : setup.classArchive().options();
        command.addAll(sharing);
        command.add("@" + setup.argFile());
        command.add(ForkedRunMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        for (String variable : ForkSetup.OPTION_VARIABLES) {
            String options = builder.environment().get(variable);
            if (options != null && ForkSetup.holdsSecret(List.of(options.strip().split("\\s+")))) {
                // The JVM would print them ("Picked up JAVA_TOOL_OPTIONS: …") into the run's log, and this JVM echo it.
                builder.environment().remove(variable);
            }
        }
        try {
            for (Path directory : directories) {
                OwnerOnly.createDirectories(directory);
            }
            Process process = builder.start();
            process.onExit().thenRun(() -> setup.classArchive().ended(sharing, setup.java()));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a JVM for a forked run with "
                    + command.stream().map(Secrets::redactArgument).toList() + ": " + e.getMessage(), e);
        }
    }
}
