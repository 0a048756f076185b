package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stasis.agent.rewrite.copies.Shapes;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * A rewritten method keeps its normal path and unwind handlers, and its resume code moves to a
 * private restore-only copy of the same name: one that rewriting takes past HotSpot's inlining
 * limit (325 bytes) fits under it again, and a small one is split too (its C1-compiled frame is
 * then the original's size); the class still verifies and the method computes what it did.
 */
class RestoreCopyTest {

    private static final String NAME = "dev/stasis/agent/rewrite/copies/Shapes";
    private static final String RECORD = "Ldev/stasis/internal/capture/FrameRecord;";
    /** HotSpot's {@code FreqInlineSize} on x86-64 and AArch64: C2 inlines no larger callee. */
    private static final int FREQ_INLINE_SIZE = 325;

    @Test
    void aMethodPastTheInliningLimitKeepsItsResumeCodeInACopy() throws Exception {
        List<String> notes = new ArrayList<>();
        byte[] rewritten = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), notes::add)
                .rewrite(getClass().getClassLoader(), original());
        String log = String.join("\n", notes);
        MethodNode medium = method(rewritten, "medium", "(ILjava/util/List;)J");
        MethodNode copy = method(rewritten, "medium$resumed", "(ILjava/util/List;" + RECORD + ")J");
        assertNotNull(copy, log);
        assertEquals(Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC, copy.access);
        assertTrue(CodeSize.of(medium) <= FREQ_INLINE_SIZE, "the method fits again: " + log);
        assertTrue(CodeSize.of(copy) > FREQ_INLINE_SIZE, "the copy is the whole rewrite: " + log);
        assertFalse(hasSwitch(medium), "the dispatch switch is in the copy only");
        assertTrue(hasSwitch(copy));
        assertFalse(medium.tryCatchBlocks.isEmpty(), "the method keeps its unwind handlers");
        assertTrue(log.contains("restore-only copy of " + NAME + ".medium(ILjava/util/List;)J"), log);

        Class<?> loaded = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(NAME.replace('/', '.'), rewritten, 0, rewritten.length);
            }
        }.define();
        Object shapes = loaded.getConstructor().newInstance();
        Method run = loaded.getMethod("medium", int.class, List.class);
        assertEquals(new Shapes().medium(3, new ArrayList<>(List.of("a"))),
                run.invoke(shapes, 3, new ArrayList<>(List.of("a"))), "the rewritten class verifies and computes the same");
        for (Method m : loaded.getDeclaredMethods()) {
            if (m.isSynthetic()) {
                assertTrue(Modifier.isPrivate(m.getModifiers()) && m.getAnnotations().length == 0, m.toString());
            }
        }
    }

    @Test
    void aMethodWhoseCopyWouldClashWithADeclaredMethodIsLeftWhole() throws IOException {
        byte[] rewritten = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), null)
                .rewrite(getClass().getClassLoader(), original());
        MethodNode taken = method(rewritten, "taken", "(ILjava/util/List;)J");
        assertTrue(hasSwitch(taken), "its resume code stays in it");
        assertTrue((method(rewritten, "taken$resumed", "(ILjava/util/List;" + RECORD + ")J").access
                & Opcodes.ACC_SYNTHETIC) == 0, "the declared method stays as it was");
    }

    @Test
    void aSmallMethodIsSplitToo() throws IOException {
        byte[] rewritten = new ClassInstrumenter(new InstrumentationScope(List.of(), List.of()), null)
                .rewrite(getClass().getClassLoader(), original());
        assertFalse(hasSwitch(method(rewritten, "small", "(Ljava/util/List;)I")));
        assertTrue(hasSwitch(method(rewritten, "small$resumed", "(Ljava/util/List;" + RECORD + ")I")));
    }

    private static byte[] original() throws IOException {
        try (InputStream in = Shapes.class.getResourceAsStream("Shapes.class")) {
            return in.readAllBytes();
        }
    }

    private static MethodNode method(byte[] classFile, String name, String desc) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        for (MethodNode m : cn.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return m;
            }
        }
        return null;
    }

    private static boolean hasSwitch(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof TableSwitchInsnNode) {
                return true;
            }
        }
        return false;
    }
}
