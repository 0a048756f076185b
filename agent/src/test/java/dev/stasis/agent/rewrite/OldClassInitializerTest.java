package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.internal.statics.ClassInit;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A class file older than Java 5 (version 49, as sat4j and the Commons libraries of that time
 * ship) has its static initializer hooked like any other, so its static fields are checkpointed and
 * its initializer is not run again by a restore, although its code cannot load a class constant
 * (JVMS 4.4.1): the hook finds the class on the stack.
 */
class OldClassInitializerTest implements Opcodes {

    private static final String NAME = "fixture/old/Registry";

    @Test
    void aJava14ClassRecordsItsInitializationAndLosesFinalOnItsStaticFields() throws Exception {
        byte[] rewritten = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), null)
                .rewrite(getClass().getClassLoader(), java14Class());
        assertNotNull(rewritten, "the class is rewritten");
        ClassNode cn = new ClassNode();
        new ClassReader(rewritten).accept(cn, 0);
        assertEquals(V1_4, cn.version);
        MethodNode clinit = cn.methods.stream().filter(m -> m.name.equals("<clinit>")).findFirst().orElseThrow();
        AbstractInsnNode first = clinit.instructions.getFirst();
        while (first.getOpcode() < 0) {
            first = first.getNext();
        }
        assertTrue(first instanceof MethodInsnNode && ((MethodInsnNode) first).name.equals("enterCaller"),
                "the initializer starts with the hook");

        Class<?> c = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(NAME.replace('/', '.'), rewritten, 0, rewritten.length);
            }
        }.define();
        Field token = c.getDeclaredField("TOKEN");
        assertTrue(!Modifier.isFinal(token.getModifiers()), "a restore can set the field");
        Class.forName(c.getName(), true, c.getClassLoader());
        assertTrue(ClassInit.initialized().contains(c), "its initialization is recorded");
        token.setAccessible(true);
        assertNotNull(token.get(null), "and its initializer ran");
    }

    /** {@code class Registry { static final Object TOKEN = new Object(); }}, compiled for Java 1.4. */
    private static byte[] java14Class() {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(V1_4, ACC_PUBLIC | ACC_SUPER, NAME, null, "java/lang/Object", null);
        w.visitField(ACC_STATIC | ACC_FINAL, "TOKEN", "Ljava/lang/Object;", null, null).visitEnd();
        MethodVisitor m = w.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        m.visitCode();
        m.visitTypeInsn(NEW, "java/lang/Object");
        m.visitInsn(DUP);
        m.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        m.visitFieldInsn(PUTSTATIC, NAME, "TOKEN", "Ljava/lang/Object;");
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }
}
