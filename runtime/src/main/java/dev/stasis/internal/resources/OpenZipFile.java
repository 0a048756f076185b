package dev.stasis.internal.resources;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * An open zip or jar file (a {@code ZipFile} or {@code JarFile}, as script engines keep the
 * archives they import modules from, or a program the archive of its data): read-only, so what
 * it is reopened from is its path, and for a jar whether it verifies signatures and which
 * release's entries a multi-release jar gives. Streams of its entries are not reopened.
 */
public final class OpenZipFile {

    public final String path;
    public final boolean jar;
    public final boolean verify;
    /** The Java release whose versioned entries a multi-release jar gives, or 0 for the base entries. */
    public final int release;
    public final boolean closed;

    public OpenZipFile(String path, boolean jar, boolean verify, int release, boolean closed) {
        this.path = path;
        this.jar = jar;
        this.verify = verify;
        this.release = release;
        this.closed = closed;
    }

    /** Describes {@code zip}; {@code verify} is read by the caller (a private field of JarFile). */
    public static OpenZipFile of(ZipFile zip, boolean verify) {
        boolean closed;
        try {
            zip.size();
            closed = false;
        } catch (IllegalStateException e) {
            closed = true;
        }
        boolean jar = zip instanceof JarFile;
        int release = jar && ((JarFile) zip).isMultiRelease() ? ((JarFile) zip).getVersion().feature() : 0;
        return new OpenZipFile(zip.getName(), jar, verify, release, closed);
    }

    /**
     * Opens the archive again, under {@code map}; throws {@link FileReopenException} when it is
     * gone or cannot be read as one.
     */
    public ZipFile reopen(PathMap map) {
        String target = map.apply(path);
        if (!Files.isRegularFile(Path.of(target))) {
            throw new FileReopenException(problem(target, "no longer exists (or is not a regular file)"));
        }
        try {
            ZipFile zip = !jar ? new ZipFile(target)
                    : release > 0 ? new JarFile(new File(target), verify, ZipFile.OPEN_READ, Runtime.Version.parse(
                            Integer.toString(release)))
                    : new JarFile(target, verify);
            if (closed) {
                zip.close();
            }
            return zip;
        } catch (IOException | RuntimeException e) {
            throw new FileReopenException(problem(target, "cannot be opened as a " + (jar ? "jar" : "zip") + " file ("
                    + e.getMessage() + ")"));
        }
    }

    private String problem(String target, String what) {
        String moved = target.equals(path) ? "" : " (mapped from " + path + ")";
        return "the " + (jar ? "jar" : "zip") + " file " + target + moved + ", which the program had open when the"
                + " checkpoint was taken, " + what + ". Put the file back where it was, or restore with --map"
                + " FROM=TO (agent option map=FROM=TO;...) naming the directory it is in now.";
    }
}
