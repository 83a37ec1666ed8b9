package io.scriptorium.worker.chunking;

/**
 * One chunk as the chunker emits it, in reading order.
 *
 * @param index 0-based position in the document
 * @param page the 1-based page the chunk starts on, or null for text formats (no real pages)
 * @param lastPage the page it ends on, or null for text formats
 * @param section the heading path it sits under ({@code " > "} between levels), or null before the first heading
 * @param context what the model and the full-text index read before the text (title and section), or empty
 * @param text the text shown to users; never blank, never contains NUL
 * @param tokenCount tokens the model reads for {@link #embeddedText}, special tokens included
 */
public record Chunk(int index, Integer page, Integer lastPage, String section, String context, String text,
		int tokenCount) {

	/** The text the model embeds for a chunk: its context, a blank line, its text. */
	public static String embeddedText(String context, String text) {
		return (context == null || context.isEmpty()) ? text : context + "\n\n" + text;
	}

}
