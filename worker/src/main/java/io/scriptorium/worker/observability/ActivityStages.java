package io.scriptorium.worker.observability;

import io.scriptorium.workflows.chunking.ChunkingActivities;
import io.scriptorium.workflows.conversion.ConversionActivities;
import io.scriptorium.workflows.document.Stage;
import io.scriptorium.workflows.embedding.EmbeddingActivities;
import io.scriptorium.workflows.indexing.IndexingActivities;
import io.scriptorium.workflows.ingestion.DocumentStatusActivities;
import io.scriptorium.workflows.migration.SchemaMigrationActivities;
import io.scriptorium.workflows.parsing.ParsingActivities;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The pipeline stage an activity type belongs to, as the {@code stage} tag of the metrics. Read from the activity
 * interfaces with Temporal's own naming, so that a renamed or added activity method cannot drift from a list of
 * strings.
 */
final class ActivityStages {

	static final String STATUS = "status";

	static final String MIGRATION = "migration";

	static final String OTHER = "other";

	private final Map<String, String> stageByActivityType = new HashMap<>();

	private ActivityStages() {
		add(ConversionActivities.class, stage(Stage.CONVERT));
		add(ParsingActivities.class, stage(Stage.PARSE));
		add(ChunkingActivities.class, stage(Stage.CHUNK));
		add(EmbeddingActivities.class, stage(Stage.EMBED));
		add(IndexingActivities.class, stage(Stage.INDEX));
		add(DocumentStatusActivities.class, STATUS);
		add(SchemaMigrationActivities.class, MIGRATION);
	}

	static ActivityStages scriptorium() {
		return new ActivityStages();
	}

	static String stage(Stage stage) {
		return stage.name().toLowerCase(Locale.ROOT);
	}

	/** The stage tag of an activity type; {@value #OTHER} for one outside the pipeline. */
	String stageOf(String activityType) {
		return this.stageByActivityType.getOrDefault(activityType, OTHER);
	}

	private void add(Class<?> activityInterface, String stage) {
		for (POJOActivityMethodMetadata method : POJOActivityInterfaceMetadata.newInstance(activityInterface)
			.getMethodsMetadata()) {
			this.stageByActivityType.put(method.getActivityTypeName(), stage);
		}
	}

}
