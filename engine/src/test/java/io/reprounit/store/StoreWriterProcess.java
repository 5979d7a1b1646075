package io.reprounit.store;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.compare.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A separate JVM that writes to a store, for the tests of concurrent writers and killed runs:
 * {@code <url> <artifacts> <pipeline> <checks>} records that many checks of two runs each;
 * {@code <url> <artifacts> <pipeline> halt} starts a run and dies without ending it, as a killed fork does.
 */
public final class StoreWriterProcess {

    private StoreWriterProcess() {}

    /** Starts a JVM of this class on the test's own class path. */
    public static Process start(String url, Path artifacts, String pipeline, String what) throws java.io.IOException {
        return start(System.getProperty("java.class.path"), url, artifacts, pipeline, what);
    }

    /** Starts a JVM of this class on {@code classPath}. */
    public static Process start(String classPath, String url, Path artifacts, String pipeline, String what)
            throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", classPath, StoreWriterProcess.class.getName(), url,
                artifacts.toString(), pipeline, what).start();
    }

    public static void main(String[] args) {
        ArtifactStore artifacts = new ArtifactStore(Path.of(args[1]));
        try (MetadataStore store = MetadataStore.open(args[0], "reprounit.store.url")) {
            if (args[3].equals("halt")) {
                long check = store.startCheck(args[2], "com.example." + args[2], "repeat", Instant.now());
                store.startRun(check, 1, "repeat", "", Instant.now());
                System.out.println(check);
                System.out.flush();
                Runtime.getRuntime().halt(137);
            }
            int checks = Integer.parseInt(args[3]);
            for (int i = 0; i < checks; i++) {
                StoreFixtures.check(store, artifacts, args[2],
                        List.of(StoreFixtures.run(1, "c" + i, "shared", args[2] + i),
                                StoreFixtures.run(2, "c" + i, "shared", args[2] + i)),
                        StoreFixtures.verdicts(Verdict.REPRODUCED, Verdict.REPRODUCED));
            }
        }
    }
}
