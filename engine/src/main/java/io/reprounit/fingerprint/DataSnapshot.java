package io.reprounit.fingerprint;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a run kept of one data source a step read: its name as configured, whether it was a file, a directory or
 * missing, the digest of its content (a file's bytes; a directory's {@link DataListing}), its size in bytes (a
 * directory's: of all its files) and how many files it held; and why it is not in the artifact store, where it is not
 * ({@code notKept}). A kept source has a digest and no reason.
 */
@API(status = INTERNAL, since = "0.1")
public record DataSnapshot(String name, Kind kind, @Nullable String digest, long size, int files,
        @Nullable String notKept) {

    /** How the source was there when the step ran. */
    public enum Kind {
        FILE, DIRECTORY, MISSING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind ofLabel(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Why a source given to a secret-named parameter is not kept. */
    public static final String SECRET = "a secret-named parameter's source is never kept";

    public DataSnapshot {
        requireNonNull(name);
        requireNonNull(kind);
    }

    static DataSnapshot missing(String name) {
        return new DataSnapshot(name, Kind.MISSING, null, 0, 0, null);
    }

    /** Whether the artifact store holds it: what a reproduction can restore. */
    public boolean kept() {
        return kind != Kind.MISSING && digest != null && notKept == null;
    }

    /** One line for people: {@code data/iris.csv (file, 4,551 bytes)}, {@code … not kept: why}. */
    public String describe() {
        String what = switch (kind) {
            case FILE -> "file, " + String.format(java.util.Locale.ROOT, "%,d", size) + " bytes";
            case DIRECTORY -> "directory of " + files + (files == 1 ? " file, " : " files, ")
                    + String.format(java.util.Locale.ROOT, "%,d", size) + " bytes";
            case MISSING -> "missing";
        };
        return name + " (" + what + ")" + (notKept == null || kind == Kind.MISSING ? "" : " not kept: " + notKept);
    }
}
