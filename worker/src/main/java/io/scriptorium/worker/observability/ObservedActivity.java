package io.scriptorium.worker.observability;

import io.scriptorium.worker.observability.PipelineMetrics.Outcome;
import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCanceledException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * One activity execution: puts the document, workflow and activity type into the MDC while it runs, and records
 * its duration, outcome and counts. Temporal creates one per execution, on the thread that runs the activity.
 */
final class ObservedActivity extends ActivityInboundCallsInterceptorBase {

	private final PipelineMetrics metrics;

	private final ActivityStages stages;

	private ActivityInfo info;

	ObservedActivity(ActivityInboundCallsInterceptor next, PipelineMetrics metrics, ActivityStages stages) {
		super(next);
		this.metrics = metrics;
		this.stages = stages;
	}

	@Override
	public void init(ActivityExecutionContext context) {
		this.info = context.getInfo();
		super.init(context);
	}

	@Override
	public ActivityOutput execute(ActivityInput input) {
		String activityType = this.info.getActivityType();
		String stage = this.stages.stageOf(activityType);
		putLogFields(documentId(input.getArguments()));
		long start = System.nanoTime();
		try {
			ActivityOutput output = super.execute(input);
			Duration duration = Duration.ofNanos(System.nanoTime() - start);
			this.metrics.recordAttempt(stage, activityType, Outcome.SUCCESS, duration);
			this.metrics.recordResult(stage, output.getResult(), duration);
			return output;
		}
		catch (RuntimeException | Error ex) {
			Duration duration = Duration.ofNanos(System.nanoTime() - start);
			if (ex instanceof ActivityCanceledException) {
				this.metrics.recordAttempt(stage, activityType, Outcome.CANCELLED, duration);
			}
			else {
				this.metrics.recordAttempt(stage, activityType, Outcome.FAILURE, duration);
				this.metrics.recordFailure(stage, FailureCodes.of(ex));
			}
			throw ex;
		}
		finally {
			// Activity threads are pooled: the next activity on this thread must not inherit this one's document.
			MDC.remove(LogFields.DOCUMENT_ID);
		}
	}

	private void putLogFields(UUID documentId) {
		if (documentId != null) {
			MDC.put(LogFields.DOCUMENT_ID, documentId.toString());
		}
	}

	/** The document an activity works on: its {@link DocumentRef} or, for the status activities, its id. */
	static UUID documentId(Object[] arguments) {
		if (arguments == null) {
			return null;
		}
		for (Object argument : arguments) {
			if (argument instanceof DocumentRef ref) {
				return ref.documentId();
			}
			if (argument instanceof UUID id) {
				return id;
			}
		}
		return null;
	}

}
