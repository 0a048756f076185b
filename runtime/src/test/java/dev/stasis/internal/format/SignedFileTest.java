package dev.stasis.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code key=FILE}: checkpoints carry an HMAC-SHA256 of everything before it, checked before any
 * section is read; a wrong, missing or unexpected signature is refused with one paragraph.
 */
class SignedFileTest {

    private static final byte[] SECRET = "0123456789abcdef-a-test-secret".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    CheckpointKey key;
    CheckpointKey otherKey;

    @BeforeEach
    void keys() throws IOException {
        key = CheckpointKey.load(Files.write(dir.resolve("secret.key"), SECRET));
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        otherKey = CheckpointKey.load(Files.write(dir.resolve("other.key"), other));
    }

    private Path signed(String name) throws IOException {
        return CheckpointWriter.write(Samples.snapshot(), dir.resolve(name), 3, new TestHeap(), key);
    }

    /** Reads {@code file} with {@code k} both ways; returns the message both failures share. */
    private static String refusal(Path file, CheckpointKey k) {
        CheckpointFileException header = assertThrows(CheckpointFileException.class,
                () -> CheckpointReader.readHeader(file, k));
        CheckpointFileException full = assertThrows(CheckpointFileException.class,
                () -> CheckpointReader.read(file, k, new TestHeap(), classes -> { }));
        assertEquals(header.getMessage(), full.getMessage());
        assertTrue(header.getMessage().startsWith(file.toString()), header.getMessage());
        assertFalse(header.getMessage().contains("\n"), header.getMessage());
        return header.getMessage();
    }

    @Test
    void signedFileReadsWithItsKeyAndCarriesTheHmacOfEverythingBeforeIt() throws Exception {
        Path file = signed("ckpt");
        LoadedCheckpoint loaded = CheckpointReader.read(file, key, new TestHeap(), classes -> { });
        assertEquals(42, loaded.snapshot.statics.get(0).values[0]);
        assertEquals("com.acme.Main", CheckpointReader.readHeader(file, key).header().mainClass);

        byte[] b = Files.readAllBytes(file);
        int at = b.length - 16 - FileSignature.SECTION_LENGTH;
        ByteBuffer section = ByteBuffer.wrap(b, at, FileSignature.SECTION_LENGTH).slice();
        assertEquals("sign", new String(b, at, 4, StandardCharsets.US_ASCII));
        assertEquals(32, section.getInt(4));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        mac.update(b, 0, at);
        assertArrayEquals(mac.doFinal(), Arrays.copyOfRange(b, at + 8, at + 40));
        CRC32C crc = new CRC32C();
        crc.update(b, at + 4, 36);
        assertEquals((int) crc.getValue(), section.getInt(40));
        assertEquals(0, section.getInt(44));
    }

    @Test
    void theSecretIsWrittenNowhere() throws Exception {
        String file = new String(Files.readAllBytes(signed("ckpt")), StandardCharsets.ISO_8859_1);
        assertFalse(file.contains(new String(SECRET, StandardCharsets.ISO_8859_1)));
        assertFalse(key.toString().contains(new String(SECRET, StandardCharsets.ISO_8859_1)), key.toString());
    }

    @Test
    void wrongKeyIsRefused() throws Exception {
        String m = refusal(signed("ckpt"), otherKey);
        assertTrue(m.contains("signature does not match the signing key " + otherKey.file()), m);
    }

    @Test
    void signedFileWithoutKeyIsRefused() throws Exception {
        String m = refusal(signed("ckpt"), null);
        assertTrue(m.contains("this checkpoint is signed; give the key with key=FILE"), m);
        assertTrue(m.contains("--key FILE"), m);
    }

    @Test
    void unsignedFileWithKeyIsRefused() throws Exception {
        Path file = Samples.write(dir.resolve("plain"));
        String m = refusal(file, key);
        assertTrue(m.contains("the checkpoint is not signed, but a signing key was given"), m);
    }

    /**
     * A change anywhere between the preamble (checked first, it says which format the file is in)
     * and the signature, even one whose whole-file checksum was recomputed as a forger would, is
     * refused for its signature, before the structure or any section is read.
     */
    @Test
    void anyChangeIsRefusedForItsSignatureFirst() throws Exception {
        Path file = signed("ckpt");
        byte[] valid = Files.readAllBytes(file);
        Path altered = dir.resolve("altered.stasis");
        int signatureAt = valid.length - 16 - FileSignature.SECTION_LENGTH;
        for (int k = 12 + valid[11] + 4; k < signatureAt; k += 7) {
            byte[] b = valid.clone();
            b[k] ^= 0x10;
            ByteBuffer.wrap(b).putInt(b.length - 4, wholeFileCrc(b));
            Files.write(altered, b);
            assertTrue(refusal(altered, key).contains("signature does not match"), "byte " + k);
        }
    }

    @Test
    void damagedSignatureSectionIsRefused() throws Exception {
        Path file = signed("ckpt");
        byte[] valid = Files.readAllBytes(file);
        Path altered = dir.resolve("altered.stasis");
        int signatureAt = valid.length - 16 - FileSignature.SECTION_LENGTH;
        for (int k = signatureAt; k < valid.length - 16; k++) {
            byte[] b = valid.clone();
            b[k] ^= 0x01;
            Files.write(altered, b);
            refusal(altered, key);
        }
    }

    /** A signature section anywhere but last is damage, even in a file read without a key. */
    @Test
    void signatureSectionElsewhereIsRefused() throws Exception {
        byte[] signedBytes = Files.readAllBytes(signed("ckpt"));
        int signatureAt = signedBytes.length - 16 - FileSignature.SECTION_LENGTH;
        byte[] section = Arrays.copyOfRange(signedBytes, signatureAt, signatureAt + FileSignature.SECTION_LENGTH);
        byte[] valid = Files.readAllBytes(Samples.write(dir.resolve("plain")));
        int preamble = 12 + valid[11] + 4;
        byte[] b = new byte[valid.length + section.length];
        System.arraycopy(valid, 0, b, 0, preamble);
        System.arraycopy(section, 0, b, preamble, section.length);
        System.arraycopy(valid, preamble, b, preamble + section.length, valid.length - preamble);
        ByteBuffer.wrap(b).putLong(b.length - 12, b.length);
        ByteBuffer.wrap(b).putInt(b.length - 4, wholeFileCrc(b));
        Path moved = Files.write(dir.resolve("moved.stasis"), b);
        assertTrue(refusal(moved, null).contains("a signature section at byte " + preamble), refusal(moved, null));
        refusal(moved, key);
    }

    @Test
    void directoryResolvesToTheNewestFileTheKeySigned() throws Exception {
        Path ckpt = dir.resolve("ckpt");
        Path older = signed("ckpt");
        Path newer = CheckpointWriter.write(Samples.snapshot(), ckpt, 3, new TestHeap(), otherKey);
        List<String> skipped = new java.util.ArrayList<>();
        assertEquals(older, CheckpointReader.resolve(ckpt, key, skipped::add));
        assertEquals(1, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).contains(newer.getFileName().toString()), skipped.toString());
    }

    @Test
    void directoryOfSignedFilesReadWithoutKeyAsksForTheKey() throws Exception {
        Path ckpt = dir.resolve("ckpt");
        Samples.write(ckpt);
        Path newest = signed("ckpt");
        List<String> skipped = new java.util.ArrayList<>();
        CheckpointFileException e = assertThrows(CheckpointFileException.class,
                () -> CheckpointReader.resolve(ckpt, null, skipped::add));
        assertEquals(newest, e.file());
        assertTrue(e.getMessage().contains("this checkpoint is signed"), e.getMessage());
        assertEquals(List.of(), skipped);
    }

    @Test
    void unusableKeyFilesAreNamed() throws Exception {
        Path missing = dir.resolve("missing.key");
        assertTrue(assertThrows(CheckpointFileException.class, () -> CheckpointKey.load(missing)).getMessage()
                .contains("does not exist"));
        Path shortKey = Files.write(dir.resolve("short.key"), new byte[] {1, 2, 3});
        String m = assertThrows(CheckpointFileException.class, () -> CheckpointKey.load(shortKey)).getMessage();
        assertTrue(m.startsWith(shortKey.toString()) && m.contains("holds 3 bytes") && m.contains("/dev/urandom"), m);
        assertTrue(assertThrows(CheckpointFileException.class, () -> CheckpointKey.load(dir)).getMessage()
                .contains("cannot be read"));
        assertEquals(null, CheckpointKey.load(null));
    }

    @Test
    void unsignedFilesReadExactlyAsBefore() throws Exception {
        Path file = Samples.write(dir.resolve("plain"));
        assertEquals("com.acme.Main", CheckpointReader.readHeader(file).header().mainClass);
        Path sample = Path.of(SignedFileTest.class.getResource("/format/v1-sample.stasis").toURI());
        assertEquals(1, CheckpointReader.readHeader(sample, null).formatVersion());
        refusal(sample, key);
    }

    private static int wholeFileCrc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        return (int) crc.getValue();
    }
}
