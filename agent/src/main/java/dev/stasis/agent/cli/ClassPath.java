package dev.stasis.agent.cli;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds class files on a class path the way the application's class loader would (first entry
 * wins), without loading any class: directories, jars, and {@code dir/*} for every jar in dir.
 * Entries that do not exist are skipped, as the JVM skips them.
 */
final class ClassPath implements Closeable {

    /** A class file's bytes and the class-path entry it came from. */
    record Found(byte[] bytes, String entry) {
    }

    private final List<Path> entries = new ArrayList<>();
    /** Per entry, its open jar, or null for a directory. */
    private final List<ZipFile> jars = new ArrayList<>();

    ClassPath(String classPath) throws IOException {
        for (String item : classPath.split(File.pathSeparator)) {
            if (item.endsWith("*")) {
                String dirName = item.substring(0, item.length() - 1);
                Path dir = Path.of(dirName.isEmpty() ? "." : dirName);
                if (Files.isDirectory(dir)) {
                    List<Path> found = new ArrayList<>();
                    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                        s.forEach(found::add);
                    }
                    found.sort(null);
                    for (Path jar : found) {
                        add(jar);
                    }
                }
            } else if (!item.isEmpty()) {
                add(Path.of(item));
            }
        }
    }

    private void add(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            entries.add(entry);
            jars.add(null);
        } else if (Files.isRegularFile(entry)) {
            entries.add(entry);
            jars.add(new ZipFile(entry.toFile()));
        }
    }

    /** The class file of {@code internalName} ({@code com/acme/Main}), or null when no entry has it. */
    Found find(String internalName) throws IOException {
        String name = internalName + ".class";
        for (int k = 0; k < entries.size(); k++) {
            ZipFile jar = jars.get(k);
            if (jar == null) {
                Path file = entries.get(k).resolve(name);
                if (Files.isRegularFile(file)) {
                    return new Found(Files.readAllBytes(file), entries.get(k).toString());
                }
            } else {
                ZipEntry e = jar.getEntry(name);
                if (e != null) {
                    try (InputStream in = jar.getInputStream(e)) {
                        return new Found(in.readAllBytes(), entries.get(k).toString());
                    }
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        for (ZipFile jar : jars) {
            if (jar != null) {
                jar.close();
            }
        }
    }
}
