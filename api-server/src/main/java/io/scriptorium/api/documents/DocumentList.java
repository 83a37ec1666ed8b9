package io.scriptorium.api.documents;

import java.util.List;

/** One page of the document list; {@code nextCursor} is null on the last page. */
public record DocumentList(List<DocumentResponse> items, String nextCursor) {
}
