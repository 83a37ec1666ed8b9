package io.scriptorium.worker.parsing;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;

/**
 * The pages of a PDF as its page tree really holds them, not as its {@code /Count} claims: a tree whose shared
 * {@code /Kids} hold 2×10<sup>8</sup> leaves under a {@code /Count} of 2,000 is counted up to the limit and no
 * further, and a node that is its own ancestor is skipped rather than followed for ever.
 */
final class PageTreeLeaves {

	/** Nodes visited per allowed page before the tree counts as hostile (empty subtrees shared many times). */
	private static final int VISITS_PER_PAGE = 8;

	/** Deeper trees than this are not made by any writer; PDFBox's own reader stops at a similar depth. */
	private static final int MAX_DEPTH = 64;

	/** A page tree that takes more work to walk than {@code limit} pages can. */
	static final class TreeTooLarge extends RuntimeException {

		TreeTooLarge(String message) {
			super(message, null, false, false);
		}

	}

	private final int limit;

	private final long maxVisits;

	private final List<COSDictionary> leaves = new ArrayList<>();

	private final Map<COSDictionary, Boolean> path = new IdentityHashMap<>();

	private long visits;

	private PageTreeLeaves(int limit) {
		this.limit = limit;
		this.maxVisits = (long) VISITS_PER_PAGE * limit + 1_000;
	}

	/** The leaves (page dictionaries) in document order, at most {@code limit}. */
	static List<COSDictionary> of(COSDictionary root, int limit) {
		PageTreeLeaves walk = new PageTreeLeaves(limit);
		walk.visit(root, 0);
		return walk.leaves;
	}

	private void visit(COSDictionary node, int depth) {
		if (this.leaves.size() >= this.limit) {
			return;
		}
		if (++this.visits > this.maxVisits || depth > MAX_DEPTH) {
			throw new TreeTooLarge("the page tree takes more than " + this.maxVisits + " nodes or " + MAX_DEPTH
					+ " levels to walk");
		}
		COSArray kids = node.getCOSArray(COSName.KIDS);
		boolean isTreeNode = kids != null && !COSName.PAGE.equals(node.getCOSName(COSName.TYPE));
		if (!isTreeNode) {
			this.leaves.add(node);
			return;
		}
		if (this.path.put(node, Boolean.TRUE) != null) {
			return;
		}
		for (int i = 0; i < kids.size() && this.leaves.size() < this.limit; i++) {
			COSBase kid = kids.get(i);
			if (kid instanceof COSObject reference) {
				kid = reference.getObject();
			}
			if (kid instanceof COSDictionary child) {
				visit(child, depth + 1);
			}
		}
		this.path.remove(node);
	}

}
