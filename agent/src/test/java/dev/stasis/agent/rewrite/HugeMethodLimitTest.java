package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * A method that rewriting would take past HotSpot's HugeMethodLimit (8000 bytes) keeps its
 * original code: the JIT never compiles longer methods, so its loops would run interpreted.
 */
class HugeMethodLimitTest {

    @Test
    void aMethodThatWouldPassTheLimitIsLeftAsItWas() {
        List<String> log = new ArrayList<>();
        ClassInstrumenter instrumenter = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), log::add);
        instrumenter.rewrite(getClass().getClassLoader(), classWithCalls("t/Calls", 400, 3, "many"));
        String all = String.join("\n", log);
        assertTrue(all.contains("not instrumented: t/Calls.many()V: its instrumented code would pass 8000 bytes"), all);
        assertTrue(all.contains("instrumented t/Calls.few()V: "), all);
    }

    /** A thread's base frame (main, run) is instrumented whatever its size, or it could never be checkpointed. */
    @Test
    void aThreadBaseIsInstrumentedWhateverItsSize() {
        List<String> log = new ArrayList<>();
        ClassInstrumenter instrumenter = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), log::add);
        instrumenter.rewrite(getClass().getClassLoader(), classWithCalls("t/Base", 400, 3, "run"));
        String all = String.join("\n", log);
        assertTrue(all.contains("instrumented t/Base.run()V: "), all);
    }

    /** A class whose method {@code big}() calls callee() {@code many} times and few() {@code few} times. */
    private static byte[] classWithCalls(String name, int many, int few, String big) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(V17, ACC_PUBLIC, name, null, "java/lang/Object", null);
        method(cw, name, "callee", 0);
        method(cw, name, big, many);
        method(cw, name, "few", few);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void method(ClassWriter cw, String owner, String name, int calls) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, name, "()V", null, null);
        mv.visitCode();
        for (int k = 0; k < calls; k++) {
            mv.visitMethodInsn(INVOKESTATIC, owner, "callee", "()V", false);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
