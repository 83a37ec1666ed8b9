package io.scriptorium.worker.parsing;

import java.util.List;

/**
 * What the parser process may spend on one PDF: how many pages it may have, and per page how many content-stream
 * operators (form XObjects' included), glyphs, nested graphics states and decoded content bytes. A page over a
 * budget is skipped; real
 * pages stay far below these (a dense page has some 10,000 operators and glyphs, and a handful of nested states).
 */
record PageBudget(int maxPages, long maxOperators, long maxGlyphs, int maxGraphicsDepth, long maxContentBytes) {

	/** No limits: for a PDF the parser made itself. */
	static final PageBudget UNLIMITED = new PageBudget(Integer.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE,
			Integer.MAX_VALUE, Long.MAX_VALUE);

	/** The budget the worker's parsing properties set. */
	static PageBudget of(ParsingProperties properties) {
		return new PageBudget(properties.getMaxPages(), properties.getMaxOperatorsPerPage(),
				properties.getMaxGlyphsPerPage(), properties.getMaxGraphicsDepth(),
				properties.getMaxContentPerPage().toBytes());
	}

	/** The parser process's command-line arguments after the file and first page. */
	List<String> toArgs() {
		return List.of(String.valueOf(this.maxPages), String.valueOf(this.maxOperators),
				String.valueOf(this.maxGlyphs), String.valueOf(this.maxGraphicsDepth),
				String.valueOf(this.maxContentBytes));
	}

	static PageBudget fromArgs(String[] args, int from) {
		return new PageBudget(Integer.parseInt(args[from]), Long.parseLong(args[from + 1]),
				Long.parseLong(args[from + 2]), Integer.parseInt(args[from + 3]), Long.parseLong(args[from + 4]));
	}

}
