package io.reprounit.run.jdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.jspecify.annotations.Nullable;

/**
 * How {@link JdkPatch} rewrites {@code java.base}. The hash collections are not shuffled but salted: the result of
 * {@code HashMap.hash} and {@code ConcurrentHashMap.spread} goes through a bijection that the seed chooses, and
 * {@code Enum.hashCode} (an identity hash, which perturbed runs pin to one constant) becomes the same bijection of the
 * constant's name. Every view (iterators, {@code forEach}, spliterators and streams, {@code toArray}) then follows one
 * other order, consistently, and the maps stay correct, because the salt is a constant of the JVM's whole life. The
 * arrays that reflection and {@code java.io.File} return are copies: they are reordered before they are returned.
 * Every place where an unspecified order is handed out records its kind for {@link ShuffledOrders#takeCalls}.
 */
final class JdkTransforms {

    private static final String HELPER = ShuffledOrders.RUNTIME_NAME.replace('.', '/');

    /** Methods of {@code java.lang.Class} that return a fresh array in an unspecified order, with their kind. */
    private static final Map<String, Integer> CLASS_MEMBERS = Map.of(
            "getDeclaredFields", ShuffledOrders.DECLARED_FIELDS,
            "getDeclaredMethods", ShuffledOrders.DECLARED_METHODS,
            "getDeclaredConstructors", ShuffledOrders.DECLARED_CONSTRUCTORS,
            "getFields", ShuffledOrders.FIELDS,
            "getMethods", ShuffledOrders.METHODS,
            "getConstructors", ShuffledOrders.CONSTRUCTORS);

    private JdkTransforms() {}

    /** The classes of {@code java.base} a patch rewrites, as internal names. */
    static List<String> patched(long seed, int fileOrder) {
        List<String> patched = new ArrayList<>();
        if (seed != 0) {
            patched.addAll(List.of("java/util/HashMap", "java/util/HashMap$HashIterator",
                    "java/util/HashMap$HashMapSpliterator", "java/util/HashMap$KeySet", "java/util/HashMap$Values",
                    "java/util/HashMap$EntrySet", "java/util/HashSet", "java/util/concurrent/ConcurrentHashMap",
                    "java/util/concurrent/ConcurrentHashMap$Traverser", "java/lang/Enum", "java/lang/Class"));
        }
        if (fileOrder != ShuffledOrders.FILES_UNTOUCHED) {
            patched.add("java/io/File");
        }
        return patched;
    }

    static byte[] transform(String type, byte[] original, long seed) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                return rewrite(type, name, descriptor, method, seed);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static MethodVisitor rewrite(String type, String name, String descriptor, MethodVisitor method, long seed) {
        return switch (type) {
            case "java/util/HashMap" -> switch (name + descriptor) {
                case "hash(Ljava/lang/Object;)I" -> mixedResult(method, seed, false);
                case "keysToArray([Ljava/lang/Object;)[Ljava/lang/Object;",
                        "valuesToArray([Ljava/lang/Object;)[Ljava/lang/Object;",
                        "forEach(Ljava/util/function/BiConsumer;)V" -> recording(method, "hashMapIterated", -1);
                default -> method;
            };
            case "java/util/HashMap$HashIterator", "java/util/HashMap$HashMapSpliterator" -> name.equals("<init>")
                    ? recording(method, "hashMapIterated", -1) : method;
            case "java/util/HashMap$KeySet", "java/util/HashMap$Values", "java/util/HashMap$EntrySet" ->
                    name.equals("forEach") ? recording(method, "hashMapIterated", -1) : method;
            case "java/util/HashSet" -> switch (name) {
                case "iterator", "spliterator", "toArray" -> recordingSet(method);
                default -> method;
            };
            case "java/util/concurrent/ConcurrentHashMap" -> name.equals("spread") && descriptor.equals("(I)I")
                    ? mixedResult(method, seed, true) : method;
            case "java/util/concurrent/ConcurrentHashMap$Traverser" -> name.equals("<init>")
                    ? recording(method, "record", ShuffledOrders.CONCURRENT_HASH_MAP) : method;
            case "java/lang/Enum" -> name.equals("hashCode") ? enumHash(method, seed) : method;
            case "java/lang/Class" -> CLASS_MEMBERS.containsKey(name) && descriptor.startsWith("()[")
                    ? reordered(method, "members", "([Ljava/lang/Object;ILjava/lang/Class;)[Ljava/lang/Object;",
                            CLASS_MEMBERS.get(name), descriptor.substring(2))
                    : method;
            case "java/io/File" -> switch (name + descriptor.substring(descriptor.indexOf(')'))) {
                case "list)[Ljava/lang/String;" -> reordered(method, "names", "([Ljava/lang/String;I)[Ljava/lang/String;",
                        ShuffledOrders.FILE_LIST, null);
                case "listFiles)[Ljava/io/File;" -> reordered(method, "files", "([Ljava/io/File;I)[Ljava/io/File;",
                        ShuffledOrders.FILE_LIST_FILES, null);
                default -> method;
            };
            default -> method;
        };
    }

    /**
     * The seed's bijection, inline: {@code h = (h ^ salt) * odd; h ^ (h >>> 15)}; enough to move keys between
     * buckets, cheap enough for every hash.
     */
    private static void mix(MethodVisitor method, long seed) {
        method.visitLdcInsn((int) seed);
        method.visitInsn(Opcodes.IXOR);
        method.visitLdcInsn((int) (seed >>> 32) | 1);
        method.visitInsn(Opcodes.IMUL);
        method.visitInsn(Opcodes.DUP);
        method.visitIntInsn(Opcodes.BIPUSH, 15);
        method.visitInsn(Opcodes.IUSHR);
        method.visitInsn(Opcodes.IXOR);
    }

    /** Mixes the int the method returns; {@code ConcurrentHashMap} keeps its sign bit clear for its own markers. */
    private static MethodVisitor mixedResult(MethodVisitor method, long seed, boolean positive) {
        return new MethodVisitor(Opcodes.ASM9, method) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.IRETURN) {
                    mix(this.mv, seed);
                    if (positive) {
                        this.mv.visitLdcInsn(0x7fffffff);
                        this.mv.visitInsn(Opcodes.IAND);
                    }
                }
                super.visitInsn(opcode);
            }
        };
    }

    /** {@code Enum.hashCode}: the mixed hash of the constant's name in place of its identity hash. */
    private static MethodVisitor enumHash(MethodVisitor method, long seed) {
        return new MethodVisitor(Opcodes.ASM9, method) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                // Java 17 calls super.hashCode(); later ones cache System.identityHashCode(this) in a field.
                if (opcode == Opcodes.INVOKESPECIAL && owner.equals("java/lang/Object") && name.equals("hashCode")
                        || opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System")
                                && name.equals("identityHashCode")) {
                    super.visitFieldInsn(Opcodes.GETFIELD, "java/lang/Enum", "name", "Ljava/lang/String;");
                    super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "hashCode", "()I", false);
                    mix(this.mv, seed);
                    return;
                }
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        };
    }

    /** Calls the helper's {@code method} first: with {@code kind} where it is not negative. */
    private static MethodVisitor recording(MethodVisitor method, String helperMethod, int kind) {
        return new MethodVisitor(Opcodes.ASM9, method) {
            @Override
            public void visitCode() {
                super.visitCode();
                if (kind < 0) {
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HELPER, helperMethod, "()V", false);
                } else {
                    super.visitLdcInsn(kind);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HELPER, helperMethod, "(I)V", false);
                }
            }
        };
    }

    private static MethodVisitor recordingSet(MethodVisitor method) {
        return new MethodVisitor(Opcodes.ASM9, method) {
            @Override
            public void visitCode() {
                super.visitCode();
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HELPER, "hashSetIterated", "(Ljava/lang/Object;)V", false);
            }
        };
    }

    /**
     * Passes the returned array through the helper's {@code helperMethod} with {@code kind}; {@code cast} is the
     * array's descriptor where the helper returns {@code Object[]}.
     */
    private static MethodVisitor reordered(MethodVisitor method, String helperMethod, String helperDescriptor,
            int kind, @Nullable String cast) {
        return new MethodVisitor(Opcodes.ASM9, method) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.ARETURN) {
                    super.visitLdcInsn(kind);
                    if (cast != null) {
                        // These methods of Class are caller-sensitive: the helper records user code's calls only, not
                        // the JDK's own (a lambda's bootstrap asks for its class's constructors).
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, "jdk/internal/reflect/Reflection", "getCallerClass",
                                "()Ljava/lang/Class;", false);
                    }
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HELPER, helperMethod, helperDescriptor, false);
                    if (cast != null) {
                        super.visitTypeInsn(Opcodes.CHECKCAST, cast);
                    }
                }
                super.visitInsn(opcode);
            }
        };
    }
}
