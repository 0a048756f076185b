package dev.stasis.agent.rewrite;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The length of a method's bytecode, which decides what HotSpot inlines ({@code FreqInlineSize},
 * {@code MaxInlineSize}) and compiles at all ({@code HugeMethodLimit}).
 */
final class CodeSize implements Opcodes {

    private CodeSize() {
    }

    /** The length of a method's bytecode (JVMS 4.7.3 code_length), as ASM writes it. */
    static int of(MethodNode m) {
        MethodNode copy = MethodCopy.of(m);
        LabelNode end = new LabelNode();
        copy.instructions.add(end);
        ClassWriter writer = new ClassWriter(0);
        writer.visit(V17, ACC_PUBLIC, "Size", null, "java/lang/Object", null);
        copy.accept(writer);
        return end.getLabel().getOffset();
    }

    /**
     * A bound the length of the method's bytecode never exceeds, read off its instructions (JVMS
     * 6.5): every local access and constant in its longest form, padded switches, 3-byte jumps
     * (ASM widens a jump only in code longer than 32767 bytes, far past the bounds this is
     * compared with). Cheaper than {@link #of}: no copy, no writing.
     */
    static long upperBound(MethodNode m) {
        long size = 0;
        for (AbstractInsnNode insn : m.instructions) {
            int op = insn.getOpcode();
            if (op < 0) {
                continue;
            }
            if (insn instanceof TableSwitchInsnNode) {
                size += 16 + 4L * ((TableSwitchInsnNode) insn).labels.size();
            } else if (insn instanceof LookupSwitchInsnNode) {
                size += 12 + 8L * ((LookupSwitchInsnNode) insn).labels.size();
            } else if (insn instanceof VarInsnNode) {
                size += ((VarInsnNode) insn).var > 255 ? 4 : 2;
            } else if (insn instanceof IincInsnNode) {
                IincInsnNode iinc = (IincInsnNode) insn;
                size += iinc.var > 255 || iinc.incr != (byte) iinc.incr ? 6 : 3;
            } else if (op == INVOKEINTERFACE || op == INVOKEDYNAMIC) {
                size += 5;
            } else if (op == MULTIANEWARRAY) {
                size += 4;
            } else {
                size += insn instanceof InsnNode ? 1 : 3;
            }
        }
        return size;
    }
}
