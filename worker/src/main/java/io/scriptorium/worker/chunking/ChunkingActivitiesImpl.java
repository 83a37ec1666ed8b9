package io.scriptorium.worker.chunking;

import io.scriptorium.worker.shutdown.Heartbeats;
import io.scriptorium.workflows.TaskQueues;
import io.scriptorium.workflows.chunking.ChunkingActivities;
import io.scriptorium.workflows.chunking.ChunkingResult;
import io.scriptorium.workflows.document.DocumentRef;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/** Chunking as an activity of its own: after OCR, and for runs started before parsing chunked. */
@Component
@ActivityImpl(taskQueues = TaskQueues.INGESTION)
class ChunkingActivitiesImpl implements ChunkingActivities {

	private final DocumentChunker chunker;

	ChunkingActivitiesImpl(DocumentChunker chunker) {
		this.chunker = chunker;
	}

	@Override
	public ChunkingResult chunkText(DocumentRef document) {
		ActivityExecutionContext context = Activity.getExecutionContext();
		return this.chunker.chunk(document, () -> Heartbeats.send(context, null));
	}

}
