package dev.stasis.internal.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.resources.FileReopenException;
import dev.stasis.internal.resources.PathMap;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open regular files go through the heap by path, mode and position and come back open at the
 * same place: reading goes on with the next byte, writing neither truncates nor rewinds, appending
 * appends. A stream over a bare descriptor is refused with its reason; a file gone fails the read
 * with a message naming it.
 */
class OpenFilesTest {

    @TempDir
    Path dir;

    @AfterEach
    void noMap() {
        PathMap.install(List.of());
    }

    @Test
    void inputStreamAndItsChannelComeBackAtTheirPosition() throws IOException {
        Path f = Files.writeString(dir.resolve("in.txt"), "abcdefgh");
        try (FileInputStream in = new FileInputStream(f.toFile())) {
            in.read(new byte[3]);
            Object[] back = RoundTrip.copy(in, in.getChannel());
            try (FileInputStream copy = (FileInputStream) back[0]) {
                assertSame(copy.getChannel(), back[1], "the channel is the restored stream's own");
                assertEquals('d', copy.read());
                assertEquals('d', in.read(), "the original is untouched");
            }
        }
    }

    @Test
    void outputStreamGoesOnWhereItWasWithoutTruncating() throws IOException {
        Path f = dir.resolve("out.txt");
        try (FileOutputStream out = new FileOutputStream(f.toFile())) {
            out.write("12345".getBytes(StandardCharsets.UTF_8));
            try (FileOutputStream copy = RoundTrip.copyOf(out)) {
                copy.write("67".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals("1234567", Files.readString(f));
    }

    @Test
    void appendingStreamStillAppendsAndRandomAccessKeepsItsPointer() throws IOException {
        Path log = Files.writeString(dir.resolve("log.txt"), "a\n");
        Path table = dir.resolve("table.bin");
        try (FileOutputStream out = new FileOutputStream(log.toFile(), true);
                RandomAccessFile raf = new RandomAccessFile(table.toFile(), "rw")) {
            raf.writeInt(7);
            raf.writeInt(8);
            raf.seek(4);
            Object[] back = RoundTrip.copy(out, raf);
            Files.writeString(log, "b\n", StandardOpenOption.APPEND);
            try (FileOutputStream o = (FileOutputStream) back[0]; RandomAccessFile r = (RandomAccessFile) back[1]) {
                o.write("c\n".getBytes(StandardCharsets.UTF_8));
                assertEquals(4, r.getFilePointer());
                assertEquals(8, r.readInt());
                r.writeInt(9);
            }
        }
        assertEquals("a\nb\nc\n", Files.readString(log));
        assertArrayEquals(new byte[] {0, 0, 0, 7, 0, 0, 0, 8, 0, 0, 0, 9}, Files.readAllBytes(table));
    }

    @Test
    void channelOpenedByPathComesBackWithItsModeAndPosition() throws IOException {
        Path f = dir.resolve("chan.txt");
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap("xyz".getBytes(StandardCharsets.UTF_8)));
            try (FileChannel copy = RoundTrip.copyOf(c)) {
                assertEquals(3, copy.position());
                copy.write(ByteBuffer.wrap("!".getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertEquals("xyz!", Files.readString(f));
    }

    @Test
    void mappedPathIsWhereTheFileIsReopened() throws IOException {
        Path old = Files.createDirectories(dir.resolve("old"));
        Path moved = dir.resolve("new");
        Files.writeString(old.resolve("data.txt"), "0123456789");
        byte[] heap;
        try (FileInputStream in = new FileInputStream(old.resolve("data.txt").toFile())) {
            in.skip(6);
            heap = RoundTrip.write(in);
        }
        Files.move(old, moved);
        PathMap.install(List.of(old + "=" + moved));
        try (FileInputStream copy = (FileInputStream) RoundTrip.read(heap)[0]) {
            assertEquals('6', copy.read());
        }
    }

    @Test
    void aFileGoneOrShorterFailsTheReadNamingIt() throws IOException {
        Path f = Files.writeString(dir.resolve("gone.txt"), "0123456789");
        byte[] heap;
        try (FileInputStream in = new FileInputStream(f.toFile())) {
            in.skip(8);
            heap = RoundTrip.write(in);
        }
        Files.writeString(f, "0123");
        FileReopenException shorter = assertThrows(FileReopenException.class, () -> RoundTrip.read(heap));
        assertTrue(shorter.getMessage().contains("has only 4 bytes now, fewer than the 8 it had been read up to"),
                shorter.getMessage());
        Files.delete(f);
        FileReopenException gone = assertThrows(FileReopenException.class, () -> RoundTrip.read(heap));
        assertTrue(gone.getMessage().startsWith("the file " + f + ", which the program had open"), gone.getMessage());
        assertTrue(gone.getMessage().contains("no longer exists"), gone.getMessage());
    }

    @Test
    void aStreamOverABareDescriptorIsRefused() throws IOException {
        try (FileOutputStream file = new FileOutputStream(dir.resolve("shared.txt").toFile())) {
            FileOutputStream sharing = new FileOutputStream(file.getFD());
            UncheckpointableObjectException e = assertThrows(UncheckpointableObjectException.class,
                    () -> RoundTrip.write(sharing));
            assertTrue(e.getMessage().contains("it was not opened by a path"), e.getMessage());
        }
    }

    @Test
    void aClosedStreamStaysClosed() throws IOException {
        Path f = Files.writeString(dir.resolve("closed.txt"), "x");
        FileInputStream in = new FileInputStream(f.toFile());
        in.close();
        Files.delete(f);
        FileInputStream copy = RoundTrip.copyOf(in);
        assertThrows(IOException.class, copy::read);
    }

    /** Script engines keep the archives they import modules from open (Jython keeps its jar's). */
    @Test
    void zipAndJarFilesAreOpenedAgainByPath() throws Exception {
        Path zipPath = dir.resolve("data.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zipPath))) {
            out.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            out.write("alpha".getBytes());
            out.closeEntry();
        }
        Path jarPath = Files.copy(zipPath, dir.resolve("lib.jar"));
        java.util.zip.ZipFile zip = new java.util.zip.ZipFile(zipPath.toFile());
        java.util.jar.JarFile jar = new java.util.jar.JarFile(jarPath.toFile(), false);
        java.util.zip.ZipFile closed = new java.util.zip.ZipFile(zipPath.toFile());
        closed.close();
        Object[] back = RoundTrip.copy(zip, jar, closed, zip);
        java.util.zip.ZipFile z = (java.util.zip.ZipFile) back[0];
        assertSame(z, back[3]);
        assertEquals(zipPath.toString(), z.getName());
        try (InputStream in = z.getInputStream(z.getEntry("a.txt"))) {
            assertEquals("alpha", new String(in.readAllBytes()));
        }
        assertTrue(back[1] instanceof java.util.jar.JarFile);
        assertEquals(1, ((java.util.jar.JarFile) back[1]).size());
        assertThrows(IllegalStateException.class, ((java.util.zip.ZipFile) back[2])::size, "closed stays closed");
        byte[] heap = RoundTrip.write(zip);
        zip.close();
        jar.close();
        z.close();
        ((java.util.jar.JarFile) back[1]).close();
        Files.delete(zipPath);
        Exception e = assertThrows(Exception.class, () -> RoundTrip.read(heap));
        assertTrue(String.valueOf(FileReopenException.in(e)).contains(
                "the zip file " + zipPath + ", which the program had open when the checkpoint was taken, no longer"
                        + " exists"), String.valueOf(e));
    }
}
