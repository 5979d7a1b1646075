package io.reprounit.fingerprint;

import io.reprounit.pipeline.Secrets;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * The environment a run executes in: JDK, VM arguments, operating system, processors, locale, time zone, encodings, line
 * separator, container, and the environment variables a team chose to record. All of it is read from the running JVM,
 * so it is taken once per JVM.
 */
final class EnvironmentFingerprint {

    private EnvironmentFingerprint() {}

    /**
     * @param variableNames names of environment variables to record; a secret-looking name records only presence
     * @param environment how to read a variable, {@link System#getenv(String)} outside tests
     */
    static List<FingerprintPart> take(List<String> variableNames, Function<String, String> environment) {
        List<FingerprintPart> parts = new ArrayList<>();
        add(parts, "java.vendor", System.getProperty("java.vendor"));
        add(parts, "java.version", System.getProperty("java.version"));
        add(parts, "java.vm.name", System.getProperty("java.vm.name"));
        add(parts, "java.vm.arguments", String.join(" ", vmArguments()));
        add(parts, "os.name", System.getProperty("os.name"));
        add(parts, "os.version", System.getProperty("os.version"));
        add(parts, "os.arch", System.getProperty("os.arch"));
        add(parts, "processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        add(parts, "locale", Locale.getDefault().toLanguageTag());
        add(parts, "time.zone", TimeZone.getDefault().getID());
        add(parts, "file.encoding", System.getProperty("file.encoding", Charset.defaultCharset().name()));
        add(parts, "native.encoding", System.getProperty("native.encoding"));
        add(parts, "sun.jnu.encoding", System.getProperty("sun.jnu.encoding"));
        add(parts, "line.separator", System.lineSeparator().replace("\r", "\\r").replace("\n", "\\n"));
        container().ifPresent(id -> add(parts, "container", id));
        for (String name : variableNames) {
            String value = environment.apply(name);
            String recorded = value == null ? "(unset)" : Secrets.recorded(name, value);
            add(parts, "env." + name, recorded);
        }
        return parts;
    }

    private static void add(List<FingerprintPart> parts, String name, String value) {
        parts.add(FingerprintPart.of(Aspect.ENVIRONMENT, name, value == null ? "(none)" : value));
    }

    private static List<String> vmArguments() {
        List<String> arguments = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            arguments.add(Secrets.redactArgument(argument));
        }
        return arguments;
    }

    /**
     * The container the process runs in, where it can tell: Podman writes the image into {@code /run/.containerenv};
     * Docker shows only the container's id, in the cgroup or mount table; {@code REPROUNIT_CONTAINER_IMAGE} lets a CI
     * job name the image it runs.
     */
    private static Optional<String> container() {
        String declared = System.getenv("REPROUNIT_CONTAINER_IMAGE");
        if (declared != null && !declared.isBlank()) {
            return Optional.of("image " + declared.strip());
        }
        Map<String, String> podman = keyValues(Path.of("/run/.containerenv"));
        if (podman.containsKey("imageid")) {
            return Optional.of("image " + podman.get("imageid") + (podman.containsKey("image") ? " (" + podman.get("image") + ")" : ""));
        }
        if (Files.exists(Path.of("/.dockerenv"))) {
            for (Path source : List.of(Path.of("/proc/self/cgroup"), Path.of("/proc/self/mountinfo"))) {
                Optional<String> id = firstMatch(source);
                if (id.isPresent()) {
                    return Optional.of("container " + id.get());
                }
            }
            return Optional.of("container (id unknown)");
        }
        return Optional.empty();
    }

    private static Map<String, String> keyValues(Path file) {
        Map<String, String> values = new java.util.HashMap<>();
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file)) {
                    int equals = line.indexOf('=');
                    if (equals > 0) {
                        values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip().replace("\"", ""));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable: the process is then treated as not in a container, which is what the part would say anyway.
        }
        return values;
    }

    /** The first 64 lower-case hex digits in a row: a container id. */
    private static Optional<String> firstMatch(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return containerId(Files.readString(file));
            }
        } catch (IOException | RuntimeException e) {
            // As above: no id is better than a failed check.
        }
        return Optional.empty();
    }

    /**
     * Scanned by hand rather than with {@code [0-9a-f]{64}}: a mount table is kilobytes of paths full of hex digits,
     * which a regular expression retries at every position, interpreted, in a fresh JVM.
     */
    static Optional<String> containerId(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' ? run + 1 : 0;
            if (run == 64) {
                return Optional.of(text.substring(i - 63, i + 1));
            }
        }
        return Optional.empty();
    }
}
