package dev.stasis.agent.rewrite;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * A {@link BasicInterpreter} that keeps exact reference types, merging them the way the JVM's type
 * checker does (JVMS 4.10.1.2): the nearest common superclass, interfaces as Object. Unlike
 * ASM's SimpleVerifier it never loads classes and never rejects code: the class came from a
 * compiler and the JVM will verify it; we only need each slot's type at each call site.
 */
final class TypedInterpreter extends BasicInterpreter {

    static final Type OBJECT = Type.getObjectType("java/lang/Object");

    private final ClassHierarchy hierarchy;

    TypedInterpreter(ClassHierarchy hierarchy) {
        super(ASM9);
        this.hierarchy = hierarchy;
    }

    @Override
    public BasicValue newValue(Type type) {
        if (type == null) {
            return BasicValue.UNINITIALIZED_VALUE;
        }
        switch (type.getSort()) {
            case Type.OBJECT:
            case Type.ARRAY:
                return new BasicValue(type);
            default:
                return super.newValue(type);
        }
    }

    @Override
    public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue value1, BasicValue value2)
            throws AnalyzerException {
        if (insn.getOpcode() == AALOAD) {
            Type array = value1.getType();
            if (array != null && array.getSort() == Type.ARRAY) {
                return newValue(Type.getType(array.getDescriptor().substring(1)));
            }
            if (NULL_TYPE.equals(array)) {
                // The array is only known to be null so far (the analysis has not yet merged the
                // path that assigns it): its element is null too, which merges with the real
                // element type later instead of widening it to Object for good.
                return value1;
            }
            return newValue(OBJECT);
        }
        return super.binaryOperation(insn, value1, value2);
    }

    @Override
    public BasicValue merge(BasicValue value1, BasicValue value2) {
        if (value1.equals(value2)) {
            return value1;
        }
        Type t1 = value1.getType();
        Type t2 = value2.getType();
        if (!isReference(t1) || !isReference(t2)) {
            return BasicValue.UNINITIALIZED_VALUE;
        }
        if (t1.equals(NULL_TYPE)) {
            return value2;
        }
        if (t2.equals(NULL_TYPE)) {
            return value1;
        }
        return newValue(commonType(t1, t2));
    }

    private Type commonType(Type t1, Type t2) {
        if (t1.getSort() == Type.ARRAY && t2.getSort() == Type.ARRAY) {
            if (t1.getDimensions() == t2.getDimensions() && t1.getElementType().getSort() == Type.OBJECT
                    && t2.getElementType().getSort() == Type.OBJECT) {
                Type element = Type.getObjectType(hierarchy.commonSuperClass(
                        t1.getElementType().getInternalName(), t2.getElementType().getInternalName()));
                return Type.getType("[".repeat(t1.getDimensions()) + element.getDescriptor());
            }
            return OBJECT;
        }
        if (t1.getSort() == Type.ARRAY || t2.getSort() == Type.ARRAY) {
            return OBJECT;
        }
        return Type.getObjectType(hierarchy.commonSuperClass(t1.getInternalName(), t2.getInternalName()));
    }

    static boolean isReference(Type t) {
        return t != null && (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY);
    }
}
