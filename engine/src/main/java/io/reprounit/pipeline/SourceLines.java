package io.reprounit.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Where a class's methods are in its source: the file name and each method's first line, from the class file's debug
 * information (reflection knows neither, and lists methods in no defined order). Read from the class file's bytes, so
 * that discovery runs no user code; a class compiled without line numbers has none, and callers fall back.
 */
final class SourceLines {

    /** No lines at all, as for a class compiled without them. */
    static final SourceLines NONE = new SourceLines(null, Map.of());

    private final @Nullable String sourceFile;
    private final Map<String, Integer> firstLines;

    private SourceLines(@Nullable String sourceFile, Map<String, Integer> firstLines) {
        this.sourceFile = sourceFile;
        this.firstLines = firstLines;
    }

    static SourceLines of(Class<?> type) {
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            if (in == null) {
                return new SourceLines(null, Map.of());
            }
            Map<String, Integer> lines = new HashMap<>();
            String[] source = new String[1];
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String file, String debug) {
                    source[0] = file;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLineNumber(int line, Label start) {
                            lines.merge(name + descriptor, line, Math::min);
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES);
            return new SourceLines(source[0], lines);
        } catch (IOException | RuntimeException e) {
            return new SourceLines(null, Map.of()); // an unreadable class file: no lines, as without debug information
        }
    }

    /** The first line of {@code method}'s body, where the class file has it. */
    Optional<Integer> firstLine(Method method) {
        return Optional.ofNullable(firstLines.get(method.getName() + Type.getMethodDescriptor(method)));
    }

    /**
     * {@code com.example.Churn.train(Churn.java:17)}, the form a stack trace has, which IDEs and terminals turn into a
     * link to the line; empty where the class file has no line for it.
     */
    Optional<String> location(Method method) {
        return firstLine(method).filter(line -> sourceFile != null).map(line -> method.getDeclaringClass().getName()
                + "." + method.getName() + "(" + sourceFile + ":" + line + ")");
    }
}
