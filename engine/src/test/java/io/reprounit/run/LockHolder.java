package io.reprounit.run;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process that holds a check directory's lock, as a check's JVM in another container would:
 * {@code LockHolder <lock file>} locks it, says {@code locked}, and holds it until its standard input ends.
 */
public final class LockHolder {

    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.lock();
            System.out.println("locked");
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
