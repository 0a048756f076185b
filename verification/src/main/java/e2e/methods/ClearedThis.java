package e2e.methods;

import dev.stasis.Stasis;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * An instance method that stores into local 0, as Clojure's compiler does to let go of {@code
 * this} before a call in tail position (Java source cannot: the class is generated with ASM and
 * defined by the program's own loader). The checkpoint is taken below that call; the caller's
 * restore re-issues its virtual call on the receiver it takes from the callee's record, which
 * must be {@code this} as it was at entry, not the null local 0 then held.
 */
public final class ClearedThis {

    /** What the generated class extends: an abstract class, so the call to it is an ordinary virtual call. */
    public abstract static class Stage {
        public int calls;

        public abstract long apply(long x);

        public long twice(long x) {
            return apply(apply(x));
        }
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = generate();
        Class<?> c = new ClassLoader(ClearedThis.class.getClassLoader()) {
            Class<?> define() {
                return defineClass("gen.Clearing", bytes, 0, bytes.length);
            }
        }.define();
        Stage[] stages = {(Stage) c.getConstructor().newInstance()};
        long total = 0;
        for (long x = 1; x <= 6; x++) {
            // the receiver is no local's value and nothing is under it on the stack, so nothing in
            // this frame keeps it: a restore takes it from the callee's record
            long r = stages[0].apply(x);
            total += r;
            System.out.println("step " + x + ": " + total + " after " + stages[0].calls + " calls");
        }
    }

    /** Called by the generated method once it has cleared its {@code this}. */
    public static long below(Stage stage, long x) {
        stage.calls++;
        if (x == 3) {
            Stasis.checkpoint();
        }
        return x * x + stage.calls;
    }

    /**
     * {@code public long apply(long x) { Stage s = this; this = null; return below(s, x); }}: local 0
     * is cleared before the call, and local 3 holds the stage (a long takes locals 1 and 2).
     */
    private static byte[] generate() {
        String stage = "e2e/methods/ClearedThis$Stage";
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "gen/Clearing", null, stage, null);
        MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, stage, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC, "apply", "(J)J", null, null);
        m.visitCode();
        m.visitVarInsn(Opcodes.ALOAD, 0);
        m.visitVarInsn(Opcodes.ASTORE, 3);
        m.visitInsn(Opcodes.ACONST_NULL);
        m.visitVarInsn(Opcodes.ASTORE, 0);
        m.visitVarInsn(Opcodes.ALOAD, 3);
        m.visitInsn(Opcodes.ACONST_NULL);
        m.visitVarInsn(Opcodes.ASTORE, 3);
        m.visitVarInsn(Opcodes.LLOAD, 1);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "e2e/methods/ClearedThis", "below", "(L" + stage + ";J)J", false);
        m.visitInsn(Opcodes.LRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }
}
