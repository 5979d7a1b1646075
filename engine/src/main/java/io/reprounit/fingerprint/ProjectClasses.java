package io.reprounit.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The project's own classes, read with ASM without loading them: those whose class files come from a directory such as
 * {@code target/classes} or {@code target/test-classes}. Classes from jars and from the JDK are not the project's: jars
 * have their own fingerprint parts, and the JDK is part of the environment. Each class file is read once.
 */
final class ProjectClasses {

    /** A class's methods by name and descriptor, its superclass, and the class file they were read from. */
    record ClassCode(String superName, Map<String, MethodCode> methods, Path file) {}

    private final ClassLoader loader;
    private final Map<String, Optional<ClassCode>> classes = new ConcurrentHashMap<>();

    ProjectClasses(ClassLoader loader) {
        this.loader = loader;
    }

    /** The class with this internal name, where it is one of the project's own. */
    Optional<ClassCode> get(String internalName) {
        return classes.computeIfAbsent(internalName, this::read);
    }

    /** The class file of the class with this internal name, where it is one of the project's own. */
    Optional<Path> file(String internalName) {
        URL resource = loader.getResource(internalName + ".class");
        if (resource == null || !"file".equals(resource.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(resource.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The class file of a loaded class: found through the directory it was loaded from, where the class loader would
     * search the whole class path, every jar before the project's directories where a launcher lists them first.
     */
    Optional<Path> file(Class<?> type) {
        String internalName = type.getName().replace('.', '/');
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
                Path root = Path.of(source.getLocation().toURI());
                if (!Files.isDirectory(root)) {
                    return Optional.empty(); // from a jar: not one of the project's own classes
                }
                Path file = root.resolve(internalName + ".class");
                if (Files.isRegularFile(file)) {
                    return Optional.of(file);
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Ask the class loader, as for a class that is not loaded.
        }
        return file(internalName);
    }

    private Optional<ClassCode> read(String internalName) {
        Optional<Path> file = file(internalName);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file.get())) {
            ClassReader reader = new ClassReader(in);
            Map<String, MethodCode> methods = new HashMap<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    String key = name + descriptor;
                    return new CanonicalMethodVisitor(code -> methods.put(key, code));
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return Optional.of(new ClassCode(reader.getSuperName(), Map.copyOf(methods), file.get()));
        } catch (IOException | RuntimeException e) {
            // A class file ASM cannot read (newer than it knows) is left out rather than failing the check; the
            // git parts still cover the source.
            return Optional.empty();
        }
    }
}
