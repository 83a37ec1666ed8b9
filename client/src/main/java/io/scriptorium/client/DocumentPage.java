package io.scriptorium.client;

import java.util.List;

/**
 * One page of the document list, newest first.
 *
 * @param nextCursor the cursor of the next page, or null on the last one
 */
public record DocumentPage(List<Document> items, String nextCursor) {
}
