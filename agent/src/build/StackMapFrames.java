import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;

/**
 * A build step of the agent jar, run after shading: gives every class file in the jar older than
 * Java 6 (version 50) stack map frames and version 52 (Java 8). ASM and picocli are compiled for
 * Java 5, and a JVM checks such class files with the old verifier, which infers the types at
 * every instruction (JVMS 4.10.2), instead of checking the frames the class file states (JVMS
 * 4.10.1); ASM's class reader and writer are among the largest methods the agent loads, and
 * with frames a JVM's first class rewrite takes some milliseconds less (docs/BENCHMARKS.md,
 * "Start-up"). The code is unchanged: subroutines (jsr/ret, which version 51 and later may not
 * hold, JVMS 4.9.1) are inlined, and the frames are computed by ASM from the jar's own classes.
 *
 * <p>Run as a source file: {@code java -cp ASM StackMapFrames.java JAR}; the jar is rewritten in place.
 */
public final class StackMapFrames {

    private static final int FIRST_WITH_FRAMES = 50;

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path out = jar.resolveSibling(jar.getFileName() + ".frames");
        int upgraded = 0;
        try (ZipFile in = new ZipFile(jar.toFile());
                URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                        ClassLoader.getPlatformClassLoader());
                ZipOutputStream zip = new ZipOutputStream(new FileOutputStream(out.toFile()))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")
                        && new ClassReader(bytes).readUnsignedShort(6) < FIRST_WITH_FRAMES) {
                    bytes = withFrames(bytes, types);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                zip.putNextEntry(copy);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[stack map frames] " + upgraded + " class files of " + jar.getFileName()
                + " moved from before Java 6 to Java 8");
    }

    private static byte[] withFrames(byte[] classFile, ClassLoader types) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                // the common superclass of two of the jar's types, found among the jar's classes
                return types;
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new JSRInlinerAdapter(super.visitMethod(access, name, descriptor, signature, exceptions),
                        access, name, descriptor, signature, exceptions);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
