package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A method that rewriting would take past HotSpot's HugeMethodLimit (8000 bytes) is instrumented
 * only at its safe points and at as many of its cheapest call sites as fit under the limit: the
 * JIT never compiles longer methods, so its loops would run interpreted. One where not even the
 * safe points fit keeps its original code.
 */
class HugeMethodLimitTest {

    @Test
    void aMethodThatWouldPassTheLimitIsInstrumentedAtTheSitesThatFit() throws Exception {
        List<String> log = new ArrayList<>();
        ClassInstrumenter instrumenter = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), log::add);
        RewrittenClass rewritten = instrumenter.rewriteClass(getClass().getClassLoader(),
                classWithCalls("t/Calls", 400, 3, "many"));
        String all = String.join("\n", log) + "\n" + String.join("\n", rewritten.notes);
        Matcher part = Pattern.compile("instrumented in part: t/Calls.many\\(\\)V: (\\d+) of (\\d+) call sites").matcher(all);
        assertTrue(part.find(), all);
        int kept = Integer.parseInt(part.group(1));
        assertEquals(401, Integer.parseInt(part.group(2)), "400 calls and the entry's safe point");
        assertTrue(kept > 50 && kept < 401, all);
        assertTrue(codeSize(rewritten.bytes, "many") <= 8000, "under HotSpot's HugeMethodLimit");
        assertTrue(all.contains("instrumented t/Calls.few()V: "), all);
    }

    @Test
    void aMethodWhoseSafePointsAloneWouldPassTheLimitIsLeftAsItWas() {
        List<String> log = new ArrayList<>();
        ClassInstrumenter instrumenter = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), log::add);
        RewrittenClass rewritten = instrumenter.rewriteClass(getClass().getClassLoader(),
                classWithCalls("t/Full", 2664, 3, "many"));
        String all = String.join("\n", rewritten.notes);
        assertTrue(all.contains("not instrumented: t/Full.many()V: its instrumented code would pass 8000 bytes"), all);
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

    /** The length of the bytecode of {@code method} in {@code classFile}. */
    private static int codeSize(byte[] classFile, String method) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        for (MethodNode m : cn.methods) {
            if (m.name.equals(method)) {
                LabelNode end = new LabelNode();
                m.instructions.add(end);
                ClassWriter writer = new ClassWriter(0);
                writer.visit(V17, ACC_PUBLIC, "Size", null, "java/lang/Object", null);
                m.accept(writer);
                return end.getLabel().getOffset();
            }
        }
        throw new AssertionError(method);
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
