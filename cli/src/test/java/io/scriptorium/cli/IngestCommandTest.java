package io.scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scriptorium.client.Document;
import io.scriptorium.client.ScriptoriumClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

class IngestCommandTest {

	@TempDir
	Path folder;

	@Test
	void walksFoldersInOrderAndLeavesHiddenFilesOut() throws IOException {
		Files.createDirectories(this.folder.resolve("b/.git"));
		Files.writeString(this.folder.resolve("b/report.pdf"), "x");
		Files.writeString(this.folder.resolve("b/.git/config"), "x");
		Files.writeString(this.folder.resolve("a.docx"), "x");
		Files.writeString(this.folder.resolve(".DS_Store"), "x");
		Path single = Files.writeString(this.folder.resolve("b/notes.md"), "x");

		assertThat(IngestCommand.files(List.of(this.folder, single))).containsExactly(this.folder.resolve("a.docx"),
				this.folder.resolve("b/notes.md"), this.folder.resolve("b/report.pdf"), single);
	}

	@Test
	void aPathThatDoesNotExistIsAnError() {
		assertThatThrownBy(() -> IngestCommand.files(List.of(this.folder.resolve("missing"))))
			.hasMessageContaining("missing does not exist");
	}

	@Test
	void theSummaryCountsEachEndInOrderThenWhatIsStillGoing() {
		Path file = this.folder.resolve("a.pdf");
		List<IngestCommand.Outcome> outcomes = List.of(new IngestCommand.Outcome(file, null, "UNSUPPORTED_TYPE"),
				outcome(file, "PROCESSING"), outcome(file, "READY"), outcome(file, "FAILED"), outcome(file, "READY"));

		assertThat(IngestCommand.summary(outcomes)).isEqualTo("5 files: 2 READY, 1 FAILED, 1 REJECTED, 1 PROCESSING");
	}

	private static IngestCommand.Outcome outcome(Path file, String status) {
		return new IngestCommand.Outcome(file, new Document(UUID.randomUUID(), file.getFileName().toString(), status,
				"DONE", null, null, null, null, JsonNodeFactory.instance.objectNode()), null);
	}

	@Test
	void aUsageErrorExitsWithTwo() {
		ScriptoriumClient nowhere = new ScriptoriumClient(URI.create("http://127.0.0.1:9"), null);
		assertThat(ScriptoriumCli.run(nowhere, "ingest")).isEqualTo(2);
		assertThat(ScriptoriumCli.run(nowhere, "no-such-command")).isEqualTo(2);
	}

	@Test
	void anApiThatCannotBeReachedFailsTheCommandWithOne() {
		ScriptoriumClient nowhere = new ScriptoriumClient(URI.create("http://127.0.0.1:9"), null);
		assertThat(ScriptoriumCli.run(nowhere, "status")).isEqualTo(1);
	}

}
