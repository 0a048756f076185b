package dev.stasis.internal.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that signs checkpoints ({@code key=FILE}): the bytes of a file, used as an
 * HMAC-SHA256 key. Only the file's path is ever recorded (in the agent options); the secret itself
 * is never written anywhere, and {@link #toString()} shows the path alone.
 */
public final class CheckpointKey {

    static final String ALGORITHM = "HmacSHA256";
    /** Bytes of an HMAC-SHA256 value. */
    static final int SIGNATURE_LENGTH = 32;

    /** Shorter secrets can be guessed; the message says how to make a good one. */
    static final int MIN_LENGTH = 16;
    /** A key file larger than this is certainly not a key (a checkpoint or a jar given by mistake). */
    static final int MAX_LENGTH = 64 * 1024;

    private final Path file;
    private final SecretKeySpec secret;

    private CheckpointKey(Path file, byte[] secret) {
        this.file = file;
        this.secret = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * The key held in {@code file}, or null when {@code file} is null (no signing).
     *
     * @throws CheckpointFileException naming the key file, when it cannot be read or cannot be a key
     */
    public static CheckpointKey load(Path file) throws CheckpointFileException {
        if (file == null) {
            return null;
        }
        String make = " Make a key with: head -c 32 /dev/urandom > " + file + " (and keep it secret: chmod 600).";
        byte[] secret;
        try (InputStream in = Files.newInputStream(file)) {
            secret = in.readNBytes(MAX_LENGTH + 1);
        } catch (NoSuchFileException e) {
            throw new CheckpointFileException(file, "the signing key file (key=) does not exist. Give the file that"
                    + " holds the key the checkpoints were signed with." + make);
        } catch (AccessDeniedException e) {
            throw new CheckpointFileException(file, "the signing key file (key=) cannot be read by this user"
                    + " (permission denied). Run as the user that owns it, or give another key file.");
        } catch (IOException e) {
            throw new CheckpointFileException(file, "the signing key file (key=) cannot be read (" + e
                    + "). Give a regular file that holds the key.", e);
        }
        if (secret.length < MIN_LENGTH || secret.length > MAX_LENGTH) {
            throw new CheckpointFileException(file, "the signing key file (key=) holds " + secret.length
                    + (secret.length > MAX_LENGTH ? " or more" : "") + " bytes, but a key must have " + MIN_LENGTH
                    + " to " + MAX_LENGTH + " bytes." + make);
        }
        return new CheckpointKey(file, secret);
    }

    /** The file the key was read from. */
    public Path file() {
        return file;
    }

    /** A fresh HMAC-SHA256 computation keyed with this secret. */
    Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java installation lacks " + ALGORITHM
                    + ", which every Java SE implementation must provide", e);
        }
    }

    @Override
    public String toString() {
        return "signing key from " + file;
    }
}
