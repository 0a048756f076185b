package dev.stasis.agent.rewrite;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
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
 * The identity of a method's code: a SHA-256 over what decides how it runs and how the rewriter
 * numbers its call sites, so that a checkpoint is only restored into the same code. Computed
 * from the method as read from the class file, before any rewriting, it depends only on the
 * class file's bytes: the same on every JDK, OS and CPU.
 *
 * <p>Hashed, in order (big-endian; strings as u32 length and UTF-16 code units, -1 for null):
 * access flags (the low 16 bits), name, descriptor; the count of instructions, then each
 * instruction's opcode and operands, branch targets as instruction indexes; the try-catch blocks
 * with their start, end and handler as instruction indexes and their type. Constants are hashed
 * by value (float and double by their bits). Line numbers, local variable names, stack map frames
 * and max stack/locals are left out: they change nothing the checkpoint depends on.
 */
public final class MethodFingerprint {

    private MethodFingerprint() {
    }

    /**
     * The lower-case hex SHA-256 fingerprint of {@code method}. The call the agent puts first in
     * {@code main} when it restores ({@link #RESTORE_HOOK}) is not the application's code and is
     * left out, so a restored JVM's {@code main} has the fingerprint the checkpoint recorded.
     */
    public static String of(MethodNode method) {
        AbstractInsnNode first = method.instructions.getFirst();
        while (first != null && first.getOpcode() < 0) {
            first = first.getNext();
        }
        if (first instanceof MethodInsnNode && isRestoreHook((MethodInsnNode) first)) {
            MethodNode copy = MethodCopy.of(method);
            AbstractInsnNode hook = copy.instructions.getFirst();
            while (hook.getOpcode() < 0) {
                hook = hook.getNext();
            }
            copy.instructions.remove(hook);
            return digest(copy);
        }
        return digest(method);
    }

    /** {@code RestoreDriver.mainEntered()}: owner, name and descriptor of the call a restore adds to main. */
    public static final String[] RESTORE_HOOK = {"dev/stasis/internal/restore/RestoreDriver", "mainEntered", "()V"};

    private static boolean isRestoreHook(MethodInsnNode call) {
        return call.owner.equals(RESTORE_HOOK[0]) && call.name.equals(RESTORE_HOOK[1]) && call.desc.equals(RESTORE_HOOK[2]);
    }

    private static String digest(MethodNode method) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha);
        try (DataOutputStream out = new DataOutputStream(digest)) {
            new Writer(out, method).write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static final class Writer {
        private final DataOutputStream out;
        private final MethodNode method;
        /** Each label's position: the index of the next real instruction. */
        private final Map<LabelNode, Integer> labels = new HashMap<>();
        private int instructions;

        Writer(DataOutputStream out, MethodNode method) {
            this.out = out;
            this.method = method;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof LabelNode) {
                    labels.put((LabelNode) insn, instructions);
                } else if (insn.getOpcode() >= 0) {
                    instructions++;
                }
            }
        }

        void write() throws IOException {
            out.writeInt(method.access & 0xFFFF);
            string(method.name);
            string(method.desc);
            out.writeInt(instructions);
            for (AbstractInsnNode insn : method.instructions) {
                if (insn.getOpcode() >= 0) {
                    instruction(insn);
                }
            }
            List<TryCatchBlockNode> blocks = method.tryCatchBlocks;
            out.writeInt(blocks == null ? 0 : blocks.size());
            if (blocks != null) {
                for (TryCatchBlockNode b : blocks) {
                    label(b.start);
                    label(b.end);
                    label(b.handler);
                    string(b.type);
                }
            }
        }

        private void instruction(AbstractInsnNode insn) throws IOException {
            out.writeShort(insn.getOpcode());
            switch (insn.getType()) {
                case AbstractInsnNode.INT_INSN:
                    out.writeInt(((IntInsnNode) insn).operand);
                    break;
                case AbstractInsnNode.VAR_INSN:
                    out.writeInt(((VarInsnNode) insn).var);
                    break;
                case AbstractInsnNode.TYPE_INSN:
                    string(((TypeInsnNode) insn).desc);
                    break;
                case AbstractInsnNode.FIELD_INSN:
                    FieldInsnNode f = (FieldInsnNode) insn;
                    string(f.owner);
                    string(f.name);
                    string(f.desc);
                    break;
                case AbstractInsnNode.METHOD_INSN:
                    MethodInsnNode m = (MethodInsnNode) insn;
                    string(m.owner);
                    string(m.name);
                    string(m.desc);
                    out.writeBoolean(m.itf);
                    break;
                case AbstractInsnNode.INVOKE_DYNAMIC_INSN:
                    InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
                    string(indy.name);
                    string(indy.desc);
                    handle(indy.bsm);
                    constants(indy.bsmArgs);
                    break;
                case AbstractInsnNode.JUMP_INSN:
                    label(((JumpInsnNode) insn).label);
                    break;
                case AbstractInsnNode.LDC_INSN:
                    constant(((LdcInsnNode) insn).cst);
                    break;
                case AbstractInsnNode.IINC_INSN:
                    IincInsnNode iinc = (IincInsnNode) insn;
                    out.writeInt(iinc.var);
                    out.writeInt(iinc.incr);
                    break;
                case AbstractInsnNode.TABLESWITCH_INSN:
                    TableSwitchInsnNode table = (TableSwitchInsnNode) insn;
                    out.writeInt(table.min);
                    out.writeInt(table.max);
                    label(table.dflt);
                    labels(table.labels);
                    break;
                case AbstractInsnNode.LOOKUPSWITCH_INSN:
                    LookupSwitchInsnNode lookup = (LookupSwitchInsnNode) insn;
                    label(lookup.dflt);
                    out.writeInt(lookup.keys.size());
                    for (int key : lookup.keys) {
                        out.writeInt(key);
                    }
                    labels(lookup.labels);
                    break;
                case AbstractInsnNode.MULTIANEWARRAY_INSN:
                    MultiANewArrayInsnNode multi = (MultiANewArrayInsnNode) insn;
                    string(multi.desc);
                    out.writeInt(multi.dims);
                    break;
                default:
                    break;
            }
        }

        private void labels(List<LabelNode> targets) throws IOException {
            out.writeInt(targets.size());
            for (LabelNode l : targets) {
                label(l);
            }
        }

        private void label(LabelNode l) throws IOException {
            out.writeInt(labels.get(l));
        }

        private void constants(Object[] values) throws IOException {
            out.writeInt(values.length);
            for (Object v : values) {
                constant(v);
            }
        }

        private void constant(Object v) throws IOException {
            if (v instanceof Integer) {
                out.writeByte('I');
                out.writeInt((Integer) v);
            } else if (v instanceof Float) {
                out.writeByte('F');
                out.writeInt(Float.floatToRawIntBits((Float) v));
            } else if (v instanceof Long) {
                out.writeByte('J');
                out.writeLong((Long) v);
            } else if (v instanceof Double) {
                out.writeByte('D');
                out.writeLong(Double.doubleToRawLongBits((Double) v));
            } else if (v instanceof String) {
                out.writeByte('S');
                string((String) v);
            } else if (v instanceof Type) {
                out.writeByte('T');
                string(((Type) v).getDescriptor());
            } else if (v instanceof Handle) {
                out.writeByte('H');
                handle((Handle) v);
            } else if (v instanceof ConstantDynamic) {
                ConstantDynamic c = (ConstantDynamic) v;
                out.writeByte('C');
                string(c.getName());
                string(c.getDescriptor());
                handle(c.getBootstrapMethod());
                out.writeInt(c.getBootstrapMethodArgumentCount());
                for (int k = 0; k < c.getBootstrapMethodArgumentCount(); k++) {
                    constant(c.getBootstrapMethodArgument(k));
                }
            } else {
                throw new IllegalArgumentException("unexpected constant " + v);
            }
        }

        private void handle(Handle h) throws IOException {
            out.writeInt(h.getTag());
            string(h.getOwner());
            string(h.getName());
            string(h.getDesc());
            out.writeBoolean(h.isInterface());
        }

        private void string(String s) throws IOException {
            if (s == null) {
                out.writeInt(-1);
                return;
            }
            out.writeInt(s.length());
            out.writeChars(s);
        }
    }
}
