package dev.stasis.agent.rewrite;

import org.objectweb.asm.ClassWriter;

/** A ClassWriter computing stack map frames from the class files, never by loading classes. */
final class HierarchyClassWriter extends ClassWriter {

    private final ClassHierarchy hierarchy;

    HierarchyClassWriter(ClassHierarchy hierarchy) {
        super(COMPUTE_FRAMES | COMPUTE_MAXS);
        this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return hierarchy.commonSuperClass(type1, type2);
    }
}
