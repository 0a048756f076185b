package dev.stasis.agent.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * Tells, for each value of a frame, which instruction produced it when exactly one did, and
 * otherwise the earliest of those that may have: all {@link AllocationHoister} needs to know about
 * a constructor call's receiver. ASM's {@code SourceInterpreter} answers the same question with
 * the set of every producing instruction, whose unions made the analysis quadratic in large
 * methods (an interpreter's dispatch loop took seconds to load); this one merges in constant time.
 * The size of each value (JVMS 2.6.2: long and double take two slots) comes from ASM's
 * {@link BasicInterpreter}.
 */
final class OriginInterpreter extends Interpreter<OriginInterpreter.Origin> {

    /** A value's size and where it came from. */
    static final class Origin implements Value {
        private static final int NONE = Integer.MAX_VALUE;

        final int size;
        /** The one instruction that produced this value, or null when none or several may have. */
        final AbstractInsnNode only;
        /** The index of the earliest instruction that may have produced it, {@link #NONE} if none did. */
        final int earliest;

        private Origin(int size, AbstractInsnNode only, int earliest) {
            this.size = size;
            this.only = only;
            this.earliest = earliest;
        }

        @Override
        public int getSize() {
            return size;
        }

        /** The index of the earliest instruction that may have produced it, or {@code otherwise}. */
        int earliestOr(int otherwise) {
            return earliest == NONE ? otherwise : earliest;
        }

        private boolean fromNothing() {
            return earliest == NONE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Origin && ((Origin) o).size == size && ((Origin) o).only == only
                    && ((Origin) o).earliest == earliest;
        }

        @Override
        public int hashCode() {
            return Objects.hash(size, System.identityHashCode(only), earliest);
        }
    }

    private final BasicInterpreter sizes = new BasicInterpreter();
    private final InsnList insns;

    OriginInterpreter(InsnList insns) {
        super(Opcodes.ASM9);
        this.insns = insns;
    }

    @Override
    public Origin newValue(Type type) {
        if (type == Type.VOID_TYPE) {
            return null;
        }
        return new Origin(type == null ? 1 : type.getSize(), null, Origin.NONE);
    }

    @Override
    public Origin newOperation(AbstractInsnNode insn) throws AnalyzerException {
        return producedBy(insn, sizes.newOperation(insn));
    }

    @Override
    public Origin copyOperation(AbstractInsnNode insn, Origin value) {
        return new Origin(value.size, insn, insns.indexOf(insn));
    }

    @Override
    public Origin unaryOperation(AbstractInsnNode insn, Origin value) throws AnalyzerException {
        return producedBy(insn, sizes.unaryOperation(insn, basic(value)));
    }

    @Override
    public Origin binaryOperation(AbstractInsnNode insn, Origin value1, Origin value2) throws AnalyzerException {
        return producedBy(insn, sizes.binaryOperation(insn, basic(value1), basic(value2)));
    }

    @Override
    public Origin ternaryOperation(AbstractInsnNode insn, Origin value1, Origin value2, Origin value3)
            throws AnalyzerException {
        return producedBy(insn, sizes.ternaryOperation(insn, basic(value1), basic(value2), basic(value3)));
    }

    @Override
    public Origin naryOperation(AbstractInsnNode insn, List<? extends Origin> values) throws AnalyzerException {
        List<BasicValue> basics = new ArrayList<>(values.size());
        for (Origin v : values) {
            basics.add(basic(v));
        }
        return producedBy(insn, sizes.naryOperation(insn, basics));
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, Origin value, Origin expected) {
        // nothing is produced
    }

    @Override
    public Origin merge(Origin a, Origin b) {
        int size = Math.min(a.size, b.size);
        if (b.fromNothing() || a.only != null && a.only == b.only) {
            return size == a.size ? a : new Origin(size, a.only, a.earliest);
        }
        if (a.fromNothing()) {
            return new Origin(size, b.only, b.earliest);
        }
        return new Origin(size, null, Math.min(a.earliest, b.earliest));
    }

    private Origin producedBy(AbstractInsnNode insn, BasicValue result) {
        return result == null ? null : new Origin(result.getSize(), insn, insns.indexOf(insn));
    }

    /** A stand-in of the right size: the basic interpreter only needs it to compute results' sizes. */
    private static BasicValue basic(Origin v) {
        return v.size == 2 ? BasicValue.LONG_VALUE : BasicValue.INT_VALUE;
    }
}
