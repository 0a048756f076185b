package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Method fingerprints are SHA-256 values recorded in checkpoints: the agent's own SHA-256 must give
 * the JDK's value for every input, or checkpoints written by other Stasis versions would no
 * longer restore. Lengths around the 64-byte block and its 56-byte padding boundary matter most.
 */
class Sha256Test {

    @Test
    void equalsTheJdksSha256ForEveryLengthUpToSeveralBlocks() throws NoSuchAlgorithmException {
        Random random = new Random(7);
        for (int length = 0; length <= 300; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), ofBytewise(data), "length " + length);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), ofArray(data), "length " + length);
        }
    }

    @Test
    void equalsTheJdksSha256ForALargeInput() throws NoSuchAlgorithmException {
        byte[] data = new byte[1 << 20];
        new Random(11).nextBytes(data);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), ofArray(data));
    }

    private static byte[] ofBytewise(byte[] data) {
        MethodFingerprint.Sha256 sha = new MethodFingerprint.Sha256();
        for (byte b : data) {
            sha.write(b);
        }
        return sha.digest();
    }

    private static byte[] ofArray(byte[] data) {
        MethodFingerprint.Sha256 sha = new MethodFingerprint.Sha256();
        sha.write(data, 0, data.length);
        return sha.digest();
    }
}
