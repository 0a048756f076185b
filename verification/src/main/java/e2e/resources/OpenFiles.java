package e2e.resources;

import dev.stasis.Stasis;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Files open across the checkpoint with no listener: a FileInputStream half read, a
 * FileOutputStream written from the start, one appending, a RandomAccessFile read and written, a
 * FileChannel of its own and the channel of the input stream. After the checkpoint each goes on
 * where it was. Argument: the directory of the files; the test moves it between checkpoint and
 * restore, and compares the files with those of an uninterrupted run (the program does not read
 * them itself: its own Path to the directory is the old one after the move).
 */
public final class OpenFiles {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.writeString(dir.resolve("input.txt"), "one\ntwo\nthree\nfour\nfive\nsix\n");
        Files.writeString(dir.resolve("log.txt"), "log opened\n");
        FileInputStream in = new FileInputStream(dir.resolve("input.txt").toFile());
        FileChannel inChannel = in.getChannel();
        FileOutputStream out = new FileOutputStream(dir.resolve("out.txt").toFile());
        FileOutputStream log = new FileOutputStream(dir.resolve("log.txt").toFile(), true);
        RandomAccessFile table = new RandomAccessFile(dir.resolve("table.bin").toFile(), "rw");
        FileChannel channel = FileChannel.open(dir.resolve("channel.txt"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);

        System.out.println("read: " + readLine(in) + ", " + readLine(in));
        out.write("out before\n".getBytes(StandardCharsets.UTF_8));
        log.write("log before\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= 3; i++) {
            table.writeInt(i * 100);
        }
        channel.write(ByteBuffer.wrap("channel before\n".getBytes(StandardCharsets.UTF_8)));

        Stasis.checkpoint();

        System.out.println("read: " + readLine(in) + " at " + inChannel.position());
        System.out.println("read: " + readLine(in) + ", " + readLine(in) + ", " + readLine(in));
        out.write("out after\n".getBytes(StandardCharsets.UTF_8));
        log.write("log after\n".getBytes(StandardCharsets.UTF_8));
        table.writeInt(400);
        table.seek(4);
        System.out.println("table[1] = " + table.readInt() + ", length " + table.length());
        channel.write(ByteBuffer.wrap("channel after\n".getBytes(StandardCharsets.UTF_8)));
        in.close();
        out.close();
        log.close();
        table.close();
        channel.close();
    }

    private static String readLine(FileInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }
}
