package e2e.methods;

import dev.stasis.Stasis;

/**
 * An interpreter whose dispatch method is too large to instrument at all its call sites: its 76
 * cases, each calling a helper with a dozen values live, would pass HotSpot's HugeMethodLimit
 * (8000 bytes) once rewritten, as LuaJ's and Clojure's dispatch methods do. It is instrumented at
 * its safe points and its cheapest calls, among them the recursive call (a nested program) and
 * the checkpoint, while the cases' helper calls, under which a register's old value waits on the
 * operand stack, cost more and are left out. The checkpoint is taken three interpreters deep,
 * each stopped in that dispatch method. Arguments: none, or "loop N" to run the outer program N times (for at=N sweeps).
 *
 * <p>Generated: 72 similar cases (4 to 75) give the method its size.
 */
public final class HugeDispatch {

    static final int RET = 0;
    static final int CALL = 1;
    static final int CHECKPOINT = 2;
    static final int LOOP = 3;

    /** The checkpoint opcode runs in a loop; it checkpoints the first time only. */
    static boolean checkpointed;

    public static void main(String[] args) {
        boolean sweep = args.length > 0 && args[0].equals("loop");
        int rounds = sweep ? Integer.parseInt(args[1]) : 2;
        long[] regs = new long[8];
        for (int round = 0; round < rounds; round++) {
            long result = run(program(sweep ? -1 : round), 0, regs, 0);
            System.out.println("round " + round + ": " + result + " " + regs[1] + " " + regs[6]);
        }
    }

    /**
     * The outer program calls the nested one at 20, which calls the innermost at 40; the
     * innermost checkpoints in round {@code checkpointRound} only. Each part runs a loop of
     * ordinary cases.
     */
    static int[] program(int checkpointRound) {
        return new int[] {
            // 0: outer: some cases, a call, a loop of cases
            5, 9, 17, CALL, 20, 4, 33, 60, LOOP, 7, 5, RET, 0, 0, 0, 0, 0, 0, 0, 0,
            // 20: nested
            11, 12, CALL, 40, 70, 75, 8, LOOP, 6, 20, RET, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            // 40: innermost
            44, checkpointRound == 1 ? CHECKPOINT : 45, 46, 47, 48, 49, 50, LOOP, 5, 40, RET
        };
    }

    static long run(int[] code, int entry, long[] regs, int depth) {
        long acc = depth + 1;
        int pc = entry;
        int steps = 0;
        String trace = "";
        long[] loops = new long[8];
        while (true) {
            int op = code[pc++];
            steps++;
            switch (op) {
                case RET:
                    return acc + steps + trace.length();
                case CALL: {
                    long nested = run(code, code[pc++], regs, depth + 1);
                    acc = acc * 31 + nested;
                    break;
                }
                case CHECKPOINT:
                    if (!checkpointed) {
                        checkpointed = true;
                        Stasis.checkpoint();
                    }
                    break;
                case LOOP: {
                    int reg = code[pc++];
                    int target = code[pc++];
                    if (++loops[reg] < 3 + reg) {
                        pc = target;
                    } else {
                        loops[reg] = 0;
                    }
                    break;
                }
                case 4:
                    regs[4] ^= mix(acc, 4) + loops[1];
                    acc = acc * 17 + regs[4];
                    trace = trace.length() > 40 ? "4" : trace + "4.";
                    break;
                case 5:
                    regs[5] ^= mix(acc, 5) + loops[2];
                    acc = acc * 17 + regs[1];
                    trace = trace.length() > 40 ? "5" : trace + "5.";
                    break;
                case 6:
                    regs[6] ^= mix(acc, 6) + loops[0];
                    acc = acc * 17 + regs[6];
                    trace = trace.length() > 40 ? "6" : trace + "6.";
                    break;
                case 7:
                    regs[7] ^= mix(acc, 7) + loops[1];
                    acc = acc * 17 + regs[3];
                    trace = trace.length() > 40 ? "7" : trace + "7.";
                    break;
                case 8:
                    regs[0] ^= mix(acc, 8) + loops[2];
                    acc = acc * 17 + regs[0];
                    trace = trace.length() > 40 ? "8" : trace + "8.";
                    break;
                case 9:
                    regs[1] ^= mix(acc, 9) + loops[0];
                    acc = acc * 17 + regs[5];
                    trace = trace.length() > 40 ? "9" : trace + "9.";
                    break;
                case 10:
                    regs[2] ^= mix(acc, 10) + loops[1];
                    acc = acc * 17 + regs[2];
                    trace = trace.length() > 40 ? "10" : trace + "10.";
                    break;
                case 11:
                    regs[3] ^= mix(acc, 11) + loops[2];
                    acc = acc * 17 + regs[7];
                    trace = trace.length() > 40 ? "11" : trace + "11.";
                    break;
                case 12:
                    regs[4] ^= mix(acc, 12) + loops[0];
                    acc = acc * 17 + regs[4];
                    trace = trace.length() > 40 ? "12" : trace + "12.";
                    break;
                case 13:
                    regs[5] ^= mix(acc, 13) + loops[1];
                    acc = acc * 17 + regs[1];
                    trace = trace.length() > 40 ? "13" : trace + "13.";
                    break;
                case 14:
                    regs[6] ^= mix(acc, 14) + loops[2];
                    acc = acc * 17 + regs[6];
                    trace = trace.length() > 40 ? "14" : trace + "14.";
                    break;
                case 15:
                    regs[7] ^= mix(acc, 15) + loops[0];
                    acc = acc * 17 + regs[3];
                    trace = trace.length() > 40 ? "15" : trace + "15.";
                    break;
                case 16:
                    regs[0] ^= mix(acc, 16) + loops[1];
                    acc = acc * 17 + regs[0];
                    trace = trace.length() > 40 ? "16" : trace + "16.";
                    break;
                case 17:
                    regs[1] ^= mix(acc, 17) + loops[2];
                    acc = acc * 17 + regs[5];
                    trace = trace.length() > 40 ? "17" : trace + "17.";
                    break;
                case 18:
                    regs[2] ^= mix(acc, 18) + loops[0];
                    acc = acc * 17 + regs[2];
                    trace = trace.length() > 40 ? "18" : trace + "18.";
                    break;
                case 19:
                    regs[3] ^= mix(acc, 19) + loops[1];
                    acc = acc * 17 + regs[7];
                    trace = trace.length() > 40 ? "19" : trace + "19.";
                    break;
                case 20:
                    regs[4] ^= mix(acc, 20) + loops[2];
                    acc = acc * 17 + regs[4];
                    trace = trace.length() > 40 ? "20" : trace + "20.";
                    break;
                case 21:
                    regs[5] ^= mix(acc, 21) + loops[0];
                    acc = acc * 17 + regs[1];
                    trace = trace.length() > 40 ? "21" : trace + "21.";
                    break;
                case 22:
                    regs[6] ^= mix(acc, 22) + loops[1];
                    acc = acc * 17 + regs[6];
                    trace = trace.length() > 40 ? "22" : trace + "22.";
                    break;
                case 23:
                    regs[7] ^= mix(acc, 23) + loops[2];
                    acc = acc * 17 + regs[3];
                    trace = trace.length() > 40 ? "23" : trace + "23.";
                    break;
                case 24:
                    regs[0] ^= mix(acc, 24) + loops[0];
                    acc = acc * 17 + regs[0];
                    trace = trace.length() > 40 ? "24" : trace + "24.";
                    break;
                case 25:
                    regs[1] ^= mix(acc, 25) + loops[1];
                    acc = acc * 17 + regs[5];
                    trace = trace.length() > 40 ? "25" : trace + "25.";
                    break;
                case 26:
                    regs[2] ^= mix(acc, 26) + loops[2];
                    acc = acc * 17 + regs[2];
                    trace = trace.length() > 40 ? "26" : trace + "26.";
                    break;
                case 27:
                    regs[3] ^= mix(acc, 27) + loops[0];
                    acc = acc * 17 + regs[7];
                    trace = trace.length() > 40 ? "27" : trace + "27.";
                    break;
                case 28:
                    regs[4] ^= mix(acc, 28) + loops[1];
                    acc = acc * 17 + regs[4];
                    trace = trace.length() > 40 ? "28" : trace + "28.";
                    break;
                case 29:
                    regs[5] ^= mix(acc, 29) + loops[2];
                    acc = acc * 17 + regs[1];
                    trace = trace.length() > 40 ? "29" : trace + "29.";
                    break;
                case 30:
                    regs[6] ^= mix(acc, 30) + loops[0];
                    acc = acc * 17 + regs[6];
                    trace = trace.length() > 40 ? "30" : trace + "30.";
                    break;
                case 31:
                    regs[7] ^= mix(acc, 31) + loops[1];
                    acc = acc * 17 + regs[3];
                    trace = trace.length() > 40 ? "31" : trace + "31.";
                    break;
                case 32:
                    regs[0] ^= mix(acc, 32) + loops[2];
                    acc = acc * 17 + regs[0];
                    trace = trace.length() > 40 ? "32" : trace + "32.";
                    break;
                case 33:
                    regs[1] ^= mix(acc, 33) + loops[0];
                    acc = acc * 17 + regs[5];
                    trace = trace.length() > 40 ? "33" : trace + "33.";
                    break;
                case 34:
                    regs[2] ^= mix(acc, 34) + loops[1];
                    acc = acc * 17 + regs[2];
                    trace = trace.length() > 40 ? "34" : trace + "34.";
                    break;
                case 35:
                    regs[3] ^= mix(acc, 35) + loops[2];
                    acc = acc * 17 + regs[7];
                    trace = trace.length() > 40 ? "35" : trace + "35.";
                    break;
                case 36:
                    regs[4] ^= mix(acc, 36) + loops[0];
                    acc = acc * 17 + regs[4];
                    trace = trace.length() > 40 ? "36" : trace + "36.";
                    break;
                case 37:
                    regs[5] ^= mix(acc, 37) + loops[1];
                    acc = acc * 17 + regs[1];
                    trace = trace.length() > 40 ? "37" : trace + "37.";
                    break;
                case 38:
                    regs[6] ^= mix(acc, 38) + loops[2];
                    acc = acc * 17 + regs[6];
                    trace = trace.length() > 40 ? "38" : trace + "38.";
                    break;
                case 39:
                    regs[7] ^= mix(acc, 39) + loops[0];
                    acc = acc * 17 + regs[3];
                    trace = trace.length() > 40 ? "39" : trace + "39.";
                    break;
                case 40:
                    regs[0] ^= mix(acc, 40) + loops[1];
                    acc = acc * 17 + regs[0];
                    trace = trace.length() > 40 ? "40" : trace + "40.";
                    break;
                case 41:
                    regs[1] ^= mix(acc, 41) + loops[2];
                    acc = acc * 17 + regs[5];
                    trace = trace.length() > 40 ? "41" : trace + "41.";
                    break;
                case 42:
                    regs[2] ^= mix(acc, 42) + loops[0];
                    acc = acc * 17 + regs[2];
                    trace = trace.length() > 40 ? "42" : trace + "42.";
                    break;
                case 43:
                    regs[3] ^= mix(acc, 43) + loops[1];
                    acc = acc * 17 + regs[7];
                    trace = trace.length() > 40 ? "43" : trace + "43.";
                    break;
                case 44:
                    regs[4] ^= mix(acc, 44) + loops[2];
                    acc = acc * 17 + regs[4];
                    trace = trace.length() > 40 ? "44" : trace + "44.";
                    break;
                case 45:
                    regs[5] ^= mix(acc, 45) + loops[0];
                    acc = acc * 17 + regs[1];
                    trace = trace.length() > 40 ? "45" : trace + "45.";
                    break;
                case 46:
                    regs[6] ^= mix(acc, 46) + loops[1];
                    acc = acc * 17 + regs[6];
                    trace = trace.length() > 40 ? "46" : trace + "46.";
                    break;
                case 47:
                    regs[7] ^= mix(acc, 47) + loops[2];
                    acc = acc * 17 + regs[3];
                    trace = trace.length() > 40 ? "47" : trace + "47.";
                    break;
                case 48:
                    regs[0] ^= mix(acc, 48) + loops[0];
                    acc = acc * 17 + regs[0];
                    trace = trace.length() > 40 ? "48" : trace + "48.";
                    break;
                case 49:
                    regs[1] ^= mix(acc, 49) + loops[1];
                    acc = acc * 17 + regs[5];
                    trace = trace.length() > 40 ? "49" : trace + "49.";
                    break;
                case 50:
                    regs[2] ^= mix(acc, 50) + loops[2];
                    acc = acc * 17 + regs[2];
                    trace = trace.length() > 40 ? "50" : trace + "50.";
                    break;
                case 51:
                    regs[3] ^= mix(acc, 51) + loops[0];
                    acc = acc * 17 + regs[7];
                    trace = trace.length() > 40 ? "51" : trace + "51.";
                    break;
                case 52:
                    regs[4] ^= mix(acc, 52) + loops[1];
                    acc = acc * 17 + regs[4];
                    trace = trace.length() > 40 ? "52" : trace + "52.";
                    break;
                case 53:
                    regs[5] ^= mix(acc, 53) + loops[2];
                    acc = acc * 17 + regs[1];
                    trace = trace.length() > 40 ? "53" : trace + "53.";
                    break;
                case 54:
                    regs[6] ^= mix(acc, 54) + loops[0];
                    acc = acc * 17 + regs[6];
                    trace = trace.length() > 40 ? "54" : trace + "54.";
                    break;
                case 55:
                    regs[7] ^= mix(acc, 55) + loops[1];
                    acc = acc * 17 + regs[3];
                    trace = trace.length() > 40 ? "55" : trace + "55.";
                    break;
                case 56:
                    regs[0] ^= mix(acc, 56) + loops[2];
                    acc = acc * 17 + regs[0];
                    trace = trace.length() > 40 ? "56" : trace + "56.";
                    break;
                case 57:
                    regs[1] ^= mix(acc, 57) + loops[0];
                    acc = acc * 17 + regs[5];
                    trace = trace.length() > 40 ? "57" : trace + "57.";
                    break;
                case 58:
                    regs[2] ^= mix(acc, 58) + loops[1];
                    acc = acc * 17 + regs[2];
                    trace = trace.length() > 40 ? "58" : trace + "58.";
                    break;
                case 59:
                    regs[3] ^= mix(acc, 59) + loops[2];
                    acc = acc * 17 + regs[7];
                    trace = trace.length() > 40 ? "59" : trace + "59.";
                    break;
                case 60:
                    regs[4] ^= mix(acc, 60) + loops[0];
                    acc = acc * 17 + regs[4];
                    trace = trace.length() > 40 ? "60" : trace + "60.";
                    break;
                case 61:
                    regs[5] ^= mix(acc, 61) + loops[1];
                    acc = acc * 17 + regs[1];
                    trace = trace.length() > 40 ? "61" : trace + "61.";
                    break;
                case 62:
                    regs[6] ^= mix(acc, 62) + loops[2];
                    acc = acc * 17 + regs[6];
                    trace = trace.length() > 40 ? "62" : trace + "62.";
                    break;
                case 63:
                    regs[7] ^= mix(acc, 63) + loops[0];
                    acc = acc * 17 + regs[3];
                    trace = trace.length() > 40 ? "63" : trace + "63.";
                    break;
                case 64:
                    regs[0] ^= mix(acc, 64) + loops[1];
                    acc = acc * 17 + regs[0];
                    trace = trace.length() > 40 ? "64" : trace + "64.";
                    break;
                case 65:
                    regs[1] ^= mix(acc, 65) + loops[2];
                    acc = acc * 17 + regs[5];
                    trace = trace.length() > 40 ? "65" : trace + "65.";
                    break;
                case 66:
                    regs[2] ^= mix(acc, 66) + loops[0];
                    acc = acc * 17 + regs[2];
                    trace = trace.length() > 40 ? "66" : trace + "66.";
                    break;
                case 67:
                    regs[3] ^= mix(acc, 67) + loops[1];
                    acc = acc * 17 + regs[7];
                    trace = trace.length() > 40 ? "67" : trace + "67.";
                    break;
                case 68:
                    regs[4] ^= mix(acc, 68) + loops[2];
                    acc = acc * 17 + regs[4];
                    trace = trace.length() > 40 ? "68" : trace + "68.";
                    break;
                case 69:
                    regs[5] ^= mix(acc, 69) + loops[0];
                    acc = acc * 17 + regs[1];
                    trace = trace.length() > 40 ? "69" : trace + "69.";
                    break;
                case 70:
                    regs[6] ^= mix(acc, 70) + loops[1];
                    acc = acc * 17 + regs[6];
                    trace = trace.length() > 40 ? "70" : trace + "70.";
                    break;
                case 71:
                    regs[7] ^= mix(acc, 71) + loops[2];
                    acc = acc * 17 + regs[3];
                    trace = trace.length() > 40 ? "71" : trace + "71.";
                    break;
                case 72:
                    regs[0] ^= mix(acc, 72) + loops[0];
                    acc = acc * 17 + regs[0];
                    trace = trace.length() > 40 ? "72" : trace + "72.";
                    break;
                case 73:
                    regs[1] ^= mix(acc, 73) + loops[1];
                    acc = acc * 17 + regs[5];
                    trace = trace.length() > 40 ? "73" : trace + "73.";
                    break;
                case 74:
                    regs[2] ^= mix(acc, 74) + loops[2];
                    acc = acc * 17 + regs[2];
                    trace = trace.length() > 40 ? "74" : trace + "74.";
                    break;
                case 75:
                    regs[3] ^= mix(acc, 75) + loops[0];
                    acc = acc * 17 + regs[7];
                    trace = trace.length() > 40 ? "75" : trace + "75.";
                    break;
                default:
                    throw new IllegalStateException("bad opcode " + op + " at " + (pc - 1));
            }
        }
    }

    /**
     * A helper that calls into the JDK beyond arithmetic (a bounds check), as a real interpreter's
     * helpers do: a helper of the class's own without any call but to Math, Long and the like (a
     * leaf) would cost its callers no call site.
     */
    static long mix(long acc, int k) {
        long x = acc * 6364136223846793005L + java.util.Objects.checkIndex(k, Integer.MAX_VALUE);
        return x ^ Long.rotateRight(x, 29);
    }
}
