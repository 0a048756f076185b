package e2e.generated;

import dev.stasis.Stasis;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A class generated at run time and defined in the application class loader itself, with
 * {@code MethodHandles.Lookup.defineClass}, as javassist's {@code toClass}, Byte Buddy's injection
 * and CGLIB do: a restoring JVM cannot load it by name, and no checkpoint carries it. A checkpoint
 * requested while the program holds it (its {@code Method}) is refused at once, with the previous
 * checkpoint kept and the program going on; the next one, once the program let go of it, is taken
 * and restores. Its outcome is printed on stderr: without the agent there is none to compare.
 */
public final class DefinedInTheApplicationLoader {

    public static void main(String[] args) throws Exception {
        Class<?> squares = MethodHandles.lookup().defineClass(generate());
        Method square = squares.getMethod("square", long.class);
        long sum = 0;
        for (long i = 0; i < 1000; i++) {
            sum += (Long) square.invoke(null, i);
        }
        System.out.println("sum of squares " + sum);
        System.err.println("checkpoint with the generated class in reach: " + Stasis.checkpoint());
        System.out.println("generated " + square.getDeclaringClass().getName() + "." + square.getName());
        System.err.println("checkpoint once out of reach: " + Stasis.checkpoint());
        System.out.println("after the checkpoint, sum " + sum);
    }

    /** {@code public final class e2e.generated.Squares { public static long square(long x) { return x * x; } }} */
    private static byte[] generate() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "e2e/generated/Squares", null,
                "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "square", "(J)J", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.LLOAD, 0);
        mv.visitVarInsn(Opcodes.LLOAD, 0);
        mv.visitInsn(Opcodes.LMUL);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
