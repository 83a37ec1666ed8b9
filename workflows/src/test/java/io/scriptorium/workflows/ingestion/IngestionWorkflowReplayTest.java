package io.scriptorium.workflows.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays histories recorded on the real Temporal server ({@link IngestionWorkflowIT}) against the current
 * implementation, so that a change that would break running ingestions fails here first.
 */
class IngestionWorkflowReplayTest {

	/**
	 * The current shape's histories, and those of runs started before the pipeline with fewer round trips
	 * ({@link IngestionWorkflowImpl#LEAN_PIPELINE}), which a worker of this version must still be able to finish.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "ingestion-ready-pdf.json", "ingestion-ready-docx.json", "ingestion-failed-corrupt.json",
			"ingestion-cancelled.json", "ingestion-ready-ocr.json", "before-lean-pipeline/ingestion-ready-pdf.json",
			"before-lean-pipeline/ingestion-ready-docx.json", "before-lean-pipeline/ingestion-failed-corrupt.json",
			"before-lean-pipeline/ingestion-cancelled.json", "before-lean-pipeline/ingestion-ready-ocr.json" })
	void recordedHistoryReplaysAgainstTheCurrentImplementation(String history) throws Exception {
		WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history, IngestionWorkflowImpl.class);
	}

	/**
	 * The replayer reports the {@link NonDeterministicException} by name in the message of the exception it throws
	 * (the replay runs as a query, which does not keep the cause).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "ingestion-ready-pdf.json", "ingestion-failed-corrupt.json",
			"before-lean-pipeline/ingestion-ready-pdf.json" })
	void implementationThatWaitsBeforeItStartsIsRejectedAsNonDeterministic(String history) {
		assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history,
				IngestionWorkflowThatWaitsFirst.class))
			.hasMessageContaining(NonDeterministicException.class.getName())
			.hasMessageContaining("does not match command type COMMAND_TYPE_START_TIMER");
	}

	@Test
	void readyHistoryOfAFourHundredPageDocumentStaysSmall() throws IOException {
		WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(resource("ingestion-ready-pdf.json"));

		assertThat(history.getEvents()).hasSizeLessThan(300);
		assertThat(history.getHistory().getSerializedSize()).isLessThan(64 * 1024);
		// Ids and counts only: an event of a kilobyte would mean text or vectors leaked into the history.
		assertThat(history.getEvents()).allSatisfy((event) -> assertThat(attributesSize(event)).isLessThan(1024));
	}

	/** Status updates leave a marker each in the workflow task that schedules the next stage, not an activity. */
	@ParameterizedTest
	@ValueSource(strings = { "ingestion-ready-pdf.json", "ingestion-failed-corrupt.json" })
	void currentHistoriesScheduleOnlyTheStagesOwnActivities(String file) throws IOException {
		WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(resource(file));

		assertThat(history.getEvents()).filteredOn(HistoryEvent::hasActivityTaskScheduledEventAttributes)
			.extracting((event) -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName())
			.isNotEmpty()
			.doesNotContain("RecordStage", "MarkReady", "MarkFailed");
		assertThat(history.getEvents()).filteredOn(HistoryEvent::hasMarkerRecordedEventAttributes).isNotEmpty();
	}

	private static int attributesSize(HistoryEvent event) {
		return event.getAllFields()
			.values()
			.stream()
			.filter(Message.class::isInstance)
			.mapToInt((attributes) -> ((Message) attributes).getSerializedSize())
			.max()
			.orElse(0);
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = IngestionWorkflowReplayTest.class.getResourceAsStream("/histories/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** The negative twin: the same workflow type with one timer more, which the recorded histories lack. */
	public static class IngestionWorkflowThatWaitsFirst extends IngestionWorkflowImpl {

		@Override
		public IngestionResult ingest(IngestionRequest request) {
			Workflow.sleep(Duration.ofSeconds(1));
			return super.ingest(request);
		}

	}

}
