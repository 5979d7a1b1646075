package io.reprounit.run.jdk;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apiguardian.api.API;

/**
 * Applies a {@link JdkPatch} jar at a forked JVM's start, as a Java agent, instead of {@code --patch-module}: a JVM
 * whose {@code java.base} is patched so starts without class data sharing (0.50 s of CPU against 0.23 s), while one
 * that redefines the same classes from the same rewritten bytes keeps it. The helper is defined in {@code java.base}'s
 * {@code jdk.internal.misc}, opened to this agent for that, and the other classes are redefined, before any user code
 * runs. Its jar holds only a manifest: this class is on the class path of every forked run.
 */
@API(status = INTERNAL, since = "0.1")
public final class JdkPatchAgent {

    /**
     * What a redefinition after start may rewrite: classes that reorder the copies they return and hold no state built
     * with the old code, unlike a hash map whose entries were placed by the hash it would change.
     */
    static final Set<String> REDEFINABLE = Set.of("java/io/File");

    private JdkPatchAgent() {}

    /** @param patch the path of the {@link JdkPatch} jar */
    public static void premain(String patch, Instrumentation instrumentation) throws Exception {
        String helperEntry = ShuffledOrders.RUNTIME_NAME.replace('.', '/') + ".class";
        byte[] helper = null;
        List<ClassDefinition> redefined = new ArrayList<>();
        try (JarFile jar = new JarFile(patch)) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                byte[] bytes = read(jar, entry);
                if (entry.getName().equals(helperEntry)) {
                    helper = bytes;
                } else {
                    String name = entry.getName().substring(0, entry.getName().length() - ".class".length());
                    if (!REDEFINABLE.contains(name)) {
                        throw new IllegalArgumentException(patch + " rewrites " + name + ", which only --patch-module"
                                + " may patch: its salted hashes must be there from the JVM's start");
                    }
                    redefined.add(new ClassDefinition(Class.forName(name.replace('/', '.'), false, null), bytes));
                }
            }
        }
        if (helper == null) {
            throw new IOException(patch + " holds no " + helperEntry);
        }
        Module base = Object.class.getModule();
        instrumentation.redefineModule(base, Set.of(), Map.of(),
                Map.of("jdk.internal.misc", Set.of(JdkPatchAgent.class.getModule())), Set.of(), Map.of());
        MethodHandles.privateLookupIn(Class.forName("jdk.internal.misc.Unsafe"), MethodHandles.lookup())
                .defineClass(helper);
        instrumentation.redefineClasses(redefined.toArray(ClassDefinition[]::new));
    }

    private static byte[] read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
