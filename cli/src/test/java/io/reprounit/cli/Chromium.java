package io.reprounit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium driven from its command line: {@code --dump-dom} prints the document once the page's scripts ran,
 * {@code --screenshot} draws it. Nothing else is needed on the class path; a DevTools client would be, for little more.
 */
final class Chromium {

    static final String PROPERTY = "reprounit.test.chromium";

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path executable;
    private final Path profiles;

    private Chromium(Path executable, Path profiles) {
        this.executable = executable;
        this.profiles = profiles;
    }

    /**
     * Chromium as {@value #PROPERTY} names it, else the first on the PATH.
     *
     * @throws AssertionError saying how to install it, where there is none: the browser test must not pass unseen
     */
    static Chromium find(Path profiles) {
        String configured = System.getProperty(PROPERTY);
        Optional<Path> found = configured != null ? Optional.of(Path.of(configured)).filter(Files::isExecutable)
                : onPath();
        return new Chromium(found.orElseThrow(() -> new AssertionError("The report's browser test needs headless"
                + " Chromium, and " + (configured != null ? PROPERTY + " = '" + configured + "' is not executable"
                : "none of " + NAMES + " is on the PATH") + ". Install it (Debian: apt-get install -y chromium"
                + " chromium-driver; .ci/run does so where it can) or point -D" + PROPERTY + " at its executable.")),
                profiles);
    }

    private static Optional<Path> onPath() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The document of {@code url} as Chromium serializes it once its scripts ran. */
    String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url));
    }

    /** Draws {@code url} into {@code png}, {@code width} by {@code height} pixels. */
    void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", url));
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        Files.createDirectories(profiles);
        Path profile = Files.createTempDirectory(profiles, "profile"); // a fresh one: no state from an earlier run
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + profile));
        command.addAll(arguments);
        Path errors = profile.resolve("stderr.txt");
        Path output = profile.resolve("stdout.txt"); // to a file, so that a hung browser is timed out, not waited on
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).redirectOutput(output.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 60 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("Chromium exited with " + process.exitValue() + ": " + command + "\n"
                    + Files.readString(errors));
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
