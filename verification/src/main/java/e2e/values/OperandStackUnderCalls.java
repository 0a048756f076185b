package e2e.values;

import dev.stasis.Stasis;
import java.util.Arrays;

/**
 * Values waiting on the operand stack under a call that reaches the checkpoint, one kind per
 * frame, all on the stack at once: the PrintStream of {@code System.out.println(f())}, the string
 * of {@code s + f()}, the int of {@code x + f()}, the array and index of {@code a[i] = f()}, an
 * object and its field of {@code o.n += f()}, a long and a double below a call, a float, and
 * arguments of every type already pushed for a call whose last argument is still being computed.
 */
public final class OperandStackUnderCalls {

    int n = 5;

    public static void main(String[] args) {
        System.out.println("start");
        System.out.println(concat());
        System.out.println("end");
    }

    static String concat() {
        String prefix = "sum=";
        return prefix + plus();
    }

    static int plus() {
        int x = 40;
        return x + store();
    }

    static int store() {
        int[] a = {7, 8, 9};
        int i = 1;
        a[i] = compound();
        System.out.println("a=" + Arrays.toString(a));
        return a[0] + a[1] + a[2];
    }

    static int compound() {
        OperandStackUnderCalls o = new OperandStackUnderCalls();
        o.n += withLong();
        System.out.println("o.n=" + o.n);
        return o.n;
    }

    static int withLong() {
        long big = 6_000_000_000L;
        long r = big + withDouble();
        System.out.println("long r=" + r);
        return (int) (r - big);
    }

    static long withDouble() {
        double d = 0.25;
        double r = d + withFloat();
        System.out.println("double r=" + Double.toHexString(r));
        return (long) (r * 4);
    }

    static double withFloat() {
        float f = 1.5f;
        float r = f * withEveryType();
        System.out.println("float r=" + Float.toHexString(r));
        return r;
    }

    static float withEveryType() {
        byte b = -7;
        short s = 300;
        char c = 'x';
        boolean z = true;
        int[] arr = {4, 5};
        return every(b, s, c, z, 2.5f, 9L, 0.125, "str", arr, null, reach());
    }

    static float every(byte b, short s, char c, boolean z, float f, long j, double d, String str, int[] arr,
                       Object nul, int last) {
        System.out.println("every: " + b + " " + s + " " + c + " " + z + " " + Float.toHexString(f) + " " + j + " "
                + Double.toHexString(d) + " " + str + " " + Arrays.toString(arr) + " " + nul + " " + last);
        return b + s + c + (z ? 1 : 0) + f + j + (float) d + str.length() + arr[0] + arr[1] + last;
    }

    static int reach() {
        System.out.println("reaching the checkpoint");
        Stasis.checkpoint();
        System.out.println("past the checkpoint");
        return 3;
    }
}
