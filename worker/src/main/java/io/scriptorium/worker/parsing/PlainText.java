package io.scriptorium.worker.parsing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** TXT and MD files are read as UTF-8; malformed bytes become U+FFFD instead of failing the document. */
final class PlainText {

	private PlainText() {
	}

	static Reader open(Path file) throws IOException {
		return new InputStreamReader(Files.newInputStream(file),
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE));
	}

}
