package dev.stasis.agent.crac;

import dev.stasis.internal.log.StasisLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Makes CRaC's API facade ({@code org.crac:crac}, {@code io.github.crac:org-crac}) work on Stasis.
 * On a JDK without CRaC the facade's {@code org.crac.Core} finds no implementation (it looks for
 * {@code javax.crac} and {@code jdk.crac} by reflection), drops registrations and throws from
 * {@code checkpointRestore()}. This rewrites two of its method bodies as the class loads:
 * {@code register(Resource)} hands the resource to Stasis, and {@code checkpointRestore()} becomes a
 * Stasis checkpoint point. Going through the facade's reflective path instead would put JDK
 * reflection frames between the application and the checkpoint point, and those cannot be captured.
 * Runs before the method rewriter, which then instruments the new bodies like any application code.
 */
public final class CracFacadeRewriter implements ClassFileTransformer {

    static final String CORE = "org/crac/Core";
    private static final String RESOURCES = "dev/stasis/internal/crac/CracResources";
    private static final String RESOURCE_DESC = "(Lorg/crac/Resource;)V";

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (!CORE.equals(className) || classBeingRedefined != null) {
            return null;
        }
        try {
            return rewrite(classfileBuffer);
        } catch (RuntimeException e) {
            StasisLog.warn("stasis: CRaC's org.crac.Core is left as it is (" + e + "); its resources will not be"
                    + " notified of Stasis checkpoints.");
            return null;
        }
    }

    /** The facade's Core with its register and checkpointRestore bodies replaced. */
    static byte[] rewrite(byte[] original) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
                if (isStatic && name.equals("register") && descriptor.equals(RESOURCE_DESC)) {
                    writeRegister(mv);
                    return null;
                }
                if (isStatic && name.equals("checkpointRestore") && descriptor.equals("()V")) {
                    writeCheckpointRestore(mv);
                    return null;
                }
                return mv;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** {@code CracResources.register(resource, Core.class)}. */
    private static void writeRegister(MethodVisitor mv) {
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitLdcInsn(Type.getObjectType(CORE));
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RESOURCES, "register", "(Ljava/lang/Object;Ljava/lang/Class;)V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(2, 1);
        mv.visitEnd();
    }

    /**
     * {@code try { o = Stasis.checkpoint(); } catch (RuntimeException e) { throw CracResources.failed(e); }
     * CracResources.checkpointed(o, Core.class);}: the catch turns a resource's refusal, which the
     * listener can only throw unchecked, into the facade's CheckpointException.
     */
    private static void writeCheckpointRestore(MethodVisitor mv) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitCode();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
        mv.visitLabel(start);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/stasis/Stasis", "checkpoint", "()Ldev/stasis/Stasis$Outcome;",
                false);
        mv.visitLabel(end);
        mv.visitLdcInsn(Type.getObjectType(CORE));
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RESOURCES, "checkpointed",
                "(Ldev/stasis/Stasis$Outcome;Ljava/lang/Class;)V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {"java/lang/RuntimeException"});
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, RESOURCES, "failed",
                "(Ljava/lang/RuntimeException;)Ljava/lang/Throwable;", false);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(2, 0);
        mv.visitEnd();
    }
}
