package io.reprounit.bench.perturbation.startup;

import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Not a case of the corpus: fails unless its forked JVM maps ReproUnit's class data sharing archive of the kind that
 * {@value #EXPECTED} names ({@code classes-} for the JDK's and the jars' classes, {@code jdk-} for the JDK's alone), and
 * shows {@code java.class.path} in the test JVM's order, which starts with this class's directory.
 */
@ReproducibleRun
public class SharedClassPath {

    /** The system property, set by the test JVM, that forked runs are given too. */
    public static final String EXPECTED = "corpus.expected-archive";

    @Step
    static String sharing() throws Exception {
        List<String> archives = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-XX:SharedArchiveFile=")).toList();
        String info = System.getProperty("java.vm.info", "");
        if (archives.size() != 1 || !info.contains("sharing")) {
            throw new IllegalStateException("no archive yet: started with " + archives + ", " + info);
        }
        String archive = Path.of(archives.get(0).substring("-XX:SharedArchiveFile=".length())).getFileName().toString();
        if (!archive.startsWith(System.getProperty(EXPECTED, "?"))) {
            throw new AssertionError("mapped " + archive + ", expected a " + System.getProperty(EXPECTED) + " archive");
        }
        String own = Path.of(SharedClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String classPath = System.getProperty("java.class.path");
        if (!classPath.startsWith(own)) {
            throw new AssertionError("java.class.path is not in the test JVM's order: " + classPath);
        }
        return "shared";
    }
}
