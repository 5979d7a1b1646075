package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step's bytecode part is remembered across JVMs while every class file its traversal read is unchanged, and only
 * that long; a damaged table is ignored quietly, and forks writing at once leave a table that reads.
 */
class BytecodeCacheTest {

    private static final String PIPE = """
            package demo;
            import java.util.List;
            public class Pipe {
                public static List<String> clean(List<String> rows) { return rows.stream().map(String::trim).toList(); }
                public static int count(List<String> rows) { return Helper.size(rows); }
            }
            """;
    private static final String HELPER = """
            package demo;
            class Helper {
                static int size(java.util.List<String> rows) { return rows.size(); }
            }
            """;
    private static final String PLANTED = "sha256:" + "7".repeat(64);

    @TempDir
    Path directory;

    @Test
    void aPartIsRememberedUntilAClassFileItsTraversalReadChanges() throws Exception {
        Path classes = compile();
        Path cache = directory.resolve("cache");
        FingerprintPart count = part(classes, "count", BytecodeCache.at(cache));
        FingerprintPart clean = part(classes, "clean", BytecodeCache.at(cache));
        Path table = onlyFile(cache);

        // An entry is believed while the class files match: prove it by planting other digests in it.
        Files.writeString(table, Files.readString(table).replace(count.digest(), PLANTED).replace(clean.digest(), PLANTED));
        assertThat(part(classes, "count", BytecodeCache.at(cache)).digest()).isEqualTo(PLANTED);

        Files.setLastModifiedTime(classes.resolve("demo/Helper.class"), FileTime.fromMillis(1_700_000_005_000L));
        assertThat(part(classes, "count", BytecodeCache.at(cache)))
                .as("a step that reaches the recompiled helper is read again").isEqualTo(count);
        assertThat(part(classes, "clean", BytecodeCache.at(cache)).digest())
                .as("a step that does not reach it is still remembered").isEqualTo(PLANTED);
    }

    @Test
    void aClassFileWrittenJustNowIsNotRemembered() throws Exception {
        Path classes = compile();
        Files.setLastModifiedTime(classes.resolve("demo/Helper.class"), FileTime.fromMillis(System.currentTimeMillis()));
        Path cache = directory.resolve("cache");

        part(classes, "count", BytecodeCache.at(cache));

        assertThat(cache).doesNotExist();
    }

    @Test
    void aDamagedTableIsIgnoredWithoutAWord() throws Exception {
        Path classes = compile();
        Path cache = directory.resolve("cache");
        FingerprintPart count = part(classes, "count", BytecodeCache.at(cache));
        Path table = onlyFile(cache);
        String[] lines = Files.readString(table).split("\n");
        Files.writeString(table, lines[0] + "\n" + lines[1].replaceAll("\\t\\d+", "\tnot-a-number") + "\n\u0000\t\t\n");

        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true));
        try {
            assertThat(part(classes, "count", BytecodeCache.at(cache))).isEqualTo(count);
            Files.write(table, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
            assertThat(part(classes, "count", BytecodeCache.at(cache))).isEqualTo(count);
        } finally {
            System.setErr(err);
        }
        assertThat(printed.toString()).isEmpty();
    }

    @Test
    void forksWritingAtOnceLeaveATableThatReads() throws Exception {
        Path classes = compile();
        Path stepClass = classes.resolve("demo/Pipe.class");
        Path cache = directory.resolve("cache");
        FingerprintPart part = new FingerprintPart(Aspect.CODE, "bytecode", "1 methods in 1 classes", PLANTED);
        ExecutorService forks = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int fork = 0; fork < 4; fork++) {
                int number = fork;
                writes.add(forks.submit(() -> {
                    BytecodeCache own = BytecodeCache.at(cache); // each fork has its own view of the table
                    for (int i = 0; i < 25; i++) {
                        own.put(stepClass, "demo/Pipe.step" + number + "_" + i + "()V", part, Set.of(stepClass));
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            forks.shutdown();
        }

        Path table = onlyFile(cache);
        assertThat(Files.readString(table)).startsWith("reprounit bytecode 1\n");
        assertThat(BytecodeCache.at(cache).get(stepClass, "demo/Pipe.step0_24()V").isPresent()
                || BytecodeCache.at(cache).get(stepClass, "demo/Pipe.step3_24()V").isPresent()
                || BytecodeCache.at(cache).get(stepClass, "demo/Pipe.step1_24()V").isPresent()
                || BytecodeCache.at(cache).get(stepClass, "demo/Pipe.step2_24()V").isPresent())
                .as("the last write of some fork").isTrue();
    }

    private static FingerprintPart part(Path classes, String step, BytecodeCache cache) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Method method = loader.loadClass("demo.Pipe").getMethod(step, List.class);
            return new BytecodeFingerprint(new ProjectClasses(loader), cache).of(method);
        }
    }

    /** The one file in {@code cache}: a temporary file left behind would make two. */
    private static Path onlyFile(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /** The two classes, compiled with their times in the past, so that none is racily fresh. */
    private Path compile() throws IOException {
        Path sources = Files.createDirectories(directory.resolve("src/demo"));
        Path classes = Files.createDirectories(directory.resolve("classes"));
        Files.writeString(sources.resolve("Pipe.java"), PIPE);
        Files.writeString(sources.resolve("Helper.java"), HELPER);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), sources.resolve("Pipe.java").toString(),
                sources.resolve("Helper.java").toString());
        assertThat(status).as("javac exit status").isZero();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
            }
        }
        return classes;
    }
}
