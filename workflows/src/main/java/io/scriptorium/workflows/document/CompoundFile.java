package io.scriptorium.workflows.document;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an OLE2 compound file's directory (MS-CFB) and the first sector of a stream, which is all it takes to tell a
 * password-protected OOXML file (an {@code EncryptedPackage} stream) or an encrypted Word document (a flag in its
 * {@code WordDocument} stream's header) from a legacy Office file LibreOffice can convert. Searching the raw bytes
 * for a name would misfire on a .doc whose text mentions it.
 */
final class CompoundFile {

	static final byte[] SIGNATURE = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
			(byte) 0xE1 };

	private static final int END_OF_CHAIN = 0xFFFFFFFE;

	private static final int HEADER_DIFAT_ENTRIES = 109;

	private static final int DIRECTORY_ENTRY_BYTES = 128;

	/** Smaller streams live in the mini stream. */
	private static final long MINI_STREAM_CUTOFF = 4096;

	private final FileChannel channel;

	private final int sectorSize;

	private final long maxSectors;

	private final List<Integer> fatSectors = new ArrayList<>();

	private CompoundFile(FileChannel channel) throws IOException {
		this.channel = channel;
		ByteBuffer header = read(0, 512);
		int sectorShift = Short.toUnsignedInt(header.getShort(0x1E));
		if (sectorShift != 9 && sectorShift != 12) {
			throw new IOException("invalid sector size 2^" + sectorShift);
		}
		this.sectorSize = 1 << sectorShift;
		this.maxSectors = channel.size() / this.sectorSize;
		int fatCount = header.getInt(0x2C);
		for (int i = 0; i < Math.min(fatCount, HEADER_DIFAT_ENTRIES); i++) {
			this.fatSectors.add(header.getInt(0x4C + 4 * i));
		}
		readDifatSectors(header.getInt(0x44), fatCount);
	}

	/** The names of every storage and stream in the compound file. */
	static Set<String> entryNames(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			return new CompoundFile(channel).readDirectory().keySet();
		}
	}

	/**
	 * The first sector (512 or 4,096 bytes) of the stream {@code name}, if it has one and it is stored in regular
	 * sectors (streams of 4,096 bytes and more; a Word document's {@code WordDocument} stream always is).
	 */
	static Optional<ByteBuffer> firstSector(Path file, String name) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			CompoundFile compoundFile = new CompoundFile(channel);
			Entry entry = compoundFile.readDirectory().get(name);
			if (entry == null || entry.size() < MINI_STREAM_CUTOFF) {
				return Optional.empty();
			}
			return Optional.of(compoundFile.readSector(entry.startSector()));
		}
	}

	private record Entry(int startSector, long size) {
	}

	private void readDifatSectors(int firstDifatSector, int fatCount) throws IOException {
		int perSector = this.sectorSize / 4 - 1;
		int sector = firstDifatSector;
		long visited = 0;
		while (this.fatSectors.size() < fatCount && sector != END_OF_CHAIN && sector >= 0) {
			checkLoop(++visited);
			ByteBuffer difat = readSector(sector);
			for (int i = 0; i < perSector && this.fatSectors.size() < fatCount; i++) {
				this.fatSectors.add(difat.getInt(4 * i));
			}
			sector = difat.getInt(4 * perSector);
		}
	}

	private Map<String, Entry> readDirectory() throws IOException {
		Map<String, Entry> names = new HashMap<>();
		ByteBuffer header = read(0, 512);
		int sector = header.getInt(0x30);
		long visited = 0;
		while (sector != END_OF_CHAIN) {
			checkLoop(++visited);
			ByteBuffer entries = readSector(sector);
			for (int offset = 0; offset < this.sectorSize; offset += DIRECTORY_ENTRY_BYTES) {
				int nameBytes = Short.toUnsignedInt(entries.getShort(offset + 0x40));
				int type = entries.get(offset + 0x42);
				if (type != 0 && nameBytes >= 2 && nameBytes <= 64) {
					byte[] name = new byte[nameBytes - 2];
					entries.get(offset, name);
					names.put(new String(name, StandardCharsets.UTF_16LE),
							new Entry(entries.getInt(offset + 0x74), entries.getLong(offset + 0x78)));
				}
			}
			sector = nextSector(sector);
		}
		return names;
	}

	private int nextSector(int sector) throws IOException {
		int perSector = this.sectorSize / 4;
		int fatIndex = sector / perSector;
		if (sector < 0 || fatIndex >= this.fatSectors.size()) {
			throw new IOException("sector " + sector + " is outside the allocation table");
		}
		return readSector(this.fatSectors.get(fatIndex)).getInt(4 * (sector % perSector));
	}

	private ByteBuffer readSector(int sector) throws IOException {
		if (sector < 0 || sector >= this.maxSectors) {
			throw new IOException("sector " + sector + " is outside the file");
		}
		return read((sector + 1L) * this.sectorSize, this.sectorSize);
	}

	private ByteBuffer read(long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
		while (buffer.hasRemaining()) {
			if (this.channel.read(buffer, position + buffer.position()) < 0) {
				throw new EOFException("compound file ends at " + (position + buffer.position()));
			}
		}
		return buffer.flip();
	}

	/** A damaged allocation table can chain sectors in a circle. */
	private void checkLoop(long visited) throws IOException {
		if (visited > this.maxSectors) {
			throw new IOException("sector chain loops");
		}
	}

}
