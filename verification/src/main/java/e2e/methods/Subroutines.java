package e2e.methods;

import dev.stasis.Stasis;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A class file of Java 1.4, whose {@code finally} block is a subroutine entered with {@code jsr}
 * and left with {@code ret}, as javac compiled it until Java 6 and as old libraries on Maven Central
 * still hold (JVMS 4.10.2.5; class files from version 51 on may not use them, JVMS 4.9.1). The
 * rewriter inlines each subroutine at each {@code jsr}, so the checkpoint, taken in a call inside
 * the {@code finally} block, lands in one of those copies: with {@code normal} in the copy the
 * loop's normal path runs, with {@code exceptional} in the copy its exception handler runs, with
 * the exception being thrown held in a local. The class is generated with ASM (javac no longer
 * writes subroutines) and defined by the program's own loader.
 */
public final class Subroutines {

    /** What the generated class extends, so that the program calls it without reflection. */
    public abstract static class Loop {
        public abstract long run(int n);
    }

    /** The step whose finally block checkpoints, once. */
    private static int checkpointAt;

    public static void main(String[] args) throws Exception {
        checkpointAt = args[0].equals("normal") ? 1 : 3;
        byte[] bytes = generate();
        Class<?> c = new ClassLoader(Subroutines.class.getClassLoader()) {
            Class<?> define() {
                return defineClass("gen.OldFinally", bytes, 0, bytes.length);
            }
        }.define();
        Loop loop = (Loop) c.getConstructor().newInstance();
        try {
            System.out.println("total " + loop.run(4));
        } catch (IllegalStateException e) {
            System.out.println("caught " + e.getMessage());
        }
        System.out.println("again " + loop.run(3));
    }

    /** The body of the loop's try block: the fourth step fails. */
    public static long step(int i) {
        System.out.println("step " + i);
        if (i == 3) {
            throw new IllegalStateException("step " + i + " failed");
        }
        return i * 10L;
    }

    /** The finally block's call. */
    public static long note(long total, int i) {
        System.out.println("finally " + i + " after " + total);
        if (i == checkpointAt) {
            checkpointAt = -1;
            Stasis.checkpoint();
        }
        return total + 1;
    }

    /**
     * <pre>{@code
     * public long run(int n) {
     *     long total = 0;
     *     for (int i = 0; i < n; i++) {
     *         try { total += Subroutines.step(i); } finally { total = Subroutines.note(total, i); }
     *     }
     *     return total;
     * }}</pre>
     * with the finally block as one subroutine (locals: 2-3 total, 4 i, 5 the exception, 6 the
     * return address), entered from the end of the try block and from its catch-all handler.
     */
    private static byte[] generate() {
        String loop = "e2e/methods/Subroutines$Loop";
        String self = "e2e/methods/Subroutines";
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V1_4, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/OldFinally", null, loop, null);
        MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, loop, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC, "run", "(I)J", null, null);
        Label head = new Label();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        Label subroutine = new Label();
        Label next = new Label();
        Label end = new Label();
        m.visitCode();
        m.visitTryCatchBlock(tryStart, tryEnd, handler, null);
        m.visitInsn(Opcodes.LCONST_0);
        m.visitVarInsn(Opcodes.LSTORE, 2);
        m.visitInsn(Opcodes.ICONST_0);
        m.visitVarInsn(Opcodes.ISTORE, 4);
        m.visitLabel(head);
        m.visitVarInsn(Opcodes.ILOAD, 4);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitJumpInsn(Opcodes.IF_ICMPGE, end);
        m.visitLabel(tryStart);
        m.visitVarInsn(Opcodes.LLOAD, 2);
        m.visitVarInsn(Opcodes.ILOAD, 4);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, self, "step", "(I)J", false);
        m.visitInsn(Opcodes.LADD);
        m.visitVarInsn(Opcodes.LSTORE, 2);
        m.visitLabel(tryEnd);
        m.visitJumpInsn(Opcodes.JSR, subroutine);
        m.visitJumpInsn(Opcodes.GOTO, next);
        m.visitLabel(handler);
        m.visitVarInsn(Opcodes.ASTORE, 5);
        m.visitJumpInsn(Opcodes.JSR, subroutine);
        m.visitVarInsn(Opcodes.ALOAD, 5);
        m.visitInsn(Opcodes.ATHROW);
        m.visitLabel(subroutine);
        m.visitVarInsn(Opcodes.ASTORE, 6);
        m.visitVarInsn(Opcodes.LLOAD, 2);
        m.visitVarInsn(Opcodes.ILOAD, 4);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, self, "note", "(JI)J", false);
        m.visitVarInsn(Opcodes.LSTORE, 2);
        m.visitVarInsn(Opcodes.RET, 6);
        m.visitLabel(next);
        m.visitIincInsn(4, 1);
        m.visitJumpInsn(Opcodes.GOTO, head);
        m.visitLabel(end);
        m.visitVarInsn(Opcodes.LLOAD, 2);
        m.visitInsn(Opcodes.LRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }
}
