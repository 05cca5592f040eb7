package org.gan4j.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric CSV file of a run ({@code metrics.csv}, {@code health.csv}): a header of column names
 * and rows of numbers, {@code nan} or an empty cell meaning "not measured".
 *
 * @param columns the column names, in file order
 * @param rows the well-formed rows, each as long as {@code columns}
 */
record CsvTable(List<String> columns, List<double[]> rows) {

    /**
     * Reads a table, tolerating what a run in progress or a damaged file leaves: rows with the
     * wrong number of cells or cells that are not numbers are skipped and named in a note.
     *
     * @param file the file
     * @param required a column the file must have to be of the expected kind
     * @param notes where problems are described, for the page
     * @return the table, or null when the file is absent, empty or unusable
     */
    static CsvTable read(Path file, String required, List<String> notes) {
        String name = file.getFileName().toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            notes.add(name + " cannot be read (" + e.getMessage() + "); its charts are left out.");
            return null;
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return null; // created but not yet written: nothing to show, nothing wrong
        }
        List<String> columns = List.of(lines.get(0).strip().split(",", -1));
        if (!columns.contains(required)) {
            notes.add(name + " is malformed: its header has no '" + required + "' column; its charts are left out.");
            return null;
        }
        List<double[]> rows = new ArrayList<>();
        int bad = 0;
        String firstBad = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String problem = null;
            double[] row = new double[columns.size()];
            if (cells.length != columns.size()) {
                problem = cells.length + " cells where the header has " + columns.size();
            } else {
                for (int j = 0; j < cells.length && problem == null; j++) {
                    Double v = parse(cells[j]);
                    if (v == null) {
                        problem = "'" + cells[j] + "' in column " + columns.get(j) + " is not a number";
                    } else {
                        row[j] = v;
                    }
                }
            }
            if (problem == null) {
                rows.add(row);
            } else {
                bad++;
                if (firstBad == null) {
                    firstBad = "line " + (i + 1) + ": " + problem;
                }
            }
        }
        if (bad > 0) {
            notes.add(name + " is malformed: " + bad + (bad == 1 ? " line was" : " lines were")
                    + " skipped (" + firstBad + ").");
        }
        return new CsvTable(columns, rows);
    }

    /** A cell's value: NaN when not measured, null when the cell is not a number at all. */
    private static Double parse(String cell) {
        String c = cell.strip();
        if (c.isEmpty() || c.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (c.equalsIgnoreCase("inf") || c.equalsIgnoreCase("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (c.equalsIgnoreCase("-inf") || c.equalsIgnoreCase("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(c);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * @param name a column name
     * @return whether the table has the column
     */
    boolean has(String name) {
        return columns.contains(name);
    }

    /**
     * @param name a column name
     * @return whether the column has at least one finite value
     */
    boolean hasData(String name) {
        int j = columns.indexOf(name);
        if (j < 0) {
            return false;
        }
        for (double[] row : rows) {
            if (Double.isFinite(row[j])) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param name a column name the table has
     * @return the column's values, one per row
     */
    double[] column(String name) {
        int j = columns.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[j];
        }
        return out;
    }

    /**
     * @param name a column name
     * @return the last finite value of the column, NaN if none
     */
    double last(String name) {
        int j = columns.indexOf(name);
        for (int i = rows.size() - 1; j >= 0 && i >= 0; i--) {
            if (Double.isFinite(rows.get(i)[j])) {
                return rows.get(i)[j];
            }
        }
        return Double.NaN;
    }
}
