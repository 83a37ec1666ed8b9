package io.scriptorium.worker.chunking;

import io.scriptorium.workflows.embeddingmodel.TokenCounter;
import java.text.BreakIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Packs text into chunks of at most {@code maxTokens} tokens of the embedding model, so the model reads every
 * chunk to its end. Text is fed page by page ({@link #add}) and chunks leave through the consumer as soon as they
 * are full, so memory stays bounded by a page plus a chunk. Whole paragraphs are kept together when they fit, then
 * whole sentences; only a sentence longer than a chunk is cut, at a word if it can be. A table the parser could
 * tell is cut between rows, each of its chunks led by its header row. Consecutive chunks share up
 * to {@code overlapTokens} of whole trailing sentences. Pages arrive as parsing stored them, already cleaned (the
 * parsing package's {@code TextCleaner}: no control characters, line breaks normalised). Not thread-safe: one
 * instance per document.
 */
public class TextChunker {

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	/** A Markdown table's line between its header and its rows. */
	private static final Pattern TABLE_RULE = Pattern.compile("[|:\\- ]+");

	private static final String PARAGRAPH = "\n\n";

	private static final String SENTENCE = " ";

	private static final String ROW = "\n";

	private final TokenCounter counter;

	private final int maxTokens;

	private final int overlapTokens;

	private final Consumer<Chunk> sink;

	/** Tokens the model adds to every text (e.g. [CLS] and [SEP]); the rest of the budget is for content. */
	private final int specialTokens;

	private final Deque<Unit> current = new ArrayDeque<>();

	private int currentTokens;

	private int nextIndex;

	/** Whether {@link #current} holds anything not yet emitted (it may hold only overlap carried over). */
	private boolean pending;

	private String section;

	private String context = "";

	/** Tokens {@link #context} and its separator take from every chunk's budget. */
	private int contextTokens;

	public TextChunker(TokenCounter counter, int maxTokens, int overlapTokens, Consumer<Chunk> sink) {
		this.counter = counter;
		this.specialTokens = counter.count("");
		if (maxTokens <= this.specialTokens + 8) {
			throw new IllegalArgumentException("maxTokens " + maxTokens + " leaves no room for text");
		}
		requireValidOverlap(maxTokens, overlapTokens);
		this.maxTokens = maxTokens;
		this.overlapTokens = overlapTokens;
		this.sink = sink;
	}

	/**
	 * Text added from now on sits under {@code section} and is embedded after {@code context}. A new section starts
	 * a new chunk, with no overlap: the text before it belongs to another heading. A context that would take more
	 * than a quarter of a chunk is left out.
	 */
	public void section(String section, String context) {
		String fitting = (context == null) ? "" : context;
		int tokens = fitting.isEmpty() ? 0 : contentTokens(Chunk.embeddedText(fitting, ""));
		if (tokens > (this.maxTokens - this.specialTokens) / 4) {
			fitting = "";
			tokens = 0;
		}
		if (Objects.equals(section, this.section) && fitting.equals(this.context)) {
			return;
		}
		if (this.pending) {
			emit();
		}
		this.current.clear();
		this.currentTokens = 0;
		this.section = section;
		this.context = fitting;
		this.contextTokens = tokens;
	}

	/** Adds one page (or one segment of a text file, with {@code page} null) in reading order. */
	public void add(Integer page, String text) {
		List<String> paragraphs = new ArrayList<>();
		for (String paragraph : PARAGRAPH_BREAK.split(text)) {
			List<String> rows = tableRows(paragraph);
			if (!rows.isEmpty()) {
				addParagraphs(page, paragraphs);
				addTable(page, rows);
				continue;
			}
			String normalized = normalize(paragraph);
			if (!normalized.isEmpty()) {
				paragraphs.add(normalized);
			}
		}
		addParagraphs(page, paragraphs);
	}

	private void addParagraphs(Integer page, List<String> paragraphs) {
		int[] tokens = contentTokens(paragraphs);
		for (int i = 0; i < tokens.length; i++) {
			addParagraph(page, paragraphs.get(i), tokens[i]);
		}
		paragraphs.clear();
	}

	/** Emits the last chunk. */
	public void finish() {
		if (this.pending) {
			emit();
		}
	}

	/** The number of chunks emitted so far. */
	public int chunkCount() {
		return this.nextIndex;
	}

	/** Content tokens a chunk may hold: the model's window without its special tokens and the context. */
	private int budget() {
		return this.maxTokens - this.specialTokens - this.contextTokens;
	}

	private void addParagraph(Integer page, String paragraph, int tokens) {
		if (fitsWhole(page, paragraph, tokens)) {
			return;
		}
		List<String> sentences = sentences(paragraph);
		int[] sentenceTokens = contentTokens(sentences);
		for (int i = 0; i < sentenceTokens.length; i++) {
			addSentence(page, sentences.get(i), sentenceTokens[i], (i == 0) ? PARAGRAPH : SENTENCE);
		}
	}

	/**
	 * Appends a paragraph (or a table) whole if it fits the current chunk, or the next one: a fairly full chunk ends
	 * before it rather than in its middle.
	 */
	private boolean fitsWhole(Integer page, String paragraph, int tokens) {
		int budget = budget();
		if (tokens <= budget - this.currentTokens) {
			append(new Unit(page, paragraph, tokens, PARAGRAPH));
			return true;
		}
		if (this.pending && this.currentTokens >= budget / 2) {
			emit();
			if (tokens <= budget - this.currentTokens) {
				append(new Unit(page, paragraph, tokens, PARAGRAPH));
				return true;
			}
		}
		return false;
	}

	/**
	 * A table too long for one chunk is cut between rows, and every chunk it continues in starts with its header
	 * row, so that a value is never read apart from what its column means.
	 */
	private void addTable(Integer page, List<String> rows) {
		int[] tokens = contentTokens(rows);
		int total = rows.size() - 1;
		for (int count : tokens) {
			total += count;
		}
		if (fitsWhole(page, String.join(ROW, rows), total)) {
			return;
		}
		Unit header = new Unit(page, rows.get(0), tokens[0], PARAGRAPH);
		boolean repeatHeader = header.tokens() <= budget() / 4;
		place(header);
		for (int i = 1; i < rows.size(); i++) {
			Unit row = new Unit(page, rows.get(i), tokens[i], ROW);
			if (!repeatHeader || row.tokens() > budget() - header.tokens()) {
				addSentence(page, row.text(), row.tokens(), ROW);
				continue;
			}
			if (this.pending && row.tokens() > budget() - this.currentTokens) {
				emit();
				// The header, not the overlap, leads the table's next chunk.
				this.current.clear();
				this.currentTokens = 0;
				append(header);
			}
			append(row);
		}
	}

	private void addSentence(Integer page, String sentence, int tokens, String joiner) {
		int budget = budget();
		if (tokens > budget) {
			for (String piece : cut(sentence, budget)) {
				addSentence(page, piece, contentTokens(piece), joiner);
				joiner = SENTENCE;
			}
			return;
		}
		place(new Unit(page, sentence, tokens, joiner));
	}

	/** Appends a unit that fits a chunk on its own, first emitting the current chunk if it has no room left. */
	private void place(Unit unit) {
		if (this.pending && unit.tokens() > budget() - this.currentTokens) {
			emit();
		}
		append(unit);
	}

	private void append(Unit unit) {
		// Overlap carried from the previous chunk gives way to new text rather than the other way round.
		int budget = budget();
		while (!this.pending && !this.current.isEmpty() && unit.tokens() > budget - this.currentTokens) {
			this.currentTokens -= this.current.removeFirst().tokens();
		}
		this.current.addLast(unit);
		this.currentTokens += unit.tokens();
		this.pending = true;
	}

	private void emit() {
		if (!this.pending) {
			return;
		}
		List<Unit> units = new ArrayList<>(this.current);
		String text = join(units);
		int tokens = this.counter.count(Chunk.embeddedText(this.context, text));
		// Token counts are not exactly additive (a tokenizer may merge across a join): the exact count decides,
		// and a chunk that came out too long hands its last unit to the next chunk.
		Deque<Unit> spill = new ArrayDeque<>();
		while (tokens > this.maxTokens && units.size() > 1) {
			spill.addFirst(units.remove(units.size() - 1));
			text = join(units);
			tokens = this.counter.count(Chunk.embeddedText(this.context, text));
		}
		if (tokens > this.maxTokens) {
			throw new IllegalStateException("a unit of " + tokens + " tokens exceeds " + this.maxTokens);
		}
		this.sink.accept(new Chunk(this.nextIndex++, units.get(0).page(), units.get(units.size() - 1).page(),
				this.section, this.context, text, tokens));
		carryOverlap(units);
		this.pending = false;
		for (Unit unit : spill) {
			place(unit);
		}
	}

	private void carryOverlap(List<Unit> emitted) {
		this.current.clear();
		this.currentTokens = 0;
		for (int i = emitted.size() - 1; i > 0; i--) {
			Unit unit = emitted.get(i);
			if (this.currentTokens + unit.tokens() > this.overlapTokens) {
				break;
			}
			this.current.addFirst(unit);
			this.currentTokens += unit.tokens();
		}
	}

	/** Cuts an over-long sentence into pieces of at most {@code budget} content tokens, at spaces when possible. */
	private List<String> cut(String sentence, int budget) {
		// Counting only a window of ample length (real text averages 4-5 chars a token) keeps a megabyte without
		// a full stop (a table dump) linear rather than quadratic; a longer piece is merely cut shorter.
		int window = budget * 32;
		List<String> pieces = new ArrayList<>();
		String rest = sentence;
		while (!rest.isEmpty()) {
			String head = rest.length() > window ? rest.substring(0, window) : rest;
			if (head == rest && contentTokens(rest) <= budget) {
				pieces.add(rest);
				break;
			}
			int end = longestFittingPrefix(head, budget);
			int space = rest.lastIndexOf(' ', end);
			if (space > 0 && end < rest.length()) {
				end = space;
			}
			pieces.add(rest.substring(0, end).strip());
			rest = rest.substring(end).strip();
		}
		return pieces;
	}

	/** Binary search for the longest prefix (in chars, never splitting a surrogate pair) within the budget. */
	private int longestFittingPrefix(String text, int budget) {
		int low = 1;
		int high = text.length();
		while (low < high) {
			int mid = (low + high + 1) >>> 1;
			if (contentTokens(text.substring(0, mid)) <= budget) {
				low = mid;
			}
			else {
				high = mid - 1;
			}
		}
		if (low < text.length() && Character.isLowSurrogate(text.charAt(low)) && low > 1) {
			low--;
		}
		return low;
	}

	private int contentTokens(String text) {
		return this.counter.count(text) - this.specialTokens;
	}

	private int[] contentTokens(List<String> texts) {
		int[] counts = texts.isEmpty() ? new int[0] : this.counter.countEach(texts);
		for (int i = 0; i < counts.length; i++) {
			counts[i] -= this.specialTokens;
		}
		return counts;
	}

	private static List<String> sentences(String paragraph) {
		BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
		iterator.setText(paragraph);
		List<String> sentences = new ArrayList<>();
		int start = iterator.first();
		for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
			String sentence = paragraph.substring(start, end).strip();
			if (!sentence.isEmpty()) {
				sentences.add(sentence);
			}
		}
		return sentences;
	}

	private static String join(List<Unit> units) {
		StringBuilder text = new StringBuilder();
		for (Unit unit : units) {
			if (!text.isEmpty()) {
				text.append(unit.joiner());
			}
			text.append(unit.text());
		}
		return text.toString();
	}

	private static String normalize(String text) {
		return WHITESPACE.matcher(text).replaceAll(" ").strip();
	}

	/**
	 * The rows of a paragraph that is a table as the parsers write one they can tell (a row a line, its cells
	 * between {@code |}, as in Markdown; a Markdown table's {@code |---|} line left out), else none. Rows of one cell
	 * (a label spanning the table) have no bar: most rows, not all, must have one.
	 */
	static List<String> tableRows(String paragraph) {
		List<String> rows = new ArrayList<>();
		int withCells = 0;
		for (String line : paragraph.strip().split("\n")) {
			String row = normalize(line);
			if (row.isEmpty() || TABLE_RULE.matcher(row).matches()) {
				continue;
			}
			rows.add(row);
			withCells += (row.indexOf('|') >= 0) ? 1 : 0;
		}
		return (rows.size() >= 2 && withCells * 2 > rows.size()) ? rows : List.of();
	}

	/**
	 * The overlap rule ({@code scriptorium.chunking.overlap-tokens}): at most half a chunk, so that every chunk adds
	 * new text. The worker checks it at startup with this same method.
	 */
	static void requireValidOverlap(int maxTokens, int overlapTokens) {
		if (overlapTokens < 0 || overlapTokens > maxTokens / 2) {
			throw new IllegalArgumentException("scriptorium.chunking.overlap-tokens (overlapTokens) must be between 0"
					+ " and half of the chunk size (" + maxTokens + " tokens), was " + overlapTokens);
		}
	}

	/**
	 * A paragraph, sentence, table row or piece of one, with its content tokens (special tokens excluded) and what
	 * separates it from the unit before it in a chunk.
	 */
	private record Unit(Integer page, String text, int tokens, String joiner) {
	}

}
