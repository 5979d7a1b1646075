package io.reprounit.cli;

import io.reprounit.artifact.Digests;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** How values look in a table: short digests and commits, times to the second in the local time zone. */
final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Formats() {}

    static String time(@Nullable Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    static String digest(@Nullable String digest) {
        return digest == null ? "-" : Digests.shortForm(digest);
    }

    /** The first 10 characters of a commit id, keeping its {@code -dirty} mark. */
    static String commit(@Nullable String commit) {
        if (commit == null) {
            return "-";
        }
        boolean dirty = commit.endsWith("-dirty");
        String id = dirty ? commit.substring(0, commit.length() - "-dirty".length()) : commit;
        return (id.length() > 10 && id.matches("[0-9a-f]+") ? id.substring(0, 10) : id) + (dirty ? "-dirty" : "");
    }
}
