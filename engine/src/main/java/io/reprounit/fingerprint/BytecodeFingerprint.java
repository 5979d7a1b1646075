package io.reprounit.fingerprint;

import io.reprounit.artifact.Digests;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Type;

/**
 * The code a step runs: its own method and, transitively, every method of the project's own classes that it calls,
 * with the static initialiser of each such class, and for instance steps the pipeline's constructor, which runs before
 * every instance step. Edit a helper and only the steps that reach it change; edit a comment or move lines and nothing
 * does, since debug information is left out.
 *
 * <p>Calls through an interface or an abstract method are followed to the declared method only: an implementation
 * chosen at run time is not seen (it still changes the git parts).
 */
final class BytecodeFingerprint {

    private final ProjectClasses classes;
    private final BytecodeCache cache;
    private final Map<Method, FingerprintPart> parts = new ConcurrentHashMap<>();
    private final Map<Method, Set<String>> outsideClasses = new ConcurrentHashMap<>();

    BytecodeFingerprint(ProjectClasses classes) {
        this(classes, BytecodeCache.none());
    }

    BytecodeFingerprint(ProjectClasses classes, BytecodeCache cache) {
        this.classes = classes;
        this.cache = cache;
    }

    FingerprintPart of(Method step) {
        return parts.computeIfAbsent(step, this::rememberedOrComputed);
    }

    /** From the cache while every class file the traversal read is unchanged; else by the traversal, then remembered. */
    private FingerprintPart rememberedOrComputed(Method step) {
        String owner = Type.getInternalName(step.getDeclaringClass());
        Optional<Path> stepClass = classes.file(step.getDeclaringClass());
        String key = owner + "." + step.getName() + Type.getMethodDescriptor(step);
        Optional<FingerprintPart> remembered = stepClass.flatMap(file -> cache.get(file, key));
        if (remembered.isPresent()) {
            return remembered.get();
        }
        Set<Path> classFiles = new HashSet<>();
        FingerprintPart part = compute(step, classFiles);
        stepClass.ifPresent(file -> cache.put(file, key, part, classFiles));
        return part;
    }

    /**
     * The classes outside the project that the step's code names: the owners of the calls and fields of every project
     * method it reaches, and the classes those methods instantiate, cast to, catch or load as constants, where they are
     * not the project's own. The start of the search for the jars a step reaches; JDK classes are among them.
     */
    Set<String> outsideClasses(Method step) {
        return outsideClasses.computeIfAbsent(step, s -> {
            Set<String> outside = new java.util.TreeSet<>();
            Map<String, Resolved> reached = traverse(s, new HashSet<>(), outside);
            for (Resolved method : reached.values()) {
                for (String named : method.code().classes()) {
                    if (classes.get(named).isEmpty()) {
                        outside.add(named);
                    }
                }
            }
            return java.util.Collections.unmodifiableSet(outside);
        });
    }

    /** @param classFiles receives every class file read: those of the methods reached and of the classes looked through */
    private FingerprintPart compute(Method step, Set<Path> classFiles) {
        Map<String, Resolved> reached = traverse(step, classFiles, new HashSet<>());
        Set<String> classesSeen = new HashSet<>();
        reached.values().forEach(method -> classesSeen.add(method.owner()));
        MessageDigest sha256 = Digests.newSha256();
        for (Resolved method : reached.values()) {
            sha256.update(method.stableKey().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(method.code().text().getBytes(StandardCharsets.UTF_8));
        }
        return FingerprintPart.ofContent(Aspect.CODE, "bytecode", reached.size() + " methods in " + classesSeen.size()
                + " classes", Digests.format(sha256.digest()));
    }

    /**
     * The project methods a step reaches, in the order its code calls them.
     *
     * @param outside receives the owners of calls that are not the project's: where a library's code starts
     */
    private Map<String, Resolved> traverse(Method step, Set<Path> classFiles, Set<String> outside) {
        String owner = Type.getInternalName(step.getDeclaringClass());
        Map<String, Resolved> reached = new LinkedHashMap<>();
        Set<String> classesSeen = new HashSet<>();
        Deque<MethodCode.MethodRef> pending = new ArrayDeque<>();
        pending.push(new MethodCode.MethodRef(owner, step.getName(), Type.getMethodDescriptor(step)));
        if (!java.lang.reflect.Modifier.isStatic(step.getModifiers())) {
            pending.addLast(new MethodCode.MethodRef(owner, "<init>", "()V"));
        }
        while (!pending.isEmpty()) {
            MethodCode.MethodRef next = pending.pollFirst();
            Optional<Resolved> resolved = resolve(next, classFiles, outside);
            if (resolved.isEmpty() || reached.containsKey(resolved.get().key())) {
                continue;
            }
            reached.put(resolved.get().key(), resolved.get());
            if (classesSeen.add(resolved.get().owner())) {
                pending.addLast(new MethodCode.MethodRef(resolved.get().owner(), "<clinit>", "()V"));
            }
            // Depth first in call order, so that the listing follows the code.
            var calls = resolved.get().code().calls();
            for (int i = calls.size() - 1; i >= 0; i--) {
                pending.push(calls.get(i));
            }
        }
        return reached;
    }

    /**
     * @param key       owner, name and descriptor: tells methods apart
     * @param stableKey the same with lambda numbering left out: what the digest covers, since the traversal order
     *                  already tells lambda bodies apart
     */
    private record Resolved(String owner, String key, String stableKey, MethodCode code) {}

    /** The project method a call runs: declared in the named class or inherited from a project superclass. */
    private Optional<Resolved> resolve(MethodCode.MethodRef call, Set<Path> classFiles, Set<String> outside) {
        String owner = call.owner();
        while (owner != null) {
            Optional<ProjectClasses.ClassCode> type = classes.get(owner);
            if (type.isEmpty()) {
                outside.add(owner); // the class itself, or the library superclass a project class inherits it from
                return Optional.empty();
            }
            classFiles.add(type.get().file());
            MethodCode code = type.get().methods().get(call.name() + call.descriptor());
            if (code != null) {
                return Optional.of(new Resolved(owner, owner + "." + call.name() + call.descriptor(),
                        owner + "." + CanonicalMethodVisitor.stableName(call.name()) + call.descriptor(), code));
            }
            owner = type.get().superName();
        }
        return Optional.empty();
    }
}
