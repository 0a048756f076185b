package e2e.resources;

import dev.stasis.Stasis;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A batch job as they are commonly written: it reads its input file line by line through a
 * {@code BufferedReader} over a {@code FileReader} and writes its results through a {@code
 * PrintWriter} over a {@code BufferedWriter} over a {@code FileWriter}, a log through {@code new
 * PrintWriter(fileName)}, line lengths through {@code Files.newBufferedWriter} and values through a
 * {@code DataOutputStream} over a {@code BufferedOutputStream} over a {@code FileOutputStream},
 * none of them flushed by hand; and it reads its input a second time, in step, through {@code
 * Files.newBufferedReader}. The checkpoint comes in the middle of the input, when the reader holds input read ahead (characters and undecoded bytes, lines ending
 * in CR LF among them) and the writers hold output not yet written: the restored job must read on
 * from the same character and write every result once, in place. It prints the checksum and size
 * of the files it wrote.
 */
public final class BatchFiles {

    public static void main(String[] args) throws IOException {
        Path input = Path.of("records.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            text.append(i).append(i % 5 == 0 ? ";caf\u00e9 \u2603 \uD83D\uDE00;" : ";plain;").append(i * 37 % 1000)
                    .append(i % 7 == 0 ? "\r\n" : "\n");
        }
        Files.writeString(input, text, StandardCharsets.UTF_8);

        long total = 0;
        int count = 0;
        try (BufferedReader in = new BufferedReader(new FileReader(input.toFile(), StandardCharsets.UTF_8));
                BufferedReader again = Files.newBufferedReader(input);
                PrintWriter results = new PrintWriter(new BufferedWriter(new FileWriter("results.txt",
                        StandardCharsets.UTF_8)));
                PrintWriter log = new PrintWriter("log.txt", StandardCharsets.UTF_8);
                BufferedWriter lengths = Files.newBufferedWriter(Path.of("lengths.txt"));
                DataOutputStream values = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(
                        "values.bin")))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split(";");
                long value = Long.parseLong(fields[2]);
                total += value;
                count++;
                results.printf("%s|%d|%d|%s%n", fields[0], value, total, fields[1].toUpperCase());
                if (!line.equals(again.readLine())) {
                    throw new IllegalStateException("the two readers of the input disagree at record " + count);
                }
                lengths.write(line.length() + ",");
                values.writeLong(value);
                values.writeUTF(fields[1]);
                if (count % 100 == 0) {
                    log.println("at record " + count + " the total is " + total);
                }
                if (count == 1999) {
                    Stasis.checkpoint();
                }
            }
        }
        System.out.println("records: " + count + ", total: " + total);
        for (String name : new String[] {"results.txt", "log.txt", "lengths.txt", "values.bin"}) {
            byte[] written = Files.readAllBytes(Path.of(name));
            CRC32 crc = new CRC32();
            crc.update(written);
            System.out.println(name + ": " + written.length + " bytes, crc " + Long.toHexString(crc.getValue()));
        }
    }
}
