package io.scriptorium.worker.parsing;

import io.scriptorium.worker.chunking.DocumentChunker;
import io.scriptorium.worker.testing.WorkerDatabase;
import io.scriptorium.workflows.document.DocumentRef;
import io.scriptorium.workflows.parsing.ParseResult;
import io.scriptorium.workflows.parsing.ParsingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;

/** The real parsing activity, run once in Temporal's test activity environment, for the stages after it. */
public final class ParsingTestActivities {

	/** These tests call extractText only, which does not chunk. */
	private static final DocumentChunker WITHOUT_CHUNKING = null;


	private ParsingTestActivities() {
	}

	/** Extracts the document's pages into its {@code document_pages} rows, with the default properties. */
	public static ParseResult extractText(WorkerDatabase database, DocumentRef document) {
		ParsingProperties properties = new ParsingProperties();
		TestActivityEnvironment environment = TestActivityEnvironment.newInstance();
		PdfTextExtractor extractor = new PdfTextExtractor(properties);
		try {
			environment.registerActivitiesImplementations(new ParsingActivitiesImpl(database.blobs(),
					new DocumentPages(database.jdbcTemplate(), database.jdbc()), properties, extractor,
					WITHOUT_CHUNKING));
			return environment
				.newActivityStub(ParsingActivities.class,
						ActivityOptions.newBuilder()
							.setStartToCloseTimeout(Duration.ofMinutes(5))
							.setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
							.build())
				.extractText(document);
		}
		finally {
			environment.close();
			extractor.destroy();
		}
	}

}
