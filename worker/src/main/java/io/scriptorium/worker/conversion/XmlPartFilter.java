package io.scriptorium.worker.conversion;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartDocument;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * Rewrites one XML part of an office package (OOXML or ODF) so that nothing in it makes LibreOffice reach outside
 * the package, streaming, whatever the part's size:
 * <ul>
 * <li>relationships to external targets (linked pictures, attached templates, linked OLE objects, frames), except
 * hyperlinks, which LibreOffice never follows while converting; {@code altChunk} imports, external or not;
 * relationships whose target climbs out of the package;</li>
 * <li>WordprocessingML {@code altChunk} elements; field instructions ({@code INCLUDEPICTURE}, {@code INCLUDETEXT},
 * {@code DDE}, ...), of which the cached result stays as text;</li>
 * <li>{@code href}, {@code src} and {@code image-data} attributes (ODF's {@code xlink:href} of pictures, frames,
 * linked sections and objects; XForms {@code src}; VML's {@code o:href} and {@code src}) that point outside the
 * package, except on ODF hyperlinks.</li>
 * </ul>
 * A document type declaration fails the part: neither format allows one, and it is how XXE and entity-expansion
 * ("billion laughs") attacks start.
 */
final class XmlPartFilter {

	static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";

	static final String WORDPROCESSING = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

	private static final Set<String> ODF_HYPERLINKS = Set.of("urn:oasis:names:tc:opendocument:xmlns:text:1.0",
			"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0");

	private static final Set<String> LINK_ATTRIBUTES = Set.of("href", "src", "image-data");

	private static final Set<String> FIELD_INSTRUCTIONS = Set.of("instrText", "delInstrText");

	private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

	private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();

	private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

	private static final XMLEventFactory EVENTS = XMLEventFactory.newFactory();

	static {
		INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
	}

	/** The part declares a document type. */
	static final class DoctypeFound extends Exception {

		DoctypeFound() {
			super("a document type declaration", null, false, false);
		}

	}

	private XmlPartFilter() {
	}

	/** Copies the part {@code name} from {@code in} to {@code out} without its external references. */
	static void filter(String name, InputStream in, OutputStream out) throws XMLStreamException, DoctypeFound {
		XMLEventReader reader = INPUT.createXMLEventReader(in);
		XMLEventWriter writer = OUTPUT.createXMLEventWriter(out, "UTF-8");
		try {
			while (reader.hasNext()) {
				XMLEvent event = reader.nextEvent();
				if (event.getEventType() == XMLEvent.DTD) {
					throw new DoctypeFound();
				}
				if (event.isStartDocument()) {
					StartDocument start = (StartDocument) event;
					writer.add(EVENTS.createStartDocument("UTF-8", start.getVersion(), start.isStandalone()));
				}
				else if (event.isStartElement()) {
					copyElement(name, event.asStartElement(), reader, writer);
				}
				else {
					writer.add(event);
				}
			}
			writer.flush();
		}
		finally {
			reader.close();
			writer.close();
		}
	}

	private static void copyElement(String part, StartElement element, XMLEventReader reader, XMLEventWriter writer)
			throws XMLStreamException, DoctypeFound {
		QName name = element.getName();
		if (isExternalRelationship(part, element) || is(name, WORDPROCESSING, "altChunk")) {
			skipSubtree(reader);
			return;
		}
		boolean unwrap = is(name, WORDPROCESSING, "fldSimple");
		boolean dropText = WORDPROCESSING.equals(name.getNamespaceURI())
				&& FIELD_INSTRUCTIONS.contains(name.getLocalPart());
		if (!unwrap) {
			writer.add(withoutExternalLinks(element));
		}
		while (reader.hasNext()) {
			XMLEvent event = reader.nextEvent();
			if (event.getEventType() == XMLEvent.DTD) {
				throw new DoctypeFound();
			}
			if (event.isEndElement()) {
				if (!unwrap) {
					writer.add(event);
				}
				return;
			}
			if (event.isStartElement()) {
				copyElement(part, event.asStartElement(), reader, writer);
			}
			else if (!(dropText && event.isCharacters())) {
				writer.add(event);
			}
		}
	}

	private static void skipSubtree(XMLEventReader reader) throws XMLStreamException {
		int depth = 1;
		while (depth > 0 && reader.hasNext()) {
			XMLEvent event = reader.nextEvent();
			if (event.isStartElement()) {
				depth++;
			}
			else if (event.isEndElement()) {
				depth--;
			}
		}
	}

	private static boolean isExternalRelationship(String part, StartElement element) {
		if (!is(element.getName(), RELATIONSHIPS, "Relationship")) {
			return false;
		}
		String type = attribute(element, "Type");
		String target = attribute(element, "Target");
		if (type.endsWith("/aFChunk")) {
			return true;
		}
		if ("External".equals(attribute(element, "TargetMode"))) {
			return !type.endsWith("/hyperlink");
		}
		return climbsOut(target.startsWith("/") ? target.substring(1) : sourceDirectory(part) + target);
	}

	/** {@code word/_rels/document.xml.rels} describes {@code word/document.xml}: its targets are relative to word/. */
	private static String sourceDirectory(String relsPart) {
		int rels = relsPart.lastIndexOf("_rels/");
		return (rels >= 0) ? relsPart.substring(0, rels) : "";
	}

	private static StartElement withoutExternalLinks(StartElement element) {
		if (ODF_HYPERLINKS.contains(element.getName().getNamespaceURI())
				&& "a".equals(element.getName().getLocalPart())) {
			return element;
		}
		List<Attribute> kept = new ArrayList<>();
		boolean dropped = false;
		for (Iterator<Attribute> attributes = element.getAttributes(); attributes.hasNext();) {
			Attribute attribute = attributes.next();
			if (LINK_ATTRIBUTES.contains(attribute.getName().getLocalPart()) && isExternal(attribute.getValue())) {
				dropped = true;
			}
			else {
				kept.add(attribute);
			}
		}
		return dropped ? EVENTS.createStartElement(element.getName(), kept.iterator(), element.getNamespaces())
				: element;
	}

	/**
	 * Whether a reference leaves the package: a URI with a scheme ({@code http:}, {@code file:}, {@code smb:},
	 * {@code vnd.sun.star.*:}), an absolute or Windows path, an escaped one, or a relative path that climbs out.
	 */
	static boolean isExternal(String reference) {
		String value = reference.strip();
		if (value.isEmpty() || value.startsWith("#")) {
			return false;
		}
		if (URI_SCHEME.matcher(value).find() || value.startsWith("/") || value.contains("\\") || value.contains("%")) {
			return true;
		}
		return climbsOut(value);
	}

	private static boolean climbsOut(String path) {
		int depth = 0;
		for (String segment : path.split("/")) {
			if (segment.equals("..")) {
				if (--depth < 0) {
					return true;
				}
			}
			else if (!segment.isEmpty() && !segment.equals(".")) {
				depth++;
			}
		}
		return false;
	}

	private static boolean is(QName name, String namespace, String localName) {
		return namespace.equals(name.getNamespaceURI()) && localName.equals(name.getLocalPart());
	}

	private static String attribute(StartElement element, String localName) {
		Attribute attribute = element.getAttributeByName(new QName(localName));
		return (attribute != null) ? attribute.getValue() : "";
	}

}
