package io.reprounit.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The rule for a pipeline's name, which names its baseline file, {@code <name>.yaml}: it must stay one file inside the
 * baseline directory, on every system a team checks the baseline out on, and be printable where it is shown.
 */
@API(status = INTERNAL, since = "0.1")
public final class PipelineNames {

    /** Leaves room for {@code .received.yaml} and a temporary file's suffix within a file system's 255. */
    static final int MAX_LENGTH = 200;

    private static final String WINDOWS_RESERVED = ":*?\"<>|";

    private PipelineNames() {}

    /** Why {@code name} cannot name a baseline file, or empty where it can. */
    public static Optional<String> whyNotAFileName(String name) {
        if (name.length() > MAX_LENGTH) {
            return Optional.of("it is " + name.length() + " characters long, more than " + MAX_LENGTH);
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("it contains a path separator ('/' or '\\'), so its baseline would be put in another"
                    + " directory");
        }
        if (name.contains("..") || name.startsWith(".")) {
            return Optional.of(name.startsWith(".") ? "it starts with '.', which makes a hidden file or leaves the"
                    + " directory" : "it contains '..'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                return Optional.of(String.format("it contains the control character U+%04X", (int) c));
            }
            if (WINDOWS_RESERVED.indexOf(c) >= 0) {
                return Optional.of("it contains '" + c + "', which Windows does not allow in a file name");
            }
        }
        return Optional.empty();
    }

    /** {@code name} with control characters written as {@code \\uXXXX}, for a message that must not carry them raw. */
    public static String shown(String name) {
        StringBuilder shown = new StringBuilder(Math.min(name.length(), MAX_LENGTH + 1));
        for (int i = 0; i < name.length() && shown.length() <= MAX_LENGTH; i++) {
            char c = name.charAt(i);
            boolean control = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
            shown.append(control ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return shown.length() > MAX_LENGTH ? shown.substring(0, MAX_LENGTH) + "…" : shown.toString();
    }
}
