package io.reprounit.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.reprounit.store.MetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reproducibility report as one self-contained HTML file: its style, script and data inlined, so that it opens from
 * disk, offline, and fetches nothing. The data is a JSON island that the page's script renders; every number in it is
 * computed here, from the metadata store.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReproducibilityReport {

    /** How many of each pipeline's latest checks the report shows, where nobody says. */
    public static final int DEFAULT_LAST = 50;

    /** What marks a file as a report of ours, which a new report may replace. */
    static final String MARK = "<meta name=\"generator\" content=\"ReproUnit report\">";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReproducibilityReport() {}

    /** The page over the latest {@code last} checks of every pipeline in {@code store}. */
    public static String html(MetadataStore store, int last, Instant generated) {
        String data = JSON.writeValueAsString(ReportData.of(store, last, generated))
                .replace("</", "<\\/"); // "</script>" inside a digest or explanation must not end the island
        String page = resource("report.html");
        return page.replace("/*STYLE*/", resource("report.css")).replace("/*SCRIPT*/", resource("report.js"))
                .replace("/*DATA*/", data);
    }

    /**
     * Writes the report to {@code file}, replacing it only where it is a report of ours or {@code force} is set.
     *
     * @throws ReportException where {@code file} is something else, or cannot be written
     */
    public static void write(MetadataStore store, int last, Path file, boolean force) {
        Path target = file.toAbsolutePath();
        if (!force && Files.exists(target) && !isReport(target)) {
            throw new ReportException("Not overwriting " + target + ": it is not a ReproUnit report. Choose another"
                    + " file, or remove it; the command line's report --force (the Maven goal's -Dforce) replaces it.");
        }
        String page = html(store, last, Instant.now());
        try {
            Path directory = Objects.requireNonNull(target.getParent());
            Files.createDirectories(directory);
            // Written beside it, then moved: a browser reading the old report never sees half of the new one.
            Path temporary = Files.createTempFile(directory, ".reprounit-report", ".tmp");
            try {
                Files.writeString(temporary, page, StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new ReportException("Cannot write the report to " + target + ": " + e + ". Check that its directory"
                    + " is writable, or choose another file.", e);
        }
    }

    /** Whether {@code file} is a report of ours: its first kilobytes carry our mark. */
    static boolean isReport(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1024), StandardCharsets.UTF_8).contains(MARK);
        } catch (IOException e) {
            return false;
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReproducibilityReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The engine jar lacks io/reprounit/report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
