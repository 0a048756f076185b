package dev.stasis.agent.rewrite;

import org.objectweb.asm.ClassWriter;

/** A ClassWriter computing stack map frames from the class files, never by loading classes. */
final class HierarchyClassWriter extends ClassWriter {

    private final ClassHierarchy hierarchy;

    /**
     * ASM bounds the work of computing frames (10 MB and 10^8 steps by default) to protect tools
     * from hostile class files. Instrumented methods are the application's own and the JVM loads
     * them anyway, but their many exception handlers make frame computation work much harder than
     * for the original: a main method of 4.5 KB of bytecode passed the default and was left
     * uninstrumented, so nothing could ever be checkpointed. The bounds here are a hundred times
     * larger; a method past them keeps its original code (see ClassInstrumenter).
     */
    private static final int MAX_FRAME_MEMORY = 1 << 30;
    private static final long MAX_FRAME_OPERATIONS = 10_000_000_000L;

    HierarchyClassWriter(ClassHierarchy hierarchy) {
        super(COMPUTE_FRAMES | COMPUTE_MAXS);
        setComputeLimits(MAX_FRAME_MEMORY, MAX_FRAME_OPERATIONS);
        this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return hierarchy.commonSuperClass(type1, type2);
    }
}
