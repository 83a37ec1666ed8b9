package io.scriptorium.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.TextTable;

/** Rows under a header, in columns as wide as their widest cell (picocli's text table does the layout). */
final class Table {

	/** Cells wider than this are wrapped, so that a long error message does not push the table off the screen. */
	private static final int MAX_WIDTH = 60;

	private final List<String[]> rows = new ArrayList<>();

	Table(String... header) {
		this.rows.add(header);
	}

	void row(Object... cells) {
		this.rows.add(java.util.Arrays.stream(cells).map(cell -> Objects.toString(cell, "")).toArray(String[]::new));
	}

	void print(PrintStream out) {
		int columns = this.rows.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : this.rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], Math.min(MAX_WIDTH, row[i].length() + 2));
			}
		}
		TextTable table = TextTable.forColumnWidths(Ansi.OFF, widths);
		this.rows.forEach(table::addRowValues);
		out.print(table);
	}

}
