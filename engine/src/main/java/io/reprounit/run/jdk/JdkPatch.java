package io.reprounit.run.jdk;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.artifact.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apiguardian.api.API;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A jar for {@code --patch-module java.base=…}: this JDK's own {@code HashMap}, {@code HashSet},
 * {@code ConcurrentHashMap}, {@code Enum}, {@code Class} and {@code java.io.File}, read from {@code jrt:/} and rewritten
 * by {@link JdkTransforms} so that the orders the JDK does not specify follow a seed, plus {@link ShuffledOrders} as
 * {@code java.base} code. Made once per JDK, seed and file order and kept owner-only in a directory beside the check
 * directories; a jar is written under a temporary name and moved into place, so checks that make it at once agree.
 *
 * @param seed      what salts the hashes and orders the arrays; 0 patches {@code java.io.File} alone
 * @param fileOrder one of {@code ShuffledOrders.FILES_*}: how {@code File.list} and {@code listFiles} come back
 */
@API(status = INTERNAL, since = "0.1")
public record JdkPatch(long seed, int fileOrder) {


    /** A directory of {@code java.io.tmpdir} that holds the jars between checks. */
    static final String DIRECTORY = "reprounit-jdk-patches";

    /** The jar, made now if no check made it before. */
    public Path jar(Path temporary) {
        String name;
        try {
            name = name();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the classes that patch java.base: " + e, e);
        }
        return cached(temporary, name, this::write);
    }

    /**
     * The jar of {@link JdkPatchAgent}, which applies a patch of {@code java.io.File} alone at start and keeps class
     * data sharing: a manifest and nothing else, since the agent's class is on every forked run's class path.
     */
    public static Path agent(Path temporary) {
        // v2: v1 jars, kept across builds, name the agent's class where it was before it moved to run.jdk.
        return cached(temporary, "agent-v2.jar", out -> {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue("Premain-Class", JdkPatchAgent.class.getName());
            manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
            new JarOutputStream(out, manifest).close();
        });
    }

    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    private static Path cached(Path temporary, String name, Content content) {
        try {
            Path directory = ownDirectory(temporary.resolve(DIRECTORY + "-" + System.getProperty("user.name", "user")
                    .replaceAll("[^A-Za-z0-9_.-]", "_")));
            Path jar = directory.resolve(name);
            if (Files.isRegularFile(jar)) {
                Files.setLastModifiedTime(jar, FileTime.from(Instant.now())); // in use: not swept
                return jar;
            }
            sweep(directory);
            Path partial = Files.createTempFile(directory, "partial-", ".jar");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    content.write(out);
                }
                try {
                    Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the patch of java.base that unspecified_order and"
                    + " directory_order need, under " + temporary + ": " + e + ". Point java.io.tmpdir at a writable"
                    + " directory.", e);
        }
    }

    /**
     * Deletes jars not used for a day: each check has a seed of its own, and so jars of its own, unless
     * {@code reprounit.vary.seed} is set.
     */
    private static void sweep(Path directory) throws IOException {
        Instant before = Instant.now().minus(Duration.ofDays(1));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.jar")) {
            for (Path jar : jars) {
                try {
                    if (Files.getLastModifiedTime(jar).toInstant().isBefore(before)) {
                        Files.deleteIfExists(jar);
                    }
                } catch (IOException e) {
                    // Another check deleted it first, or it is in use where that keeps files: the next sweep tries again.
                }
            }
        }
    }

    /**
     * The JDK's home and build, the code that rewrites it, the seed and the file order: a jar holds one JDK's classes
     * and must never patch another's, nor outlive a change of how it is made.
     */
    private String name() throws IOException {
        MessageDigest digest = Digests.newSha256();
        digest.update((System.getProperty("java.home") + "|" + System.getProperty("java.runtime.version"))
                .getBytes(StandardCharsets.UTF_8));
        digest.update(classFile(JdkTransforms.class));
        digest.update(classFile(ShuffledOrders.class));
        String key = Digests.format(digest.digest()).substring(Digests.PREFIX.length(), Digests.PREFIX.length() + 16);
        // No ':' in the name: --patch-module reads it as a path separator.
        return String.format(Locale.ROOT, "java.base-%s-%x-%d.jar", key, seed, fileOrder);
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IOException("the class file of " + type.getName() + " is missing");
            }
            return in.readAllBytes();
        }
    }

    /**
     * The directory, created owner-only; one that someone else made or that others may write is refused, since a jar
     * in it would become part of {@code java.base}.
     */
    private static Path ownDirectory(Path directory) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(directory, posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0]);
        Path probe = Files.createTempFile(directory, "owner-", ".probe");
        try {
            boolean ours = Files.getOwner(directory).equals(Files.getOwner(probe));
            boolean shared = posix && Files.getPosixFilePermissions(directory).stream()
                    .anyMatch(p -> p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE
                            && p != PosixFilePermission.OWNER_EXECUTE);
            if (!ours || shared) {
                throw new IOException(directory + " belongs to another user or others may write to it; delete it");
            }
        } finally {
            Files.deleteIfExists(probe);
        }
        return directory;
    }

    private void write(OutputStream out) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/")); // the JDK's own, never closed
        for (String type : JdkTransforms.patched(seed, fileOrder)) {
            byte[] original = Files.readAllBytes(jrt.getPath("modules", "java.base", type + ".class"));
            classes.put(type, JdkTransforms.transform(type, original, seed));
        }
        classes.put(ShuffledOrders.RUNTIME_NAME.replace('.', '/'), helper());
        try (JarOutputStream jar = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey() + ".class"));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
    }

    /** {@link ShuffledOrders} renamed into {@code java.base}, its markers replaced by this patch's values. */
    private byte[] helper() throws IOException {
        byte[] template = classFile(ShuffledOrders.class);
        String from = ShuffledOrders.class.getName().replace('.', '/');
        String to = ShuffledOrders.RUNTIME_NAME.replace('.', '/');
        ClassReader reader = new ClassReader(template);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(version, access, to, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature,
                        exceptions)) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                        super.visitFieldInsn(opcode, owner.equals(from) ? to : owner, field, fieldDescriptor);
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                            boolean isInterface) {
                        super.visitMethodInsn(opcode, owner.equals(from) ? to : owner, method, methodDescriptor,
                                isInterface);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value.equals(ShuffledOrders.SEED_MARKER)) {
                            super.visitLdcInsn(seed);
                        } else if (value.equals(ShuffledOrders.FILE_ORDER_MARKER)) {
                            super.visitLdcInsn(fileOrder);
                        } else {
                            super.visitLdcInsn(value);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
        return writer.toByteArray();
    }
}
