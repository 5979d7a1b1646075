package io.reprounit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A JVM of its own that runs the engine through the JUnit Platform Launcher, as Surefire or an IDE would:
 * {@code EngineProcess <pipeline class> [key=value …]}, the pairs being configuration parameters. It prints each report
 * entry ({@code entry <unique id> <pairs>}) and each result ({@code finished <unique id> <status>}) on standard output,
 * for tests of what only a whole JVM shows: its exit, its arguments, being killed.
 */
public final class EngineProcess {

    private EngineProcess() {}

    public static void main(String[] args) {
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            parameters.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(args[0])).filters(EngineFilter.includeEngines(Constants.ENGINE_ID))
                .configurationParameters(parameters).build(), new TestExecutionListener() {
                    @Override
                    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                        System.out.println("entry " + test.getUniqueId() + " " + entry.getKeyValuePairs());
                    }

                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        System.out.println("finished " + test.getUniqueId() + " " + result.getStatus()
                                + result.getThrowable().map(t -> " " + t).orElse(""));
                    }
                });
        System.out.flush();
    }

    /**
     * Starts the JVM in {@code directory} with this JVM's class path, the JVM options and environment variables given,
     * running {@code pipeline}; its standard output and error go to {@code stdout.txt} and {@code stderr.txt} in
     * {@code output}.
     */
    static Process start(Path directory, Path output, List<String> options, Map<String, String> environment,
            Class<?> pipeline, Map<String, String> parameters) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineProcess.class.getName());
        command.add(pipeline.getName());
        parameters.forEach((key, value) -> command.add(key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(output.resolve("stdout.txt").toFile())
                .redirectError(output.resolve("stderr.txt").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }
}
