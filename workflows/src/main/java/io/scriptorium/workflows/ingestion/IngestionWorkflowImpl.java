package io.scriptorium.workflows.ingestion;

/** Placeholder: the real implementation is being written. */
public class IngestionWorkflowImpl implements IngestionWorkflow {

	@Override
	public IngestionResult ingest(IngestionRequest request) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	@Override
	public Progress progress() {
		return null;
	}

}
