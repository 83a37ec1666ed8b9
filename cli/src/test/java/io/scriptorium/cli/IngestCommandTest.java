package io.scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scriptorium.client.ScriptoriumClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
