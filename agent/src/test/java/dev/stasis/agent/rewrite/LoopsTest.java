package dev.stasis.agent.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Which loop heads poll for a checkpoint: all but those of short counted inner loops, whose
 * length is bounded (at most 2^32 iterations of a body without calls). The loops are javac's
 * own code for the methods of {@link Shapes}.
 */
class LoopsTest {

    @SuppressWarnings("unused")
    static final class Shapes {
        static double sumArray(double[] a) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i];
            }
            return s;
        }

        static void multiply(double[][] a, double[][] b, double[][] c, int n) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    for (int j = 0; j < n; j++) {
                        c[i][j] += a[i][k] * b[k][j];
                    }
                }
            }
        }

        static int downToZero(int[] a) {
            int s = 0;
            for (int i = a.length - 1; i >= 0; i--) {
                s += a[i];
            }
            return s;
        }

        static int untilEqual(int from, int to) {
            int s = 0;
            for (int i = from; i != to; i++) {
                s ^= i;
            }
            return s;
        }

        static int doWhile(int n) {
            int i = 0;
            int s = 0;
            do {
                s += i;
                i++;
            } while (i < n);
            return s;
        }

        static double withMath(double[] a) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += Math.sqrt(Math.abs(a[i]));
            }
            return s;
        }

        static int constantInclusive() {
            int s = 0;
            for (int i = 0; i <= 100; i++) {
                s += i;
            }
            return s;
        }

        static int withContinue(int[] a) {
            int s = 0;
            for (int i = 0; i < a.length; i++) {
                if (a[i] < 0) {
                    continue;
                }
                s += a[i];
            }
            return s;
        }

        static int variableInclusive(int n) {
            int s = 0;
            for (int i = 0; i <= n; i++) {
                s += i;
            }
            return s;
        }

        static int stepTwo(int n) {
            int s = 0;
            for (int i = 0; i < n; i += 2) {
                s += i;
            }
            return s;
        }

        static int wrongDirection(int n) {
            int s = 0;
            for (int i = 0; i < n; i--) {
                s += i;
            }
            return s;
        }

        static int counterWrittenInBody(int[] a) {
            int s = 0;
            for (int i = 0; i < a.length; i++) {
                if (a[i] == 0) {
                    i--;
                }
                s++;
            }
            return s;
        }

        static int stepMaySkip(int[] a) {
            int i = 0;
            int s = 0;
            while (i < a.length) {
                if (a[i] > 0) {
                    i++;
                }
                s++;
            }
            return s;
        }

        static int boundWrittenInBody(int[] a, int n) {
            int s = 0;
            for (int i = 0; i < n; i++) {
                n = a[i];
                s++;
            }
            return s;
        }

        static long longCounter(long n) {
            long s = 0;
            for (long i = 0; i < n; i++) {
                s += i;
            }
            return s;
        }

        static long collatz(long x) {
            long steps = 0;
            while (x != 1) {
                x = (x & 1) == 0 ? x / 2 : 3 * x + 1;
                steps++;
            }
            return steps;
        }

        static int withCall(List<Integer> list, int n) {
            for (int i = 0; i < n; i++) {
                list.add(i);
            }
            return list.size();
        }

        static volatile boolean flag;

        static void spin() {
            while (!flag) {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void shortCountedInnerLoopsDoNotPoll() {
        assertEquals(0, polls("sumArray"));
        assertEquals(0, polls("downToZero"));
        assertEquals(0, polls("untilEqual"));
        assertEquals(0, polls("doWhile"));
        assertEquals(0, polls("withMath"));
        assertEquals(0, polls("constantInclusive"));
        assertEquals(0, polls("withContinue"));
    }

    @Test
    void theLoopsAroundThemDo() {
        assertEquals(2, polls("multiply"));
    }

    @Test
    void loopsThatMayRunOnAndOnPoll() {
        assertEquals(1, polls("variableInclusive"), "i <= n never ends when n is Integer.MAX_VALUE");
        assertEquals(1, polls("stepTwo"), "a step of 2 may jump over the bound");
        assertEquals(1, polls("wrongDirection"));
        assertEquals(1, polls("counterWrittenInBody"));
        assertEquals(1, polls("stepMaySkip"));
        assertEquals(1, polls("boundWrittenInBody"));
        assertEquals(1, polls("longCounter"));
        assertEquals(1, polls("collatz"));
        assertEquals(1, polls("withCall"));
        assertEquals(1, polls("spin"));
    }

    private static int polls(String name) {
        for (MethodNode m : shapes().methods) {
            if (m.name.equals(name)) {
                return new Loops(m).headsToPoll().size();
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static ClassNode shapes() {
        String resource = Shapes.class.getName().replace('.', '/') + ".class";
        try (InputStream in = LoopsTest.class.getClassLoader().getResourceAsStream(resource)) {
            ClassNode cn = new ClassNode();
            new ClassReader(in.readAllBytes()).accept(cn, ClassReader.SKIP_FRAMES);
            return cn;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
