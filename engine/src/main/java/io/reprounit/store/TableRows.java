package io.reprounit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * New rows of one table, gathered, then written the way that suits the database: to SQLite, which runs in this process,
 * as one batch of single-row inserts; to PostgreSQL as one statement over arrays, one per column
 * ({@code INSERT ... SELECT * FROM unnest(?::text[], ?::bigint[], ...)}), which the server plans once and runs at
 * about half the cost per row of a multi-row {@code VALUES}. The arrays are made by {@link Connection#createArrayOf},
 * plain JDBC: nothing of the PostgreSQL driver is named here, so that SQLite users need not carry it.
 */
final class TableRows {

    /** Rows per statement over arrays: bounds what one statement holds in memory, for runs of many thousand steps. */
    static final int ARRAY_ROWS = 10_000;

    /** How a column's values are bound: as text, or as 64-bit integers. */
    enum Kind {
        TEXT("text", "text"), INTEGER("bigint", "int8");

        private final String cast;
        private final String arrayElement;

        Kind(String cast, String arrayElement) {
            this.cast = cast;
            this.arrayElement = arrayElement;
        }
    }

    record Column(String name, Kind kind) {}

    static Column text(String name) {
        return new Column(name, Kind.TEXT);
    }

    static Column integer(String name) {
        return new Column(name, Kind.INTEGER);
    }

    private final String table;
    private final String conflict;
    private final List<Column> columns;
    private final List<@Nullable Object[]> rows = new ArrayList<>();

    /**
     * @param conflict what follows the values, such as {@code ON CONFLICT DO NOTHING}; empty for nothing
     */
    TableRows(String table, String conflict, Column... columns) {
        this.table = table;
        this.conflict = conflict;
        this.columns = List.of(columns);
    }

    /** A row, its values in the order of the columns: a {@link String}, a {@link Number} or null each. */
    void add(@Nullable Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for the " + columns.size() + " columns of "
                    + table);
        }
        rows.add(values);
    }

    /** Writes the rows gathered, as arrays where {@code arrays} (PostgreSQL), else as a batch; then forgets them. */
    void write(Connection c, boolean arrays) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (arrays) {
            writeArrays(c);
        } else {
            writeBatch(c);
        }
        rows.clear();
    }

    private String names() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    private String suffix() {
        return conflict.isEmpty() ? "" : " " + conflict;
    }

    private void writeBatch(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (" + names() + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")" + suffix())) {
            for (@Nullable Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    bind(insert, i + 1, columns.get(i).kind(), row[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, int index, Kind kind, @Nullable Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, kind == Kind.TEXT ? Types.VARCHAR : Types.BIGINT);
        } else if (kind == Kind.TEXT) {
            statement.setString(index, (String) value);
        } else {
            statement.setLong(index, ((Number) value).longValue());
        }
    }

    private void writeArrays(Connection c) throws SQLException {
        String unnest = columns.stream().map(column -> "?::" + column.kind().cast + "[]")
                .collect(Collectors.joining(", "));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (" + names() + ") SELECT * FROM"
                + " unnest(" + unnest + ")" + suffix())) {
            for (int from = 0; from < rows.size(); from += ARRAY_ROWS) {
                List<@Nullable Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ARRAY_ROWS));
                for (int i = 0; i < columns.size(); i++) {
                    Kind kind = columns.get(i).kind();
                    Object[] values = kind == Kind.TEXT ? new String[chunk.size()] : new Long[chunk.size()];
                    for (int r = 0; r < chunk.size(); r++) {
                        Object value = chunk.get(r)[i];
                        values[r] = value == null || kind == Kind.TEXT ? value : (Object) ((Number) value).longValue();
                    }
                    insert.setArray(i + 1, c.createArrayOf(kind.arrayElement, values));
                }
                insert.executeUpdate();
            }
        }
    }
}
