package io.scriptorium.worker.observability;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.springframework.stereotype.Component;

/**
 * Wraps every activity the worker runs in an {@link ObservedActivity}. The Temporal starter passes every
 * {@code WorkerInterceptor} bean to the worker factory, so the activities themselves stay free of metrics and MDC
 * code.
 */
@Component
class ActivityObservationInterceptor extends WorkerInterceptorBase {

	private final PipelineMetrics metrics;

	private final ActivityStages stages = ActivityStages.scriptorium();

	ActivityObservationInterceptor(PipelineMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
		return new ObservedActivity(next, this.metrics, this.stages);
	}

}
