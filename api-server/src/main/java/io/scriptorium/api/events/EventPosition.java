package io.scriptorium.api.events;

/**
 * Where an event stands in the order events are read in: by writing transaction, then id. Ids alone are not that
 * order, since a transaction can commit after another that took a larger id.
 */
record EventPosition(long tx, long id) implements Comparable<EventPosition> {

	/** Before every event. */
	static final EventPosition START = new EventPosition(0, 0);

	@Override
	public int compareTo(EventPosition other) {
		int byTx = Long.compare(this.tx, other.tx);
		return (byTx != 0) ? byTx : Long.compare(this.id, other.id);
	}

	boolean isAfter(EventPosition other) {
		return compareTo(other) > 0;
	}

}
