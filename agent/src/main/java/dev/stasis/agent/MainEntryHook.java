package dev.stasis.agent;

import dev.stasis.agent.rewrite.MethodFingerprint;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * With {@code restore=}, makes the program's main class start the restore: the first instruction
 * of its {@code main} methods becomes a call to {@code RestoreDriver.mainEntered()}, which runs the
 * restored program (and ends the JVM) the first time, and returns at once when the restore
 * re-enters {@code main} as the main thread's base frame.
 *
 * <p>It runs before the rewriter, which then puts its resume dispatch in front of the call; the
 * call is left out of main's fingerprint ({@link MethodFingerprint}), so the restored code matches
 * the checkpoint's. Restoring from {@code main} rather than from {@code premain} lets the JVM finish starting
 * first: recordings of {@code -XX:StartFlightRecording}, the JMX agent and the other start-up
 * options begin after {@code premain} returns, so a program restored inside {@code premain} would
 * run without them.
 */
final class MainEntryHook implements ClassFileTransformer {

    private final String mainClass;

    /** {@code mainClass}: the binary name the JVM was started with. */
    MainEntryHook(String mainClass) {
        this.mainClass = mainClass.replace('.', '/');
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (redefined != null || !mainClass.equals(className)) {
            return null;
        }
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                // String[] main, and JDK 25's main without parameters (JEP 512).
                boolean main = name.equals("main") && (desc.equals("([Ljava/lang/String;)V") || desc.equals("()V"))
                        && (access & Opcodes.ACC_ABSTRACT) == 0;
                if (!main) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        // No operand stack or locals involved: max_stack and frames stay valid.
                        String[] hook = MethodFingerprint.RESTORE_HOOK;
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, hook[0], hook[1], hook[2], false);
                    }
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    /**
     * The main class the JVM was started with, from the launcher's {@code sun.java.command}; null
     * when it was started with {@code -jar} (or the property is missing), where the restore runs
     * from {@code premain}.
     */
    static String mainClassOfThisJvm() {
        String command = System.getProperty("sun.java.command", "").trim();
        String first = command.isEmpty() ? "" : command.split("\\s+", 2)[0];
        if (first.isEmpty() || first.endsWith(".jar") || first.contains("/") || first.contains("\\")) {
            return null;
        }
        return first;
    }
}
