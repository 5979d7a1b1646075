package io.reprounit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Digests;
import io.reprounit.compare.Verdict;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that only read open the store read-only, so that a store on a read-only mount, or one another user owns,
 * can be read, and is left byte for byte as it was. The store's directory and files lose their write permission bits;
 * where this process is not held to them (root), the command line runs in a forked JVM that is: {@code setpriv} takes
 * away the capabilities that let root write anyway.
 */
class ReadOnlyStoreTest {

    /** The capabilities with which root ignores permission bits. */
    private static final String WITHOUT_OVERRIDES = "--bounding-set=-dac_override,-dac_read_search,-fowner";

    @TempDir
    Path directory;

    Path store;
    String url;
    long first;
    long second;

    @BeforeEach
    void recordTwoChecks() {
        store = directory.resolve("store");
        url = "jdbc:sqlite:" + store.resolve("metadata.db");
        ArtifactStore artifacts = new ArtifactStore(store.resolve("artifacts"));
        try (MetadataStore metadata = MetadataStore.open(url, "--store")) {
            first = StoreFixtures.check(metadata, artifacts, "Iris", List.of(StoreFixtures.run(1, "c1", "load", "a"),
                    StoreFixtures.run(2, "c1", "load", "a")), StoreFixtures.verdicts(Verdict.REPRODUCED,
                    Verdict.REPRODUCED));
            second = StoreFixtures.check(metadata, artifacts, "Iris", List.of(StoreFixtures.run(1, "c2", "load", "b"),
                    StoreFixtures.run(2, "c2", "load", "c")), StoreFixtures.verdicts(Verdict.REPRODUCED,
                    Verdict.DIVERGED));
        }
    }

    @AfterEach
    void giveBackWritePermission() throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @Test
    void readOnlyCommandsReadAStoreInAReadOnlyDirectoryAndChangeNothing() throws Exception {
        List<String> command = cli(store);
        Map<String, String> before = snapshot();

        List<Section> sections = sections(fork(command, "runs", "--store", url, ";",
                "history", "Iris", "--store", url, ";",
                "show", second + ".2", "--store", url, ";",
                "diff", first + ".1", second + ".2", "--store", url, ";",
                "runs", "--json", "--store", url, ";",
                "verify", "--store", url, ";",
                "gc", "--store", url));

        assertThat(sections).hasSize(7);
        for (Section section : sections.subList(0, 6)) {
            assertThat(section.status()).as(section.text()).isZero();
        }
        assertThat(sections.get(0).text()).contains(second + ".1 " + second + ".2").contains("DIVERGED");
        assertThat(sections.get(1).text()).startsWith("Iris: 2 checks recorded").contains("diverged");
        assertThat(sections.get(2).text()).contains("Run " + second + ".2 of Iris: COMPLETE")
                .contains(Digests.shortForm(StoreFixtures.text("c").digest()));
        assertThat(sections.get(3).text()).contains("git.commit").contains("c1 → c2");
        assertThat(sections.get(4).text()).contains("\"id\" : \"" + first + "\"");
        assertThat(sections.get(5).text()).contains("found nothing wrong").contains("Every artifact is intact.");
        assertThat(sections.get(6).status()).as("gc writes, and cannot").isEqualTo(1);
        assertThat(sections.get(6).text()).startsWith("reprounit: ").contains("metadata.db").doesNotContain("\tat ");

        assertThat(snapshot()).as("every file and directory of the store, with its bytes and time").isEqualTo(before);
    }

    /**
     * Takes write permission from every directory and file of the store; gives the command that runs the command line
     * held to that, forked.
     */
    private static List<String> cli(Path store) throws IOException {
        try (Stream<Path> paths = Files.walk(store)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
        List<String> command = new ArrayList<>();
        Path probe = store.resolve("probe");
        try {
            Files.createFile(probe);
            Files.delete(probe); // permission bits do not hold this process: it is root
            command.addAll(List.of("setpriv", WITHOUT_OVERRIDES, "--"));
        } catch (java.nio.file.AccessDeniedException e) {
            // held to them: the fork is too
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CliSequence.class.getName()));
        return command;
    }

    private static String fork(List<String> command, String... args) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private record Section(String text, int status) {}

    private static List<Section> sections(String output) {
        List<Section> sections = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String line : output.lines().toList()) {
            if (line.startsWith(CliSequence.STATUS)) {
                sections.add(new Section(text.toString(), Integer.parseInt(line.substring(CliSequence.STATUS.length()))));
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        return sections;
    }

    /** Every path under the store: a directory as such, a file as its time and digest. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> snapshot = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(store)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                snapshot.put(store.relativize(path).toString(), Files.isDirectory(path) ? "directory"
                        : Files.getLastModifiedTime(path) + " " + Digests.sha256(Files.readAllBytes(path)));
            }
        }
        return snapshot;
    }
}
