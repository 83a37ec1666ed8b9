package io.scriptorium.workflows.webhooks;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface WebhookActivities {

	/**
	 * Starts a delivery for every endpoint subscribed to the events after {@code after} (null: from the newest
	 * event), waiting up to the poll timeout for one. Idempotent: a delivery's workflow ID is refused twice.
	 * @return where the next call starts
	 */
	DispatchCursor dispatchNewEvents(DispatchCursor after);

	/** Posts the signed event to the endpoint once, and records the attempt; fails if the receiver did not take it. */
	void deliver(WebhookDelivery delivery);

}
