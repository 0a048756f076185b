package dev.stasis.internal.format;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The result of checking a whole checkpoint file without interpreting any section: magic, version,
 * preamble checksum, trailer, the order of sections, every chunk's length and checksum, and the
 * checksum over the whole file. It records where each section's body starts, so the parse that
 * follows can seek to it.
 */
final class FileStructure {

    private static final List<String> KNOWN_OPTIONAL = List.of(FileLayout.CARRIED_CLASSES_TAG,
            FileLayout.CLASS_HASHES_TAG);

    final Path file;
    final long size;
    final int version;
    /** The Stasis version that wrote the file, from the preamble. */
    final String writer;
    /** Per section, the offset of its first chunk and its body length in bytes. */
    final Map<Section, long[]> sections;
    /** How the heap section is stored, from its tag. */
    final Compression compression;
    /**
     * Per optional section this reader knows (the first of each tag: clsf, clhc), the offset of
     * its first chunk and its body length.
     */
    private final Map<String, long[]> optional;

    private FileStructure(Path file, long size, int version, String writer, Map<Section, long[]> sections,
            Compression compression, Map<String, long[]> optional) {
        this.file = file;
        this.size = size;
        this.version = version;
        this.writer = writer;
        this.sections = sections;
        this.compression = compression;
        this.optional = optional;
    }

    /** The offset of the first chunk and the body length of the optional section {@code tag}, or null. */
    long[] optional(String tag) {
        return optional.get(tag);
    }

    long offset(Section s) {
        return sections.get(s)[0];
    }

    long length(Section s) {
        return sections.get(s)[1];
    }

    /**
     * Checks everything but the sections' contents; throws naming the first problem found. With a
     * {@code key} (null for none), the signature is checked right after the preamble and the
     * trailer's length, before any section is looked at.
     */
    static FileStructure check(Path file, CheckpointKey key) throws CheckpointFileException {
        long size = sizeOf(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Preamble preamble = Preamble.read(channel, file, size);
            checkTrailer(channel, file, size, preamble.length);
            long signature = FileSignature.check(channel, file, size, preamble.length, key);
            return walk(channel, file, size, preamble, signature);
        } catch (CheckpointFileException e) {
            throw e;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Whether the file has a valid preamble and a trailer that matches its length: it was written
     * to the end and not truncated or appended to since. Cheap (reads a few hundred bytes), so
     * rotation can use it on every old checkpoint; checksums are not checked.
     */
    static boolean looksComplete(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            Preamble preamble = Preamble.read(channel, file, size);
            checkTrailer(channel, file, size, preamble.length);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the file carries a signature section (see {@link FileSignature#find}); false if unreadable. */
    static boolean isSigned(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            Preamble preamble = Preamble.read(channel, file, size);
            return FileSignature.find(channel, size, preamble.length) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    static long sizeOf(Path file) throws CheckpointFileException {
        if (Files.isDirectory(file)) {
            throw new CheckpointFileException(file, "is a directory, not a checkpoint file.");
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new CheckpointFileException(file, "the checkpoint file is empty (0 bytes): it was never written"
                        + " completely, perhaps because the disk was full or the process was killed while writing."
                        + " Use another checkpoint.");
            }
            return size;
        } catch (NoSuchFileException e) {
            throw new CheckpointFileException(file, "no such file or directory. Check the path.");
        } catch (CheckpointFileException e) {
            throw e;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static CheckpointFileException unreadable(Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : e.toString();
        return new CheckpointFileException(file, "cannot be read (" + why + "). Check that the file exists and is"
                + " readable by this user.", e);
    }

    private static void checkTrailer(FileChannel channel, Path file, long size, long preambleLength)
            throws IOException {
        if (size < preambleLength + FileLayout.TRAILER_LENGTH) {
            throw truncated(file, size);
        }
        ByteBuffer trailer = ByteBuffer.allocate(FileLayout.TRAILER_LENGTH);
        readAt(channel, trailer, size - FileLayout.TRAILER_LENGTH);
        if (trailer.getInt(0) != FileLayout.TRAILER_TAG) {
            throw truncated(file, size);
        }
        long recorded = trailer.getLong(4);
        if (recorded > size) {
            throw truncated(file, size);
        }
        if (recorded < size) {
            throw FileInput.damaged(file, "it is " + size + " bytes long but was written with " + recorded
                    + " bytes; something was appended to it (two files concatenated, or a copy into a file that"
                    + " already existed?)");
        }
    }

    private static CheckpointFileException truncated(Path file, long size) {
        return new CheckpointFileException(file, "the checkpoint file is incomplete (truncated): its " + size
                + " bytes do not end with the Stasis trailer, so its end is missing. This happens when a copy or a"
                + " download stopped early, or when the disk filled up. Use another checkpoint, or copy this one"
                + " again completely.");
    }

    /** {@code signature}: the offset of the one signature section the file may have, or -1. */
    private static FileStructure walk(FileChannel channel, Path file, long size, Preamble preamble, long signature)
            throws IOException {
        FileScan in = new FileScan(channel, file, size);
        in.skip(preamble.length);
        Map<Section, long[]> found = new EnumMap<>(Section.class);
        Section[] expected = Section.values();
        int next = 0;
        Compression compression = Compression.NONE;
        Map<String, long[]> optional = new HashMap<>();
        while (true) {
            long at = in.position();
            if (at == size - FileLayout.TRAILER_LENGTH) {
                break;
            }
            if (at + 8 > size - FileLayout.TRAILER_LENGTH) {
                throw in.damaged("stray bytes at " + at + " before the trailer");
            }
            int tag = in.readInt();
            String known = knownOptional(tag);
            Compression heapTag = next < expected.length && expected[next] == Section.HEAP ? heapTag(preamble, tag)
                    : null;
            if (heapTag != null) {
                compression = heapTag;
            }
            if (next < expected.length && (tag == expected[next].tagValue() || heapTag != null)) {
                long start = in.position();
                long length = in.skipSection(expected[next].name());
                found.put(expected[next], new long[] {start, length});
                next++;
            } else if (tag == FileSignature.TAG && at != signature) {
                throw in.damaged("a signature section at byte " + at + " where none can be (only the last"
                        + " section before the trailer may be one)");
            } else if (known != null && !optional.containsKey(known)) {
                long start = in.position();
                optional.put(known, new long[] {start, in.skipSection(known)});
            } else if (Section.isSkippable(tag)) {
                in.skipSection(Section.describe(tag));
            } else {
                throw in.damaged(next < expected.length
                        ? "section " + expected[next] + " was expected at byte " + at + ", found tag "
                                + Section.describe(tag)
                        : "unexpected data (tag " + Section.describe(tag) + ") at byte " + at
                                + " after the last section");
            }
        }
        if (next < expected.length) {
            throw in.damaged("section " + expected[next] + " is missing");
        }
        in.skip(12);
        int computed = in.wholeChecksum();
        int stored = in.readInt();
        if (computed != stored) {
            throw in.damaged("the checksum over the whole file does not match (every section's own checksum"
                    + " does, so parts of the file were moved or replaced)");
        }
        return new FileStructure(file, size, preamble.version, preamble.writer, found, compression, optional);
    }

    /** The tag of an optional section this reader interprets, or null. */
    private static String knownOptional(int tag) {
        for (String known : KNOWN_OPTIONAL) {
            if (tag == FileLayout.tagValue(known)) {
                return known;
            }
        }
        return null;
    }

    /** The compression a heap section with this tag is stored with, or null when the tag is not one. */
    private static Compression heapTag(Preamble preamble, int tag) {
        Compression c = Compression.ofTag(tag);
        return c == Compression.NONE || preamble.version >= FileLayout.COMPRESSED_HEAP_VERSION ? c : null;
    }

    static void readAt(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) {
                throw new EOFException("end of file at " + (position + into.position()));
            }
        }
        into.flip();
    }

    /** The frozen start of every checkpoint file: magic, version, writer, checksum. */
    static final class Preamble {
        final int version;
        final String writer;
        final long length;

        private Preamble(int version, String writer, long length) {
            this.version = version;
            this.writer = writer;
            this.length = length;
        }

        static Preamble read(FileChannel channel, Path file, long size) throws IOException {
            int want = (int) Math.min(size, 8 + 2 + 2 + FileLayout.MAX_WRITER_LENGTH + 4);
            ByteBuffer b = ByteBuffer.allocate(want);
            readAt(channel, b, 0);
            byte[] start = new byte[Math.min(want, FileLayout.MAGIC.length)];
            b.get(start);
            if (!Arrays.equals(start, FileLayout.MAGIC)) {
                throw notCheckpoint(file, start, b, size);
            }
            if (want < 12) {
                throw truncated(file, size);
            }
            int version = b.getShort(8) & 0xFFFF;
            int writerLength = b.getShort(10) & 0xFFFF;
            if (writerLength > FileLayout.MAX_WRITER_LENGTH) {
                throw FileInput.damaged(file, "its preamble names a writer " + writerLength + " bytes long");
            }
            if (want < 12 + writerLength + 4) {
                throw truncated(file, size);
            }
            String writer = new String(b.array(), 12, writerLength, StandardCharsets.UTF_8);
            CRC32C crc = new CRC32C();
            crc.update(b.array(), 0, 12 + writerLength);
            if ((int) crc.getValue() != b.getInt(12 + writerLength)) {
                throw FileInput.damaged(file, "the checksum of its first " + (12 + writerLength)
                        + " bytes (magic, format version, writer) does not match");
            }
            if (version > FileLayout.VERSION) {
                throw new CheckpointFileException(file, "was written by Stasis " + writer + " in checkpoint format"
                        + " version " + version + ", but this is Stasis " + StasisVersion.current()
                        + ", which reads format versions up to " + FileLayout.VERSION + ". Use Stasis " + writer
                        + " or newer to read it.");
            }
            if (version < FileLayout.OLDEST_READABLE_VERSION) {
                throw FileInput.damaged(file, "it claims format version " + version
                        + ", which no Stasis release wrote");
            }
            return new Preamble(version, writer, 12 + writerLength + 4);
        }

        private static CheckpointFileException notCheckpoint(Path file, byte[] start, ByteBuffer b, long size) {
            byte[] magic = FileLayout.MAGIC;
            if (size < magic.length && Arrays.equals(start, Arrays.copyOf(magic, start.length))) {
                return truncated(file, size);
            }
            String text = new String(b.array(), 0, Math.min(b.limit(), 9), StandardCharsets.ISO_8859_1);
            if (text.startsWith("STASIS\n") || text.startsWith("STASIS\r\r\n")) {
                return new CheckpointFileException(file, "the checkpoint file was altered by a text-mode transfer"
                        + " (its line ends were converted, for example by FTP in ASCII mode or a Git autocrlf"
                        + " setting), which damages binary data. Copy it again in binary mode.");
            }
            return new CheckpointFileException(file, "is not a Stasis checkpoint file" + lookalike(b)
                    + ": checkpoint files start with the bytes \"STASIS\\r\\n\". Check the path.");
        }

        private static String lookalike(ByteBuffer b) {
            byte[] a = b.array();
            if (b.limit() >= 4 && a[0] == 'P' && a[1] == 'K' && a[2] == 3 && a[3] == 4) {
                return " (it is a ZIP or JAR archive)";
            }
            if (b.limit() >= 2 && (a[0] & 0xFF) == 0x1F && (a[1] & 0xFF) == 0x8B) {
                return " (it is gzip-compressed; decompress it first)";
            }
            if (b.limit() >= 4 && b.getInt(0) == 0xCAFEBABE) {
                return " (it is a Java class file)";
            }
            return "";
        }
    }
}
