package io.reprounit.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * How wide the terminal is that the tables are printed to: {@code COLUMNS} where the shell exports it, else what
 * {@code stty} says of the controlling terminal; nothing when output goes to a file, a pipe or a build log, whose tables
 * then keep {@link Table#WIDTH} columns so that they read the same everywhere.
 */
@API(status = INTERNAL, since = "0.1")
public final class Terminal {

    private static final int NARROWEST = 40;

    private Terminal() {}

    /** The terminal's width in columns, where standard input and output are a terminal and its width can be learnt. */
    public static OptionalInt columns() {
        if (System.console() == null) {
            return OptionalInt.empty();
        }
        OptionalInt exported = parse(System.getenv("COLUMNS"));
        return exported.isPresent() ? exported : stty();
    }

    static OptionalInt parse(String columns) {
        try {
            int width = columns == null ? 0 : Integer.parseInt(columns.strip());
            return width >= NARROWEST ? OptionalInt.of(width) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** {@code stty size} prints "rows columns"; it needs the terminal as its standard input, which only Unix has. */
    private static OptionalInt stty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return OptionalInt.empty();
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!stty.waitFor(1, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroyForcibly();
                return OptionalInt.empty();
            }
            String[] rowsAndColumns = size.split("\\s+");
            return rowsAndColumns.length == 2 ? parse(rowsAndColumns[1]) : OptionalInt.empty();
        } catch (java.io.IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
