package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * The allocation hoister decides from {@link OriginInterpreter} whether a constructor call's
 * receiver comes from one {@code new; dup} and where an allocation it cannot move may begin. Its
 * answers must be those of ASM's {@code SourceInterpreter} (the set of every producing
 * instruction), which it replaced because that one took seconds on an interpreter's dispatch loop.
 */
class OriginInterpreterTest {

    @Test
    void receiversOfConstructorCallsHaveTheOriginsTheSourceAnalysisFinds() throws Exception {
        int compared = 0;
        for (Class<?> c : new Class<?>[] {ClassReader.class, org.objectweb.asm.ClassWriter.class, Analyzer.class,
                java.util.HashMap.class, java.util.concurrent.ConcurrentHashMap.class, java.util.Formatter.class,
                java.util.regex.Pattern.class, MethodInstrumenter.class, ClassInstrumenter.class}) {
            ClassNode node = new ClassNode();
            new ClassReader(bytesOf(c)).accept(node, ClassReader.SKIP_FRAMES);
            for (MethodNode m : node.methods) {
                compared += compare(node.name, m);
            }
        }
        assertTrue(compared > 500, "constructor calls compared: " + compared);
    }

    private static int compare(String owner, MethodNode m) throws AnalyzerException {
        if (m.instructions.size() == 0) {
            return 0;
        }
        InsnList insns = m.instructions;
        Frame<SourceValue>[] sources = new Analyzer<>(new SourceInterpreter()).analyze(owner, m);
        Frame<OriginInterpreter.Origin>[] origins = new Analyzer<>(new OriginInterpreter(insns)).analyze(owner, m);
        int compared = 0;
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode insn = insns.get(i);
            if (insn.getOpcode() != Opcodes.INVOKESPECIAL || !((MethodInsnNode) insn).name.equals("<init>")) {
                continue;
            }
            assertEquals(sources[i] == null, origins[i] == null, "reachability of " + at(owner, m, i));
            if (sources[i] == null) {
                continue;
            }
            int depth = sources[i].getStackSize() - Type.getArgumentTypes(((MethodInsnNode) insn).desc).length - 1;
            Set<AbstractInsnNode> expected = sources[i].getStack(depth).insns;
            OriginInterpreter.Origin origin = origins[i].getStack(depth);
            assertEquals(expected.size() == 1 ? expected.iterator().next() : null, origin.only, at(owner, m, i));
            int earliest = expected.stream().mapToInt(insns::indexOf).min().orElse(-1);
            assertEquals(earliest, origin.earliestOr(-1), at(owner, m, i));
            compared++;
        }
        return compared;
    }

    private static String at(String owner, MethodNode m, int index) {
        return owner + "." + m.name + m.desc + " at instruction " + index;
    }

    private static byte[] bytesOf(Class<?> c) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
