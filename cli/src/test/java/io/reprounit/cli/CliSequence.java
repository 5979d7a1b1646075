package io.reprounit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several command lines, separated by {@code ;}, in one JVM, as a test forks it: each one's output, then a line
 * {@code == status N}. Forking lets a test run the command line with other rights than its own.
 */
public final class CliSequence {

    static final String SEPARATOR = ";";
    static final String STATUS = "== status ";

    private CliSequence() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        List<String> command = new ArrayList<>();
        for (String arg : (Iterable<String>) () -> Arrays.stream(args).iterator()) {
            if (!arg.equals(SEPARATOR)) {
                command.add(arg);
                continue;
            }
            run(command, out);
            command.clear();
        }
        run(command, out);
    }

    private static void run(List<String> command, PrintWriter out) {
        if (!command.isEmpty()) {
            int status = ReproUnitCli.run(command.toArray(String[]::new), out, out);
            out.println(STATUS + status);
        }
    }
}
