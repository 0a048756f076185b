package dev.stasis.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The agent jar's class files all state their stack map frames (class file version 50 or later),
 * so a JVM checks them rather than inferring every instruction's types (JVMS 4.10): the build gives
 * frames to the libraries compiled for Java 5 (agent/src/build/StackMapFrames.java). Those frames
 * are computed, not written by a compiler, so the classes of those libraries that the agent loads
 * are verified here, each one linked by a loader of its own.
 */
class AgentJarTest {

    /** The libraries shipped as Java 5 class files: ASM, the rewriter's, and picocli, the command line's. */
    private static final List<String> GIVEN_FRAMES = List.of("dev/stasis/shaded/asm/", "dev/stasis/shaded/picocli/");

    @Test
    void everyClassFileStatesItsFrames() throws IOException {
        List<String> old = new ArrayList<>();
        int classes = 0;
        try (ZipFile jar = new ZipFile(Artifacts.agentJar().toFile())) {
            Enumeration<? extends ZipEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.getName().endsWith(".class") || e.getName().startsWith("META-INF/")) {
                    continue;
                }
                classes++;
                try (InputStream in = jar.getInputStream(e)) {
                    byte[] header = in.readNBytes(8);
                    int major = (header[6] & 0xff) << 8 | header[7] & 0xff;
                    if (major < 50) {
                        old.add(e.getName() + " (version " + major + ")");
                    }
                }
            }
        }
        assertTrue(classes > 500, "the agent jar holds " + classes + " classes");
        assertEquals(List.of(), old, "class files without stack map frames in " + Artifacts.agentJar());
    }

    @Test
    void theLibrariesGivenFramesPassTheVerifier() throws Exception {
        List<String> failed = new ArrayList<>();
        int linked = 0;
        try (ZipFile jar = new ZipFile(Artifacts.agentJar().toFile());
                URLClassLoader loader = new URLClassLoader(new URL[] {Artifacts.agentJar().toUri().toURL()},
                        ClassLoader.getPlatformClassLoader())) {
            Enumeration<? extends ZipEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || GIVEN_FRAMES.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                try {
                    // HotSpot links (and so verifies) a class before it lists its methods
                    Class.forName(className, false, loader).getDeclaredMethods();
                    linked++;
                } catch (LinkageError e) {
                    failed.add(className + ": " + e);
                }
            }
        }
        assertTrue(linked > 300, linked + " classes linked");
        assertEquals(List.of(), failed, "classes the verifier refused");
    }
}
