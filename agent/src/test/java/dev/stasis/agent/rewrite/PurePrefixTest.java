package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Where a method's entry poll may stand instead of its entry: after the code that reads only its
 * parameters, when every path that goes on leaves that code at one place. The methods are javac's
 * own code for those of {@link Shapes}.
 */
class PurePrefixTest {

    @SuppressWarnings("unused")
    static final class Shapes {
        static long fib(int n) {
            if (n < 2) {
                return n;
            }
            return fib(n - 1) + fib(n - 2);
        }

        static int depth(Object node, int d) {
            if (node == null) {
                return d;
            }
            return depth(node.toString(), d + 1);
        }

        static int twoGuards(int a, long b) {
            if (a < 0) {
                return -1;
            }
            if (b == 0L) {
                return 0;
            }
            return twoGuards(a - 1, b / 2);
        }

        static int noGuard(int n) {
            return noGuard(n - 1) + 1;
        }

        static int guardOnAField(int n) {
            if (counter > n) {
                return 0;
            }
            return guardOnAField(n + 1);
        }

        static int dividesFirst(int n, int d) {
            if (n / d == 0) {
                return 0;
            }
            return dividesFirst(n, d + 1);
        }

        static int twoWaysOut(int n) {
            if (n < 0) {
                return noGuard(n);
            }
            return guardOnAField(n);
        }

        static int loopsFirst(int n) {
            int s = 0;
            for (int i = 0; i < n; i++) {
                s += i;
            }
            return noGuard(s);
        }

        static int switchesOnAString(String word) {
            int code;
            switch (word) {
                case "stop":
                    code = 0;
                    break;
                default:
                    code = 1;
            }
            int length = word.length();
            return switchesOnAString(word.substring(code)) + length;
        }

        static int counter;
    }

    @Test
    void pollGoesAfterAGuardOnPrimitives() {
        AbstractInsnNode at = pollPosition("fib");
        assertEquals(Opcodes.ILOAD, at.getOpcode(), "the poll goes before the load of n for fib(n - 1)");
        assertEquals(Opcodes.ISUB, next(next(at)).getOpcode());
    }

    @Test
    void pollGoesAfterANullCheckAndAfterSeveralGuards() {
        AbstractInsnNode at = pollPosition("depth");
        assertEquals(Opcodes.ALOAD, at.getOpcode());
        assertEquals("toString", ((MethodInsnNode) next(at)).name, "the first call is where the prefix ends");
        AbstractInsnNode afterTwo = pollPosition("twoGuards");
        assertEquals(Opcodes.ILOAD, afterTwo.getOpcode());
        assertEquals(0, ((VarInsnNode) afterTwo).var);
    }

    @Test
    void pollStaysAtTheEntryWhenNothingWouldBeGained() {
        assertNull(pollPosition("noGuard"), "no guard: the prefix ends where the method starts");
    }

    @Test
    void pollStaysAtTheEntryBeforeReadsThatAreNotParameters() {
        assertNull(pollPosition("guardOnAField"), "a static field may differ when the guard runs again");
        assertNull(pollPosition("dividesFirst"), "a division may throw");
    }

    @Test
    void pollStaysAtTheEntryWhenTheGuardWritesALocal() {
        assertNull(pollPosition("switchesOnAString"),
                "javac copies the string into a local, whose slot a later local reuses as an int: a thread going on "
                        + "after a checkpoint would come back to the poll with that int there");
    }

    @Test
    void pollStaysAtTheEntryWhenPathsLeaveAtSeveralPlacesOrLoop() {
        assertNull(pollPosition("twoWaysOut"));
        assertNull(pollPosition("loopsFirst"));
    }

    private static AbstractInsnNode next(AbstractInsnNode insn) {
        AbstractInsnNode n = insn.getNext();
        while (n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n;
    }

    private static AbstractInsnNode pollPosition(String name) {
        for (MethodNode m : shapes().methods) {
            if (m.name.equals(name)) {
                return new PurePrefix(m).pollPosition();
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static ClassNode shapes() {
        String resource = Shapes.class.getName().replace('.', '/') + ".class";
        try (InputStream in = PurePrefixTest.class.getClassLoader().getResourceAsStream(resource)) {
            ClassNode cn = new ClassNode();
            new ClassReader(in.readAllBytes()).accept(cn, ClassReader.SKIP_FRAMES);
            return cn;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
