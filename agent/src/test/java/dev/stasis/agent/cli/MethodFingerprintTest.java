package dev.stasis.agent.cli;

import dev.stasis.agent.rewrite.MethodFingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

class MethodFingerprintTest {

    private static MethodNode read(String name, int flags) throws IOException {
        byte[] bytes;
        try (InputStream in = VerifyFixture.class.getResourceAsStream("VerifyFixture.class")) {
            bytes = in.readAllBytes();
        }
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, flags);
        return node.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    /** {@code static double f() { return c; }} built directly, with or without a line number. */
    private static MethodNode constant(double c, boolean lineNumber) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "f", "()D", null, null);
        if (lineNumber) {
            LabelNode start = new LabelNode(new Label());
            m.instructions.add(start);
            m.instructions.add(new LineNumberNode(7, start));
        }
        m.instructions.add(new LdcInsnNode(c));
        m.instructions.add(new InsnNode(Opcodes.DRETURN));
        return m;
    }

    @Test
    void independentOfHowTheClassIsRead() throws IOException {
        String plain = MethodFingerprint.of(read("compute", 0));
        assertEquals(plain, MethodFingerprint.of(read("compute", ClassReader.SKIP_DEBUG)));
        assertEquals(plain, MethodFingerprint.of(read("compute", ClassReader.SKIP_FRAMES)));
        assertEquals(plain, MethodFingerprint.of(read("compute", ClassReader.EXPAND_FRAMES)));
        assertNotEquals(plain, MethodFingerprint.of(read("constant", 0)));
    }

    @Test
    void lineNumbersDoNotCountConstantsDo() {
        assertEquals(MethodFingerprint.of(constant(2e23, false)), MethodFingerprint.of(constant(2e23, true)));
        assertNotEquals(MethodFingerprint.of(constant(2e23, false)),
                MethodFingerprint.of(constant(Math.nextUp(2e23), false)));
        assertNotEquals(MethodFingerprint.of(constant(0.0, false)), MethodFingerprint.of(constant(-0.0, false)));
    }

    /**
     * The fingerprint is part of the checkpoint format: the same method must give the same value on
     * every JDK, OS and CPU and in every Stasis version that reads this format. (2e23 prints
     * differently on JDK 17 and 19+, so hashing constants as text would fail this across JDKs.)
     */
    @Test
    void stableValue() {
        assertEquals(GOLDEN, MethodFingerprint.of(constant(2e23, true)));
    }

    private static final String GOLDEN = "f5c644bcf858029a971def8d1ce7c037f76596c31b8e3ca5ea192738853cd439";
}
