package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.ICONST_2;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.NEWARRAY;
import static org.objectweb.asm.Opcodes.PUTSTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.T_INT;
import static org.objectweb.asm.Opcodes.V17;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * A virtual call on an array is not a call site: Kotlin compiles an enum's {@code values()} as
 * {@code invokevirtual java/lang/Object.clone()} on the array of constants, and a restore block
 * re-issuing it on a receiver typed {@code Object} made the whole class fail verification
 * (protected access, JVMS 4.10.1.8): kotlin-stdlib's CoroutineSingletons did not load under the
 * agent, so no Kotlin program using sequences or coroutines ran.
 */
class ArrayReceiverTest {

    @Test
    void cloningAnArrayThroughObjectCloneStillVerifiesAfterRewriting() throws Exception {
        byte[] original = classCloningItsArray("t/Values");
        byte[] rewritten = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), null)
                .rewrite(getClass().getClassLoader(), original);
        byte[] loaded = rewritten != null ? rewritten : original;
        Class<?> c = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("t.Values", loaded, 0, loaded.length);
            }
        }.define();
        Object values = c.getMethod("values").invoke(null);
        assertNotNull(values);
        assertArrayEquals(new int[2], (int[]) values);
    }

    /** A class whose static {@code values()} returns {@code VALUES.clone()} called as Object.clone, as Kotlin does. */
    private static byte[] classCloningItsArray(String name) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(V17, ACC_PUBLIC, name, null, "java/lang/Object", null);
        cw.visitField(ACC_STATIC, "VALUES", "[I", null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        init.visitInsn(ICONST_2);
        init.visitIntInsn(NEWARRAY, T_INT);
        init.visitFieldInsn(PUTSTATIC, name, "VALUES", "[I");
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "values", "()[I", null, null);
        mv.visitCode();
        mv.visitFieldInsn(GETSTATIC, name, "VALUES", "[I");
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Object", "clone", "()Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, "[I");
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
