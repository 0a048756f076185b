package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.POP;
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
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * A method that rewriting would take past HotSpot's HugeMethodLimit (8000 bytes) is instrumented
 * only at the calls that may come back into its class and at its safe points, as many as fit
 * under the limit: the JIT never compiles longer methods, so its loops would run interpreted. One
 * where not even one of those fits keeps its original code.
 */
class HugeMethodLimitTest {

    @Test
    void aMethodThatWouldPassTheLimitIsInstrumentedAtTheCallsIntoItsClassThatFit() {
        List<String> log = new ArrayList<>();
        ClassInstrumenter instrumenter = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), log::add);
        RewrittenClass rewritten = instrumenter.rewriteClass(getClass().getClassLoader(),
                classWithCalls("t/Calls", 400, 3, "many"));
        String all = String.join("\n", rewritten.notes);
        Matcher part = Pattern.compile("instrumented in part: t/Calls.many\\(\\)V: (\\d+) of (\\d+) call sites").matcher(all);
        assertTrue(part.find(), all);
        assertEquals(801, Integer.parseInt(part.group(2)), "400 calls of each kind and the entry's safe point");
        MethodNode many = method(rewritten.bytes, "many");
        assertTrue(codeSize(many) <= 8000, "under HotSpot's HugeMethodLimit");
        int covered = 0;
        for (AbstractInsnNode insn : many.instructions) {
            if (insn instanceof MethodInsnNode && coveredByUnwindHandler(many, insn)) {
                MethodInsnNode call = (MethodInsnNode) insn;
                assertTrue(!call.owner.equals("t/Other"), "a call that cannot come back into the class is left out");
                covered += call.name.equals("callee") ? 1 : 0;
            }
        }
        assertTrue(covered > 50 && covered < 400 && covered <= Integer.parseInt(part.group(1)), all);
        assertTrue(all.contains("instrumented t/Calls.few()V: ") || String.join("\n", log).contains(
                "instrumented t/Calls.few()V: "), all + log);
    }

    @Test
    void aMethodWhereNoSiteFitsIsLeftAsItWas() {
        ClassInstrumenter instrumenter = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), note -> { });
        RewrittenClass rewritten = instrumenter.rewriteClass(getClass().getClassLoader(), classWithCalls("t/Full", 1, 3,
                "many", 3990));
        String all = String.join("\n", rewritten.notes);
        assertTrue(all.contains("not instrumented: t/Full.many()V: its instrumented code would pass 8000 bytes"), all);
        assertTrue(method(rewritten.bytes, "many").tryCatchBlocks.isEmpty(), "no unwind handler");
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

    private static boolean coveredByUnwindHandler(MethodNode m, AbstractInsnNode insn) {
        int at = m.instructions.indexOf(insn);
        for (TryCatchBlockNode tc : m.tryCatchBlocks) {
            if (MethodInstrumenter.UNWIND.equals(tc.type) && m.instructions.indexOf(tc.start) <= at
                    && at < m.instructions.indexOf(tc.end)) {
                return true;
            }
        }
        return false;
    }

    private static MethodNode method(byte[] classFile, String name) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        for (MethodNode m : cn.methods) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    /** The length of {@code m}'s bytecode. */
    private static int codeSize(MethodNode m) {
        LabelNode end = new LabelNode();
        m.instructions.add(end);
        ClassWriter writer = new ClassWriter(0);
        writer.visit(V17, ACC_PUBLIC, "Size", null, "java/lang/Object", null);
        m.accept(writer);
        m.instructions.remove(end);
        return end.getLabel().getOffset();
    }

    private static byte[] classWithCalls(String name, int many, int few, String big) {
        return classWithCalls(name, many, few, big, 0);
    }

    /**
     * A class whose instance method {@code big}() runs {@code padding} times {@code iconst_0; pop}
     * and then calls its own callee() and t/Other.helper() {@code many} times each, and few()
     * calls callee() {@code few} times.
     */
    private static byte[] classWithCalls(String name, int many, int few, String big, int padding) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(V17, ACC_PUBLIC, name, null, "java/lang/Object", null);
        method(cw, name, "callee", 0, false, 0);
        method(cw, name, big, many, true, padding);
        method(cw, name, "few", few, false, 0);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void method(ClassWriter cw, String owner, String name, int calls, boolean alsoOther, int padding) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, name, "()V", null, null);
        mv.visitCode();
        for (int k = 0; k < padding; k++) {
            mv.visitInsn(ICONST_0);
            mv.visitInsn(POP);
        }
        for (int k = 0; k < calls; k++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKEVIRTUAL, owner, "callee", "()V", false);
            if (alsoOther) {
                mv.visitMethodInsn(INVOKESTATIC, "t/Other", "helper", "()V", false);
            }
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
