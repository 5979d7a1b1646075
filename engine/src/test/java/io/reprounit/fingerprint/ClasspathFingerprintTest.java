package io.reprounit.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathFingerprintTest {

    @TempDir
    Path directory;

    @Test
    void aJarIsNamedByItsCoordinatesAndDigestedByItsContent() throws IOException {
        Path jar = jar("tribuo-core-4.3.2.jar", "org.tribuo", "tribuo-core", "4.3.2", null);

        List<FingerprintPart> parts = ClasspathFingerprint.take(jar.toString(), JarCache.at(directory.resolve("cache/jars.tsv")));

        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.aspect()).isEqualTo(Aspect.CODE);
            assertThat(part.name()).isEqualTo("jar:org.tribuo:tribuo-core");
            assertThat(part.value()).isEqualTo("4.3.2");
            assertThat(part.digest()).isEqualTo(io.reprounit.artifact.PathContent.digest(jar));
        });
    }

    @Test
    void aManifestOnlyBooterJarCountsForItsEntriesNotItself() throws IOException {
        Path library = jar("lib-1.0.jar", "com.example", "lib", "1.0", null);
        Path booter = jar("surefirebooter123.jar", null, null, null, library.toUri().toString());

        List<FingerprintPart> parts = ClasspathFingerprint.take(booter.toString(), JarCache.at(directory.resolve("cache/jars.tsv")));

        assertThat(parts).extracting(FingerprintPart::name).containsExactly("jar:com.example:lib");
    }

    @Test
    void aJarWithoutCoordinatesIsNamedByItsFile() throws IOException {
        Path jar = jar("plain.jar", null, null, null, null);

        assertThat(ClasspathFingerprint.take(jar + java.io.File.pathSeparator + directory, JarCache.at(directory.resolve("cache/jars.tsv"))))
                .extracting(FingerprintPart::name, FingerprintPart::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("jar:plain.jar", "plain.jar"));
    }

    @Test
    void whatWasLearnedOfAJarIsRememberedAcrossJvmsBySizeAndTime() throws IOException {
        Path jar = jar("lib-2.0.jar", "com.example", "lib", "2.0", null);
        java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Path cacheFile = directory.resolve("cache/jars.tsv");
        String digest = ClasspathFingerprint.take(jar.toString(), JarCache.at(cacheFile)).get(0).digest();
        assertThat(cacheFile).exists();

        // A cache entry is trusted while size and time match: prove it by planting another digest in it.
        String planted = "sha256:" + "7".repeat(64);
        java.nio.file.Files.writeString(cacheFile, java.nio.file.Files.readString(cacheFile).replace(digest, planted));
        assertThat(ClasspathFingerprint.take(jar.toString(), JarCache.at(cacheFile)).get(0).digest()).isEqualTo(planted);

        java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_001_000L));
        assertThat(ClasspathFingerprint.take(jar.toString(), JarCache.at(cacheFile)).get(0).digest())
                .as("a jar whose time changed is read again").isEqualTo(digest);
    }

    @Test
    void theJarsAManifestNamesAreRememberedWithItsJar() throws IOException {
        Path library = jar("lib-1.0.jar", "com.example", "lib", "1.0", null);
        Path other = jar("other-1.0.jar", "com.example", "other", "1.0", null);
        Path bundle = jar("bundle.jar", null, null, null, library.getFileName().toString());
        for (Path jar : List.of(library, other, bundle)) {
            Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        }
        Path cacheFile = directory.resolve("cache/jars.tsv");
        assertThat(ClasspathFingerprint.take(bundle.toString(), JarCache.at(cacheFile)))
                .extracting(FingerprintPart::name).containsExactly("jar:bundle.jar", "jar:com.example:lib");

        // While the bundle's size and time match, its manifest is not opened again: prove it by planting another jar.
        Files.writeString(cacheFile, Files.readString(cacheFile).replace("\t" + library, "\t" + other));
        assertThat(ClasspathFingerprint.take(bundle.toString(), JarCache.at(cacheFile)))
                .extracting(FingerprintPart::name).containsExactly("jar:bundle.jar", "jar:com.example:other");
    }

    @Test
    void aCacheOfThePreviousFormatStillGivesDigestsAndLearnsTheManifests() throws IOException {
        Path library = jar("lib-1.0.jar", "com.example", "lib", "1.0", null);
        Path bundle = jar("bundle.jar", null, null, null, library.getFileName().toString());
        for (Path jar : List.of(library, bundle)) {
            Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        }
        Path cacheFile = directory.resolve("cache/jars.tsv");
        String planted = "sha256:" + "7".repeat(64);
        Files.createDirectories(cacheFile.getParent());
        Files.writeString(cacheFile, String.join("\t", bundle.toString(), Long.toString(Files.size(bundle)),
                "1000000000000", planted, "bundle.jar", "bundle.jar") + "\n");

        List<FingerprintPart> parts = ClasspathFingerprint.take(bundle.toString(), JarCache.at(cacheFile));

        assertThat(parts).extracting(FingerprintPart::name).containsExactly("jar:bundle.jar", "jar:com.example:lib");
        assertThat(parts.get(0).digest()).as("the remembered digest").isEqualTo(planted);
        assertThat(Files.readString(cacheFile)).startsWith("reprounit jars 2\n").contains("\t" + library);
    }

    @Test
    void anotherClassPathsJarsAreKeptWhileTheyExist() throws IOException {
        Path kept = jar("kept-1.0.jar", "com.example", "kept", "1.0", null);
        Path gone = jar("gone-1.0.jar", "com.example", "gone", "1.0", null);
        Path used = jar("used-1.0.jar", "com.example", "used", "1.0", null);
        for (Path jar : List.of(kept, gone, used)) {
            Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        }
        Path cacheFile = directory.resolve("cache/jars.tsv");
        ClasspathFingerprint.take(kept + java.io.File.pathSeparator + gone, JarCache.at(cacheFile));
        Files.delete(gone);

        ClasspathFingerprint.take(used.toString(), JarCache.at(cacheFile)); // learns a jar, so writes the file again

        assertThat(Files.readString(cacheFile)).contains(kept + "\t", used + "\t").doesNotContain(gone.toString());
    }

    @Test
    void aJarModifiedJustNowIsNotRemembered() throws IOException {
        Path jar = jar("fresh.jar", null, null, null, null);
        Path cacheFile = directory.resolve("cache/jars.tsv");

        ClasspathFingerprint.take(jar.toString(), JarCache.at(cacheFile));

        assertThat(cacheFile).doesNotExist();
    }

    @Test
    void theJarsOfTheClassLoaderThatLoadedTheClassCountNotOnlyJavaClassPath() throws Exception {
        // As the console launcher runs tests given with --class-path: a URLClassLoader of its own over the project's
        // classes and dependencies, while java.class.path names only the launcher.
        Path library = jar("extra-lib-3.1.jar", "com.example", "extra-lib", "3.1", null);
        Path classes = Files.createDirectories(directory.resolve("classes/gen"));
        org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(0);
        writer.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, "gen/Launched", null,
                "java/lang/Object", null);
        writer.visitEnd();
        Files.write(classes.resolve("Launched.class"), writer.toByteArray());

        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {
                directory.resolve("classes").toUri().toURL(), library.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> launched = loader.loadClass("gen.Launched");
            List<FingerprintPart> parts = Fingerprinter.create(loader, List.of(),
                    io.reprounit.artifact.Materializers.of(List.of())).forClass(launched).parts();

            assertThat(parts).filteredOn(part -> part.name().equals("jar:com.example:extra-lib")).singleElement()
                    .satisfies(part -> assertThat(part.digest()).isEqualTo(io.reprounit.artifact.PathContent.digest(library)));
            assertThat(parts).as("the jars of java.class.path still count")
                    .anySatisfy(part -> assertThat(part.name()).isEqualTo("jar:org.assertj:assertj-core"));
        }
    }

    private Path jar(String name, String group, String artifact, String version, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        Path jar = directory.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            if (group != null) {
                out.putNextEntry(new JarEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties"));
                OutputStream entry = out;
                entry.write(("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n").getBytes());
                out.closeEntry();
            }
        }
        return jar;
    }
}
