package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code part of a step covers the step's method and the project methods it reaches, and nothing that only debug
 * information or unrelated code changes. Each variant of the pipeline is compiled here, with full debug information.
 */
class BytecodeFingerprintTest {

    private static final String BASE = """
            package demo;
            import java.util.List;
            public class Pipe {
                static String normalize(String s) { return s.trim().toLowerCase(); }
                public static List<String> clean(List<String> rows) { return rows.stream().map(r -> normalize(r)).toList(); }
                public static int count(List<String> rows) { return Helper.size(rows); }
            }
            """;
    private static final String HELPER = """
            package demo;
            class Helper {
                static int size(java.util.List<String> rows) { return rows.size(); }
            }
            """;

    @TempDir
    Path directory;

    @Test
    void editingAHelperChangesOnlyTheStepsThatReachIt() throws Exception {
        String edited = BASE.replace("s.trim().toLowerCase()", "s.strip().toLowerCase()");

        assertThat(code("clean", edited, HELPER)).isNotEqualTo(code("clean", BASE, HELPER));
        assertThat(code("count", edited, HELPER)).isEqualTo(code("count", BASE, HELPER));
    }

    @Test
    void editingAHelperInAnotherClassChangesTheStepThatCallsIt() throws Exception {
        String editedHelper = HELPER.replace("rows.size()", "rows.size() + 0 * rows.hashCode()");

        assertThat(code("count", BASE, editedHelper)).isNotEqualTo(code("count", BASE, HELPER));
        assertThat(code("clean", BASE, editedHelper)).isEqualTo(code("clean", BASE, HELPER));
    }

    @Test
    void commentsAndMovedLinesChangeNothing() throws Exception {
        String moved = BASE.replace("public class Pipe {", "/** A pipeline. */\n\n\npublic class Pipe {\n    // helpers first\n")
                .replace("static String normalize", "\n\n    static String normalize");

        assertThat(code("clean", moved, HELPER)).isEqualTo(code("clean", BASE, HELPER));
        assertThat(code("count", moved, HELPER)).isEqualTo(code("count", BASE, HELPER));
    }

    @Test
    void aLambdaAddedElsewhereDoesNotChangeAStepThatHasItsOwn() throws Exception {
        // javac numbers lambda bodies per class: a new lambda in an earlier method renumbers the step's lambda.
        String withAnotherLambda = BASE.replace("    static String normalize",
                "    static Runnable unrelated() { return () -> System.out.println(\"x\"); }\n    static String normalize");

        assertThat(code("clean", withAnotherLambda, HELPER)).isEqualTo(code("clean", BASE, HELPER));
    }

    @Test
    void theValueSaysHowMuchCodeWasCovered() throws Exception {
        FingerprintPart part = part("clean", BASE, HELPER);

        assertThat(part.aspect()).isEqualTo(Aspect.CODE);
        assertThat(part.name()).isEqualTo("bytecode");
        // clean, its lambda body and normalize, all in Pipe; JDK methods are not the project's.
        assertThat(part.value()).isEqualTo("3 methods in 1 classes");
    }

    private String code(String step, String pipe, String helper) throws Exception {
        return part(step, pipe, helper).digest();
    }

    private FingerprintPart part(String step, String pipe, String helper) throws Exception {
        Path classes = compile(pipe, helper);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Method method = loader.loadClass("demo.Pipe").getMethod(step, List.class);
            return new BytecodeFingerprint(new ProjectClasses(loader)).of(method);
        }
    }

    private Path compile(String pipe, String helper) throws IOException {
        Path root = Files.createTempDirectory(directory, "variant");
        Path sources = Files.createDirectories(root.resolve("src/demo"));
        Path classes = Files.createDirectories(root.resolve("classes"));
        Files.writeString(sources.resolve("Pipe.java"), pipe);
        Files.writeString(sources.resolve("Helper.java"), helper);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-g", "-d", classes.toString(),
                sources.resolve("Pipe.java").toString(), sources.resolve("Helper.java").toString());
        assertThat(status).as("javac exit status").isZero();
        return classes;
    }
}
