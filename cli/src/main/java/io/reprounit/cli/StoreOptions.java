package io.reprounit.cli;

import io.reprounit.store.MetadataStore;
import io.reprounit.store.StoreLocation;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every command takes: which store to read, and whether to answer in JSON. */
final class StoreOptions {

    static final String STORE = "--store";

    @Option(names = STORE, paramLabel = "<jdbc url>", description = "The metadata store, as jdbc:sqlite:<file> or jdbc:postgresql://<host>:<port>/<database>."
            + " Default: .reprounit/metadata.db at the root of the git working tree holding the working directory.")
    @Nullable String store;

    @Option(names = "--json", description = "Print JSON for scripts instead of a table.")
    boolean json;

    @Option(names = "--width", paramLabel = "<columns>", converter = PositiveCount.class, description = "Fit tables"
            + " to this many columns; ids and names are never cut. Default: the terminal's width, or "
            + Table.WIDTH + " where the output is not a terminal.")
    @Nullable Integer width;

    /** The width tables are fitted to. */
    int width() {
        return width != null ? width : Terminal.columns().orElse(Table.WIDTH);
    }

    String url() {
        return store != null ? store : StoreLocation.defaultUrl(Path.of("").toAbsolutePath());
    }

    /** The store, opened read-only: what every command but {@code gc} needs, and all a read-only mount allows. */
    MetadataStore open() {
        return MetadataStore.openReadOnly(url(), STORE);
    }

    /** The store, opened to be written to, and migrated where it is of an older schema. */
    MetadataStore openForWriting() {
        return MetadataStore.openExisting(url(), STORE);
    }
}
