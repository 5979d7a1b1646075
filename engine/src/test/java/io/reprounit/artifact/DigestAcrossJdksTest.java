package io.reprounit.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A value's digest is the same on Java 17 and on Java 25: {@link DigestsPrinter} runs in a JDK 25 with this test's class
 * path, and its digests are compared with those computed here. Where no JDK 25 is found the test fails, saying how to
 * point it at one, rather than skip: a skipped comparison would pass any digest scheme.
 */
class DigestAcrossJdksTest {

    /** System property naming the JDK 25 home directory. */
    static final String JDK25_PROPERTY = "reprounit.test.jdk25";
    private static final String JDK25_DEFAULT = "/usr/lib/jvm/temurin-25-jdk-amd64";

    @Test
    void everyDigestIsTheSameOnJava25AsHere() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty(JDK25_PROPERTY, JDK25_DEFAULT), "bin", "java");
        assertThat(Files.isExecutable(java))
                .as("No JDK 25 at %s: install one, or point the test at one with -D%s=/path/to/jdk-25 (or set it in"
                        + " Surefire's systemPropertyVariables)", java, JDK25_PROPERTY)
                .isTrue();

        Map<String, String> there = digestsPrintedBy(java);
        String version = there.remove("java.version");

        assertThat(version).as("the JVM at %s", java).startsWith("25");
        Map<String, String> here = DigestsPrinter.digests();
        assertThat(here).as("the values compared").hasSizeGreaterThan(50);
        assertThat(there)
                .as("digests on Java %s (left: %s) against Java %s (right: this JVM)", version, java,
                        System.getProperty("java.version"))
                .containsExactlyEntriesOf(here);
    }

    /** The lines {@code name<TAB>digest} that {@link DigestsPrinter} prints in the JVM at {@code java}. */
    private static Map<String, String> digestsPrintedBy(Path java) throws IOException, InterruptedException {
        // Surefire starts its JVM through a manifest-only jar: the test class path proper is in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", classPath, DigestsPrinter.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished within 2 minutes", java).isTrue();
        assertThat(process.exitValue()).as("exit status of %s running DigestsPrinter; it printed:%n%s", java, output)
                .isZero();
        Map<String, String> digests = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            String[] fields = line.split("\t", 2);
            assertThat(fields).as("line %s of DigestsPrinter's output", line).hasSize(2);
            digests.put(fields[0], fields[1]);
        }
        return digests;
    }
}
