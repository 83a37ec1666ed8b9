package io.scriptorium.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivityStagesTest {

	private final ActivityStages stages = ActivityStages.scriptorium();

	@Test
	void pipelineActivityTypesMapToTheirStages() {
		assertThat(this.stages.stageOf("ConvertToPdf")).isEqualTo("convert");
		assertThat(this.stages.stageOf("ExtractAndChunkText")).isEqualTo("parse");
		assertThat(this.stages.stageOf("ChunkText")).isEqualTo("chunk");
		assertThat(this.stages.stageOf("EmbedChunks")).isEqualTo("embed");
		assertThat(this.stages.stageOf("PublishChunks")).isEqualTo("index");
	}

	@Test
	void statusAndMigrationActivitiesHaveTagsOfTheirOwnAndUnknownTypesAreOther() {
		assertThat(this.stages.stageOf("RecordStage")).isEqualTo(ActivityStages.STATUS);
		assertThat(this.stages.stageOf("MarkFailed")).isEqualTo(ActivityStages.STATUS);
		assertThat(this.stages.stageOf("ApplyMigrations")).isEqualTo(ActivityStages.MIGRATION);
		assertThat(this.stages.stageOf("SomethingElse")).isEqualTo(ActivityStages.OTHER);
	}

}
