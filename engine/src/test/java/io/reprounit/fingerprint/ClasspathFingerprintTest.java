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

        List<FingerprintPart> parts = ClasspathFingerprint.take(jar.toString(), new FileDigestCache());

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

        List<FingerprintPart> parts = ClasspathFingerprint.take(booter.toString(), new FileDigestCache());

        assertThat(parts).extracting(FingerprintPart::name).containsExactly("jar:com.example:lib");
    }

    @Test
    void aJarWithoutCoordinatesIsNamedByItsFile() throws IOException {
        Path jar = jar("plain.jar", null, null, null, null);

        assertThat(ClasspathFingerprint.take(jar + java.io.File.pathSeparator + directory, new FileDigestCache()))
                .extracting(FingerprintPart::name, FingerprintPart::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("jar:plain.jar", "plain.jar"));
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
