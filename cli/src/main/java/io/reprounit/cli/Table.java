package io.reprounit.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A table of text aligned in columns that fits {@link #WIDTH} columns of a terminal: where the cells are wider, the widest
 * column gives way first and its cells are cut with an ellipsis, since digests and commits are recognisable from their
 * first characters.
 */
final class Table {

    static final int WIDTH = 100;
    private static final String GAP = "  ";
    private static final int NARROWEST = 5;

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    /** Every cell is escaped with {@link Formats#text}: a stored name can hold anything. */
    Table(String... headers) {
        this.headers = headers.clone();
    }

    Table row(@Nullable Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("A row of " + cells.length + " cells in a table of " + headers.length);
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "-" : Formats.text(cell.toString().replace('\n', ' ')))
                .toArray(String[]::new));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        fit(widths);
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private static void fit(int[] widths) {
        int total = Arrays.stream(widths).sum() + GAP.length() * (widths.length - 1);
        while (total > WIDTH) {
            int widest = 0;
            for (int i = 1; i < widths.length; i++) {
                if (widths[i] > widths[widest]) {
                    widest = i;
                }
            }
            if (widths[widest] <= NARROWEST) {
                return;
            }
            widths[widest]--;
            total--;
        }
    }

    private static void line(StringBuilder text, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].length() > widths[i] ? cells[i].substring(0, widths[i] - 1) + "…" : cells[i];
            line.append(cell);
            if (i < cells.length - 1) {
                line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
