package io.reprounit.bench.large;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JVM's peak resident memory, as the kernel counts it: what a CI runner's memory limit sees. */
final class PeakMemory {

    private PeakMemory() {}

    /** {@code VmHWM} of this process in KiB, or -1 where {@code /proc} does not say (not Linux). */
    static long kibibytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
