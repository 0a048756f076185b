package dev.stasis.agent.rewrite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A hash of a method's original bytecode: access, name, descriptor, every instruction with its
 * operands (labels as positions), and the exception table. Line numbers and local variable names
 * are left out, so recompiling unchanged code with other debug options keeps the hash. It is the
 * same on every JDK and CPU, and tells a restore whether a method on a captured stack changed.
 */
public final class MethodFingerprint {

    private MethodFingerprint() {
    }

    public static String of(MethodNode m) {
        Map<LabelNode, Integer> labels = new HashMap<>();
        int position = 0;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LabelNode) {
                labels.put((LabelNode) insn, position);
            } else if (insn.getOpcode() >= 0) {
                position++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(m.access).append(' ').append(m.name).append(m.desc).append('\n');
        for (AbstractInsnNode insn : m.instructions) {
            if (insn.getOpcode() < 0) {
                continue;
            }
            sb.append(insn.getOpcode());
            if (insn instanceof VarInsnNode) {
                sb.append(' ').append(((VarInsnNode) insn).var);
            } else if (insn instanceof IntInsnNode) {
                sb.append(' ').append(((IntInsnNode) insn).operand);
            } else if (insn instanceof IincInsnNode) {
                sb.append(' ').append(((IincInsnNode) insn).var).append(' ').append(((IincInsnNode) insn).incr);
            } else if (insn instanceof TypeInsnNode) {
                sb.append(' ').append(((TypeInsnNode) insn).desc);
            } else if (insn instanceof FieldInsnNode) {
                FieldInsnNode f = (FieldInsnNode) insn;
                sb.append(' ').append(f.owner).append('.').append(f.name).append(f.desc);
            } else if (insn instanceof MethodInsnNode) {
                MethodInsnNode mi = (MethodInsnNode) insn;
                sb.append(' ').append(mi.owner).append('.').append(mi.name).append(mi.desc);
            } else if (insn instanceof InvokeDynamicInsnNode) {
                InvokeDynamicInsnNode d = (InvokeDynamicInsnNode) insn;
                sb.append(' ').append(d.name).append(d.desc).append(' ').append(handle(d.bsm));
                for (Object a : d.bsmArgs) {
                    sb.append(' ').append(a instanceof Handle ? handle((Handle) a) : String.valueOf(a));
                }
            } else if (insn instanceof JumpInsnNode) {
                sb.append(' ').append(labels.get(((JumpInsnNode) insn).label));
            } else if (insn instanceof LdcInsnNode) {
                Object c = ((LdcInsnNode) insn).cst;
                sb.append(' ').append(c.getClass().getSimpleName()).append(':').append(c);
            } else if (insn instanceof TableSwitchInsnNode) {
                TableSwitchInsnNode t = (TableSwitchInsnNode) insn;
                sb.append(' ').append(t.min).append(' ').append(t.max).append(' ').append(labels.get(t.dflt));
                t.labels.forEach(l -> sb.append(' ').append(labels.get(l)));
            } else if (insn instanceof LookupSwitchInsnNode) {
                LookupSwitchInsnNode l = (LookupSwitchInsnNode) insn;
                sb.append(' ').append(labels.get(l.dflt)).append(' ').append(l.keys);
                l.labels.forEach(x -> sb.append(' ').append(labels.get(x)));
            } else if (insn instanceof MultiANewArrayInsnNode) {
                sb.append(' ').append(((MultiANewArrayInsnNode) insn).desc).append(' ')
                        .append(((MultiANewArrayInsnNode) insn).dims);
            }
            sb.append('\n');
        }
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            sb.append("try ").append(labels.get(t.start)).append(' ').append(labels.get(t.end)).append(' ')
                    .append(labels.get(t.handler)).append(' ').append(t.type).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int k = 0; k < 16; k++) {
                hex.append(String.format("%02x", digest[k]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }

    private static String handle(Handle h) {
        return h.getTag() + ":" + h.getOwner() + "." + h.getName() + h.getDesc();
    }
}
