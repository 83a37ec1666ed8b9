package io.scriptorium.worker.conversion;

import io.scriptorium.workflows.document.DocumentType;
import io.scriptorium.workflows.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Office files that try to make LibreOffice reach outside the file (linked pictures, imported documents, fields,
 * templates, frames, sections, XForms), or to hurt the worker (XXE, entity expansion, ZIP entries outside the
 * package, archives nested past the size limit, a password). Each is a corpus file with a few parts changed, made
 * in the test, and says how it must end.
 */
final class HostileOfficeFiles {

	/** {@code expectedCode} is null where the file converts (without what it links to). */
	record Hostile(String name, DocumentType type, Path file, String expectedCode, String keptText) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static final String DOCX = "docx-simple-1p-us-trustee-handbook-unstructured.docx";

	static final String PPTX = "pptx-simple-unstructured.pptx";

	static final String ODT = "odt-text-and-table-unstructured.odt";

	static final String RTF = "rtf-simple-unstructured.rtf";

	private static final String EXTERNAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	private final Path directory;

	/** What the files link to: an HTTP listener's base URL and a local picture. */
	private final String url;

	private final String localPicture;

	HostileOfficeFiles(Path directory, String url, Path localPicture) {
		this.directory = directory;
		this.url = url;
		this.localPicture = localPicture.toUri().toString();
	}

	/** The files that link out: each must convert without a single request and without the linked picture. */
	List<Hostile> linking() {
		List<Hostile> files = new ArrayList<>();
		files.add(docxLinkedPicture("docx-linked-picture-http.docx", this.url + "/docx-picture.png"));
		files.add(docxLinkedPicture("docx-linked-picture-file.docx", this.localPicture));
		files.add(docx("docx-includepicture-field.docx", (xml) -> body(xml, """
				<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>\
				<w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "%s/field.png" \\d </w:instrText></w:r>\
				<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Cached field result</w:t></w:r>\
				<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>\
				<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;%s/included.docx&quot; "><w:r><w:t>Simple field result</w:t></w:r></w:fldSimple></w:p>
				""".formatted(this.url, this.url)), Map.of(), null, "Cached field result"));
		files.add(docxAttachedTemplate());
		files.add(docxAltChunk());
		files.add(pptxLinkedPicture());
		files.add(odt("odt-linked-image-http.odt", image(this.url + "/odt-picture.png")));
		files.add(odt("odt-linked-image-file.odt", image(this.localPicture)));
		files.add(odt("odt-floating-frame-file.odt", """
				<text:p><draw:frame draw:name="f" svg:width="2cm" svg:height="2cm" text:anchor-type="paragraph">\
				<draw:floating-frame xlink:href="%s" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>\
				</draw:frame></text:p>""".formatted(this.localPicture)));
		files.add(odt("odt-linked-section-http.odt", """
				<text:section text:name="Linked"><text:section-source xlink:href="%s/section.odt" \
				xlink:type="simple"/></text:section>""".formatted(this.url)));
		files.add(odt("odt-xforms-instance-http.odt", """
				<office:forms><xforms:model xforms:id="m"><xforms:instance src="%s/xforms.xml"/>\
				</xforms:model></office:forms>""".formatted(this.url)));
		files.add(rtf("rtf-includepicture-file.rtf", "INCLUDEPICTURE \"" + this.localPicture + "\" \\\\d", "RTF field result"));
		files.add(rtf("rtf-includepicture-http.rtf", "INCLUDEPICTURE \"" + this.url + "/rtf.png\" \\\\d", "RTF field result"));
		files.add(rtf("rtf-includetext-http.rtf", "INCLUDETEXT \"" + this.url + "/rtf.docx\"", "RTF included result"));
		return files;
	}

	/** Files that must fail before LibreOffice sees them. */
	List<Hostile> refused(long maxUnzippedBytes) {
		String doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [%s]>\n";
		List<Hostile> files = new ArrayList<>();
		files.add(docx("docx-xxe.docx", (xml) -> xml.replaceFirst("<\\?xml[^>]*\\?>",
				doctype.formatted("<!ENTITY x SYSTEM \"" + this.url + "/xxe\">")).replace("<w:body>", "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>"),
				Map.of(), "CORRUPT_DOCUMENT", null));
		StringBuilder laughs = new StringBuilder("<!ENTITY l0 \"lol\">");
		for (int i = 1; i <= 9; i++) {
			laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
		}
		files.add(docx("docx-billion-laughs.docx", (xml) -> xml.replaceFirst("<\\?xml[^>]*\\?>",
				doctype.formatted(laughs)).replace("<w:body>", "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p>"),
				Map.of(), "CORRUPT_DOCUMENT", null));
		files.add(docx("docx-zip-slip.docx", UnaryOperator.identity(),
				Map.of("../../../../tmp/scriptorium-zip-slip.txt", "outside".getBytes(StandardCharsets.UTF_8)),
				"CORRUPT_DOCUMENT", null));
		files.add(docx("docx-nested-archive-bomb.docx",
				(xml) -> body(xml, "<w:altChunk r:id=\"rIdChunk\"/>"),
				Map.of("word/chunk.docx", zipOfZeros(2 * maxUnzippedBytes)), "DOCUMENT_TOO_LARGE",
				"word/_rels/document.xml.rels", (rels) -> relationship(rels, "rIdChunk", "aFChunk", "chunk.docx", false)));
		files.add(rewrite(ODT, "odt-encrypted.odt", Map.of("META-INF/manifest.xml", (xml) -> xml.replace(
				"manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>",
				"manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"><manifest:encryption-data "
						+ "manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"AAAA\"><manifest:algorithm "
						+ "manifest:algorithm-name=\"Blowfish CFB\" manifest:initialisation-vector=\"AAAA\"/>"
						+ "</manifest:encryption-data></manifest:file-entry>")),
				Map.of(), DocumentType.ODT, "ENCRYPTED_DOCUMENT", null));
		return files;
	}

	private Hostile docxLinkedPicture(String name, String target) {
		return docx(name, (xml) -> body(xml, drawing("rIdLink")), Map.of(), null,
				"word/_rels/document.xml.rels", (rels) -> relationship(rels, "rIdLink", "image", target, true));
	}

	private Hostile docxAttachedTemplate() {
		return rewrite(DOCX, "docx-attached-template-http.docx", Map.of(
				"word/settings.xml", (xml) -> xml.replaceFirst("(<w:settings[^>]*>)", "$1<w:attachedTemplate r:id=\"rIdTemplate\"/>"),
				"word/_rels/settings.xml.rels", (ignored) -> relationships(
						relationship("", "rIdTemplate", "attachedTemplate", this.url + "/template.dotx", true))),
				Map.of(), DocumentType.DOCX, null, null);
	}

	/** An imported DOCX (altChunk) that itself links a picture. */
	private Hostile docxAltChunk() {
		Path inner = docxLinkedPicture("inner-" + System.nanoTime() + ".docx", this.url + "/altchunk-picture.png").file();
		return docx("docx-altchunk-linked-picture.docx", (xml) -> body(xml, "<w:altChunk r:id=\"rIdChunk\"/>"),
				Map.of("word/chunk.docx", read(inner)), null, "word/_rels/document.xml.rels",
				(rels) -> relationship(rels, "rIdChunk", "aFChunk", "chunk.docx", false));
	}

	private Hostile pptxLinkedPicture() {
		String picture = """
				<p:pic><p:nvPicPr><p:cNvPr id="999" name="Linked"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>\
				<p:blipFill><a:blip r:link="rIdLink"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>\
				<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1000000" cy="1000000"/></a:xfrm>\
				<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>""";
		return rewrite(PPTX, "pptx-linked-picture-http.pptx", Map.of(
				"ppt/slides/slide1.xml", (xml) -> xml.replace("</p:spTree>", picture + "</p:spTree>"),
				"ppt/slides/_rels/slide1.xml.rels",
				(rels) -> relationship(rels, "rIdLink", "image", this.url + "/pptx-picture.png", true)),
				Map.of(), DocumentType.PPTX, null, null);
	}

	private Hostile docx(String name, UnaryOperator<String> document, Map<String, byte[]> extra, String expectedCode,
			String keptText) {
		return rewrite(DOCX, name, Map.of("word/document.xml", document), extra, DocumentType.DOCX, expectedCode,
				keptText);
	}

	private Hostile docx(String name, UnaryOperator<String> document, Map<String, byte[]> extra, String expected,
			String otherPart, UnaryOperator<String> otherChange) {
		return rewrite(DOCX, name, Map.of("word/document.xml", document, otherPart, otherChange), extra,
				DocumentType.DOCX, expected, null);
	}

	private Hostile odt(String name, String element) {
		return rewrite(ODT, name, Map.of("content.xml", (xml) -> xml.replace("<office:text>", "<office:text>" + element)),
				Map.of(), DocumentType.ODT, null, null);
	}

	private Hostile rtf(String name, String instruction, String result) {
		String original = new String(read(Corpus.file(RTF)), StandardCharsets.ISO_8859_1);
		String field = "{\\pard {\\field{\\*\\fldinst " + instruction + "}{\\fldrslt " + result + "}}\\par}\n";
		String content = original.replaceFirst("\\{\\\\pard", java.util.regex.Matcher.quoteReplacement(field) + "{\\\\pard");
		Path file = this.directory.resolve(name);
		write(file, content.getBytes(StandardCharsets.ISO_8859_1));
		return new Hostile(name, DocumentType.RTF, file, null, result);
	}

	private static String image(String href) {
		return """
				<text:p><draw:frame draw:name="i" svg:width="2cm" svg:height="2cm" text:anchor-type="paragraph">\
				<draw:image xlink:href="%s" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>\
				</draw:frame></text:p>""".formatted(href);
	}

	private static String body(String xml, String paragraphs) {
		return xml.replace("<w:body>", "<w:body>" + paragraphs);
	}

	private static String drawing(String relationship) {
		return """
				<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="99" name="Linked"/>\
				<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">\
				<pic:pic><pic:nvPicPr><pic:cNvPr id="99" name="Linked"/><pic:cNvPicPr/></pic:nvPicPr>\
				<pic:blipFill><a:blip r:link="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
				<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>\
				<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
				</wp:inline></w:drawing></w:r></w:p>""".formatted(relationship);
	}

	private static String relationship(String rels, String id, String type, String target, boolean external) {
		String relationship = "<Relationship Id=\"" + id + "\" Type=\"" + EXTERNAL + "/" + type + "\" Target=\""
				+ target + "\"" + (external ? " TargetMode=\"External\"" : "") + "/>";
		return rels.isEmpty() ? relationship : rels.replace("</Relationships>", relationship + "</Relationships>");
	}

	private static String relationships(String content) {
		return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\""
				+ "http://schemas.openxmlformats.org/package/2006/relationships\">" + content + "</Relationships>";
	}

	/** A corpus file with some parts changed (or added: the change gets "" for a part that is not there). */
	private Hostile rewrite(String corpusFile, String name, Map<String, UnaryOperator<String>> changes,
			Map<String, byte[]> extra, DocumentType type, String expectedCode, String keptText) {
		Path file = this.directory.resolve(name);
		Map<String, UnaryOperator<String>> pending = new LinkedHashMap<>(changes);
		try (ZipFile zip = new ZipFile(Corpus.file(corpusFile).toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				byte[] content;
				try (InputStream in = zip.getInputStream(entry)) {
					content = in.readAllBytes();
				}
				UnaryOperator<String> change = pending.remove(entry.getName());
				if (change != null) {
					content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
				}
				out.putNextEntry(new ZipEntry(entry.getName()));
				out.write(content);
			}
			for (Map.Entry<String, UnaryOperator<String>> added : pending.entrySet()) {
				out.putNextEntry(new ZipEntry(added.getKey()));
				out.write(added.getValue().apply("").getBytes(StandardCharsets.UTF_8));
			}
			for (Map.Entry<String, byte[]> added : extra.entrySet()) {
				out.putNextEntry(new ZipEntry(added.getKey()));
				out.write(added.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Hostile(name, type, file, expectedCode, keptText);
	}

	/** A DOCX-shaped ZIP whose document part is {@code zeros} zero bytes (deflated to almost nothing). */
	private static byte[] zipOfZeros(long zeros) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			byte[] chunk = new byte[1024 * 1024];
			for (long written = 0; written < zeros; written += chunk.length) {
				zip.write(chunk);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, byte[] content) {
		try {
			Files.write(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
