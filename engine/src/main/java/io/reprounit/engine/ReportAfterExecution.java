package io.reprounit.engine;

import static java.util.Objects.requireNonNull;

import io.reprounit.report.ReportException;
import io.reprounit.report.ReproducibilityReport;
import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreException;
import io.reprounit.store.StoreSettings;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The HTML report that {@link Constants#REPORT_PROPERTY_NAME} asks for, written once the execution's checks are in the
 * store. A report that cannot be written is a warning on standard error, never a failed test: the checks passed or
 * failed on their own.
 */
final class ReportAfterExecution {

    private final Optional<String> file;
    private final StoreSettings store;
    private final PrintStream warnings;

    ReportAfterExecution(Optional<String> file, StoreSettings store) {
        this(file, store, System.err);
    }

    ReportAfterExecution(Optional<String> file, StoreSettings store, PrintStream warnings) {
        this.file = requireNonNull(file);
        this.store = requireNonNull(store);
        this.warnings = requireNonNull(warnings);
    }

    void write() {
        if (file.isEmpty()) {
            return;
        }
        try (MetadataStore metadata = MetadataStore.openReadOnly(store.url(), StoreSettings.URL_KEY)) {
            ReproducibilityReport.write(metadata, ReproducibilityReport.DEFAULT_LAST, Path.of(file.get()), false);
        } catch (ReportException | StoreException | InvalidPathException e) {
            warnings.println("[WARNING] ReproUnit did not write the report that " + Constants.REPORT_PROPERTY_NAME
                    + " = '" + file.get() + "' asks for: " + e.getMessage());
        }
    }
}
