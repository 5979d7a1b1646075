package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Libraries made at test time: sources compiled with the JDK's compiler, packed as jars that carry Maven coordinates in
 * {@code META-INF/maven/.../pom.properties}, as {@link ClasspathFingerprint} reads them.
 */
public final class LibraryJars {

    private LibraryJars() {}

    /**
     * Compiles {@code sources} (by class name, such as {@code lib.One}) against {@code classPath} into a new directory
     * {@code directory/classes}.
     */
    public static Path compile(Path directory, List<Path> classPath, Map<String, String> sources) throws IOException {
        Path sourceRoot = Files.createDirectories(directory.resolve("src"));
        Path classes = Files.createDirectories(directory.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
        if (!classPath.isEmpty()) {
            arguments.add("-cp");
            arguments.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        }
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac exit status").isZero();
        return classes;
    }

    /** The classes of {@code classes} as the jar {@code jar}, named {@code groupId:artifactId} at {@code version}. */
    public static Path jar(Path jar, Path classes, String groupId, String artifactId, String version)
            throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path classFile : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties"));
            out.write(("groupId=" + groupId + "\nartifactId=" + artifactId + "\nversion=" + version + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar.toAbsolutePath().normalize();
    }
}
