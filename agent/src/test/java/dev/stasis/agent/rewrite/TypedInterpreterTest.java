package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/** The types the rewriter saves and restores must be the ones the JVM's verifier infers. */
class TypedInterpreterTest {

    /** A loop over an array that is null on one path: its elements are not widened to Object. */
    static String lastOf(boolean empty, String[] given) {
        String[] items = null;
        if (!empty) {
            items = given;
        }
        String last = "";
        if (items != null) {
            for (String s : items) {
                last = s;
            }
        }
        return last;
    }

    @Test
    void elementsOfAnArrayFirstSeenAsNullKeepTheirType() throws IOException, AnalyzerException {
        ClassNode cn = new ClassNode();
        try (InputStream in = getClass().getResourceAsStream("TypedInterpreterTest.class")) {
            new ClassReader(in).accept(cn, ClassReader.SKIP_FRAMES);
        }
        MethodNode m = cn.methods.stream().filter(x -> x.name.equals("lastOf")).findFirst().orElseThrow();
        Frame<BasicValue>[] frames = new Analyzer<>(new TypedInterpreter(new ClassHierarchy(getClass().getClassLoader(), null)))
                .analyze(cn.name, m);
        int checked = 0;
        for (int i = 0; i < m.instructions.size(); i++) {
            AbstractInsnNode insn = m.instructions.get(i);
            if (insn.getOpcode() == Opcodes.AALOAD) {
                Frame<BasicValue> after = frames[i + 1];
                assertEquals("Ljava/lang/String;", after.getStack(after.getStackSize() - 1).getType().getDescriptor());
                checked++;
            }
        }
        assertEquals(1, checked);
    }
}
