package dev.stasis.agent.rewrite;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 *
 * <p>SHA-256 is computed here ({@link Sha256}) rather than by {@code MessageDigest}: the first
 * class the agent rewrites is on the application's start-up path, and looking up the JDK's
 * security providers there loads some 60 classes and takes about 10 ms. The value is the same
 * (FIPS 180-4), so checkpoints written before and after read alike.
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

    static boolean isRestoreHook(MethodInsnNode call) {
        return call.owner.equals(RESTORE_HOOK[0]) && call.name.equals(RESTORE_HOOK[1]) && call.desc.equals(RESTORE_HOOK[2]);
    }

    private static String digest(MethodNode method) {
        Sha256 sha = new Sha256();
        try (DataOutputStream out = new DataOutputStream(sha)) {
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

    /** SHA-256 (FIPS 180-4) of everything written to it. */
    static final class Sha256 extends OutputStream {
        private static final int[] K = {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

        private final int[] h = {
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        private final int[] w = new int[64];
        private final byte[] block = new byte[64];
        private int filled;
        private long length;

        @Override
        public void write(int b) {
            block[filled++] = (byte) b;
            length++;
            if (filled == 64) {
                compress();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int k = 0; k < len; k++) {
                write(b[off + k]);
            }
        }

        /** The 32-byte hash; the stream must not be written to afterwards. */
        byte[] digest() {
            long bits = length * 8;
            write(0x80);
            while (filled != 56) {
                write(0);
            }
            for (int k = 7; k >= 0; k--) {
                write((int) (bits >>> (8 * k)));
            }
            byte[] out = new byte[32];
            for (int k = 0; k < 8; k++) {
                out[4 * k] = (byte) (h[k] >>> 24);
                out[4 * k + 1] = (byte) (h[k] >>> 16);
                out[4 * k + 2] = (byte) (h[k] >>> 8);
                out[4 * k + 3] = (byte) h[k];
            }
            return out;
        }

        private void compress() {
            for (int t = 0; t < 16; t++) {
                w[t] = (block[4 * t] << 24) | (block[4 * t + 1] & 0xFF) << 16 | (block[4 * t + 2] & 0xFF) << 8
                        | (block[4 * t + 3] & 0xFF);
            }
            for (int t = 16; t < 64; t++) {
                int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ (w[t - 15] >>> 3);
                int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }
            int a = h[0];
            int b = h[1];
            int c = h[2];
            int d = h[3];
            int e = h[4];
            int f = h[5];
            int g = h[6];
            int hh = h[7];
            for (int t = 0; t < 64; t++) {
                int t1 = hh + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                        + ((e & f) ^ (~e & g)) + K[t] + w[t];
                int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                        + ((a & b) ^ (a & c) ^ (b & c));
                hh = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }
            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
            filled = 0;
        }
    }
}
