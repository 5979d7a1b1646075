package io.reprounit.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A table of text aligned in columns that fits the width it is rendered to: where the cells are wider, the widest column
 * gives way first and its cells are cut with an ellipsis, since digests, commits and explanations are recognisable from
 * their first characters. The {@linkplain #whole whole} columns — ids and names, what tells one row from another — are
 * never cut: where they alone are too wide, the line is longer than the width.
 */
final class Table {

    /** The width where it is not a terminal's: a file, a pipe, a build log. */
    static final int WIDTH = 100;
    private static final String GAP = "  ";
    private static final int NARROWEST = 5;

    private final String[] headers;
    private final boolean[] whole;
    private final List<String[]> rows = new ArrayList<>();

    /** Every cell is escaped with {@link Formats#text}: a stored name can hold anything. */
    Table(String... headers) {
        this.headers = headers.clone();
        this.whole = new boolean[headers.length];
    }

    /** Marks the columns with these headers as never to be cut. */
    Table whole(String... columns) {
        Set<String> names = Set.of(columns);
        for (int i = 0; i < headers.length; i++) {
            whole[i] |= names.contains(headers[i]);
        }
        return this;
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

    String render(int width) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        fit(widths, width);
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private void fit(int[] widths, int width) {
        int total = Arrays.stream(widths).sum() + GAP.length() * (widths.length - 1);
        while (total > width) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (!whole[i] && widths[i] > NARROWEST && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
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
