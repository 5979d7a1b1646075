package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a forked JVM's jars may go ahead of its directories: only where every class and resource is found the same. */
class ForkClassPathTest {

    @TempDir
    Path root;

    @Test
    void jarsGoFirstWhereNoFileOfADirectoryIsInAJarAndEveryNameIsFoundInTheSamePlace() throws IOException {
        String classes = directory("test-classes", "com/acme/Pipeline.class", "config.yaml");
        String a = jar("a.jar", null, "com/", "com/other/Library.class", "META-INF/services/x.Provider");
        String missing = root.resolve("not-there").toString();
        String b = jar("b.jar", null, "com/other/Helper.class", "META-INF/services/x.Provider");

        ForkClassPath path = ForkClassPath.of(List.of(classes, a, missing, b));

        assertThat(path.entries()).containsExactly(a, b, classes, missing);
        assertThat(path.original()).containsExactly(classes, a, missing, b);
        assertThat(path.archivable()).containsExactly(a, b);
        assertThat(path.reordered()).isTrue();
        for (String name : List.of("com/acme/Pipeline.class", "config.yaml", "com/other/Library.class",
                "com/other/Helper.class", "META-INF/services/x.Provider")) {
            assertThat(resources(path.entries(), name)).as(name).isEqualTo(resources(path.original(), name));
        }
    }

    @Test
    void aClassThatADirectoryShadowsKeepsTheOrder() throws IOException {
        assertKept(directory("test-classes", "com/other/Library.class"),
                jar("a.jar", null, "com/other/Library.class"));
    }

    @Test
    void aResourceInBothKeepsTheOrder() throws IOException {
        assertKept(directory("test-classes", "META-INF/services/x.Provider"),
                jar("a.jar", null, "META-INF/services/x.Provider"));
    }

    @Test
    void aMultiReleaseJarsVersionOfADirectorysClassKeepsTheOrder() throws IOException {
        assertKept(directory("test-classes", "com/acme/Pipeline.class"),
                jar("a.jar", null, "META-INF/versions/17/com/acme/Pipeline.class"));
    }

    @Test
    void aJarThatNamesOthersInItsManifestKeepsTheOrderAndOnlyTheJarsAheadOfTheFirstDirectoryAreArchived()
            throws IOException {
        String first = jar("first.jar", null, "lib/First.class");
        String classes = directory("classes", "com/acme/Pipeline.class");
        String booter = jar("booter.jar", "lib/other.jar", "lib/Booter.class");

        ForkClassPath path = ForkClassPath.of(List.of(first, classes, booter));

        assertThat(path.entries()).containsExactly(first, classes, booter);
        assertThat(path.archivable()).containsExactly(first);
        assertThat(path.reordered()).isFalse();
    }

    @Test
    void aWildcardKeepsTheOrder() throws IOException {
        String classes = directory("classes", "com/acme/Pipeline.class");
        String jar = jar("a.jar", null, "lib/A.class");

        ForkClassPath path = ForkClassPath.of(List.of(classes, jar, root.resolve("lib") + "/*"));

        assertThat(path.entries()).isEqualTo(path.original());
        assertThat(path.archivable()).isEmpty();
    }

    private void assertKept(String directory, String jar) {
        ForkClassPath path = ForkClassPath.of(List.of(directory, jar));

        assertThat(path.entries()).containsExactly(directory, jar);
        assertThat(path.archivable()).isEmpty();
        assertThat(path.reordered()).isFalse();
    }

    private String directory(String name, String... files) throws IOException {
        Path directory = root.resolve(name);
        for (String file : files) {
            Path path = directory.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, name + ":" + file);
        }
        return directory.toString();
    }

    private String jar(String name, String classPath, String... entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Path jar = root.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                if (!entry.endsWith("/")) {
                    out.write((name + ":" + entry).getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return jar.toString();
    }

    private static List<URL> resources(List<String> entries, String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : entries) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            return Collections.list(loader.getResources(name));
        }
    }
}
