package e2e.values;

import dev.stasis.Stasis;
import java.util.Arrays;

/** Locals of every JVM type, in main and in a frame below it, live across the checkpoint. */
public final class LocalsOfEveryType {

    public static void main(String[] args) {
        int i = -123_456_789;
        long l = 0x1234_5678_9ABC_DEF0L;
        float f = 3.25f;
        double d = Math.PI;
        byte b = (byte) 0xA5;
        short s = (short) -30_000;
        char c = '\u20AC';
        boolean z = true;
        String str = "text";
        Object obj = new Point(3, -4);
        int[] ints = {1, 2, 3};
        long[][] grid = {{1L, 2L}, {3L, 4L, Long.MIN_VALUE}};
        double[] doubles = {0.5, Double.NaN, Double.NEGATIVE_INFINITY, -0.0};
        float[] floats = {Float.MAX_VALUE, Float.MIN_VALUE};
        byte[] bytes = {-128, 0, 127};
        short[] shorts = {Short.MIN_VALUE, Short.MAX_VALUE};
        char[] chars = {'a', '\0', '\uFFFF'};
        boolean[] booleans = {true, false, true};
        String[] strings = {"x", null, ""};
        Object[] mixed = {ints, "s", null, obj};
        Object nothing = null;
        int[] noArray = null;

        print("main before", i, l, f, d, b, s, c, z, str, obj, ints, nothing);
        System.out.println("arrays " + Arrays.deepToString(grid) + " " + hex(doubles) + " " + hexFloats(floats) + " "
                + Arrays.toString(bytes) + " " + Arrays.toString(shorts) + " " + (int) chars[2] + " "
                + Arrays.toString(booleans) + " " + Arrays.toString(strings) + " " + (mixed[0] == ints)
                + " " + (noArray == null));

        long fromCallee = callee(i + 1, l - 1, f * 2, d / 2, (byte) (b + 1), (short) (s + 1), (char) (c + 1), !z,
                str + "!", obj, ints, nothing);

        print("main after", i, l, f, d, b, s, c, z, str, obj, ints, nothing);
        System.out.println("arrays " + Arrays.deepToString(grid) + " " + hex(doubles) + " " + hexFloats(floats) + " "
                + Arrays.toString(bytes) + " " + Arrays.toString(shorts) + " " + (int) chars[2] + " "
                + Arrays.toString(booleans) + " " + Arrays.toString(strings) + " " + (mixed[0] == ints)
                + " " + (mixed[3] == obj) + " " + (noArray == null));
        i += 1;
        l <<= 1;
        ints[0] = 42;
        grid[1][2] += 1;
        System.out.println("mutated " + i + " " + l + " " + Arrays.toString((int[]) mixed[0]) + " " + grid[1][2]
                + " callee returned " + fromCallee);
    }

    private static long callee(int i, long l, float f, double d, byte b, short s, char c, boolean z, String str,
                               Object obj, int[] ints, Object nothing) {
        long local = l ^ i;
        double half = d * 0.5;
        ints[1] = 20;
        print("callee before", i, l, f, d, b, s, c, z, str, obj, ints, nothing);
        Stasis.checkpoint();
        print("callee after", i, l, f, d, b, s, c, z, str, obj, ints, nothing);
        System.out.println("callee locals " + local + " " + Double.toHexString(half));
        return local + b + s + c;
    }

    private static void print(String where, int i, long l, float f, double d, byte b, short s, char c, boolean z,
                              String str, Object obj, int[] ints, Object nothing) {
        // Floating-point values in hex: Double.toString's digits changed between JDK 17 and 19.
        System.out.println(where + ": " + i + " " + l + " " + Float.toHexString(f) + " " + Double.toHexString(d)
                + " " + b + " " + s + " " + (int) c + " " + z + " " + str + " " + obj + " " + Arrays.toString(ints)
                + " " + nothing);
    }

    private static String hex(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(Double.toHexString(v)).append(',');
        }
        return sb.toString();
    }

    private static String hexFloats(float[] values) {
        StringBuilder sb = new StringBuilder();
        for (float v : values) {
            sb.append(Float.toHexString(v)).append(',');
        }
        return sb.toString();
    }

    /** An application object held in a local. */
    static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }

        @Override
        public String toString() {
            return "(" + x + "," + y + ")";
        }
    }
}
