package e2e.methods;

import dev.stasis.Stasis;
import java.util.ArrayList;
import java.util.List;

/**
 * Methods whose rewriting takes them past HotSpot's inlining limit (325 bytes) and back under it
 * once the code only a resume runs moves to a restore-only copy: static, instance, synchronized,
 * an interface's default and private methods, a thread's {@code run()}, and each return type. The
 * checkpoint call stands under four of them (an instance method, a synchronized one, two static
 * ones) in the second round, and the rest of those calls runs in their copies; with the argument
 * {@code again}, a second checkpoint follows while the instance method still runs in its copy,
 * under the interface's methods. Checkpoints at safe points (the test's {@code at=N}) stand under
 * the others. The run ends by throwing through a recursion into a catch, with the name of the
 * calling method read from a stack trace: a copy has the method's name.
 */
public final class RestoreCopies {

    interface Shape {
        double scale();

        default double measure(int rounds, List<String> log) {
            double total = 0;
            for (int i = 0; i < rounds; i++) {
                total += weigh(i, log) * scale();
                log.add("measure " + i);
            }
            return total;
        }

        private double weigh(int i, List<String> log) {
            String tag = "w" + i;
            log.add(tag);
            log.add(tag.toUpperCase());
            return tag.length() + sideOf(i, log);
        }
    }

    private static int charCalls;
    private static boolean again;

    private final String name;
    private long count;

    private RestoreCopies(String name) {
        this.name = name;
    }

    public static void main(String[] args) throws InterruptedException {
        again = args.length > 0 && args[0].equals("again");
        List<String> log = new ArrayList<>();
        RestoreCopies r = new RestoreCopies("copies");
        long total = 0;
        for (int round = 0; round < 3; round++) {
            total += r.instanceLong(round, log);
            System.out.println("round " + round + " total " + total + " count " + r.count + " log " + log.size());
        }
        Thread worker = new Thread(new Worker(log));
        worker.start();
        worker.join();
        try {
            r.throwing(4, log);
        } catch (IllegalStateException e) {
            System.out.println("caught " + e.getMessage() + " log " + log.size());
        }
        System.out.println("end " + log);
    }

    long instanceLong(int round, List<String> log) {
        count++;
        String label = name + round;
        Object o = synchronizedObject(label, log);
        double d = ((Shape) () -> 1.5).measure(2, log);
        log.add(label + " " + o + " " + d);
        return label.length() + staticInt(round, log) + (long) d;
    }

    synchronized Object synchronizedObject(String label, List<String> log) {
        count += 2;
        StringBuilder b = new StringBuilder(label);
        b.append(':').append(staticInt(label.length(), log));
        log.add(b.toString());
        return b.append('.').toString();
    }

    static int staticInt(int x, List<String> log) {
        String s = "s" + x;
        log.add(s);
        log.add(s.toUpperCase());
        boolean b = staticBoolean(x, log);
        char c = staticChar(s, log);
        return s.length() + (b ? 1 : 0) + c;
    }

    static boolean staticBoolean(int x, List<String> log) {
        float f = staticFloat(x, log);
        log.add("b" + f);
        log.add(Float.toString(f * 2));
        log.add(String.valueOf(x).repeat(2));
        return f > 1.0f && String.valueOf(f).length() > 2;
    }

    static char staticChar(String s, List<String> log) {
        log.add("c" + s);
        log.add(s.toUpperCase());
        log.add(s.repeat(2));
        if (++charCalls == 3) {
            Stasis.checkpoint();
        }
        log.add("after " + s);
        return s.charAt(s.length() - 1);
    }

    static float staticFloat(int x, List<String> log) {
        log.add("f" + x);
        log.add(Integer.toHexString(x + 250));
        log.add(String.valueOf(x).repeat(3));
        String s = String.valueOf(x * 0.5f);
        log.add(s);
        return Float.parseFloat(s) + s.length();
    }

    static double sideOf(int i, List<String> log) {
        log.add("side" + i);
        log.add(Integer.toBinaryString(i + 5));
        log.add(String.valueOf(i).repeat(2));
        if (again && charCalls == 3) {
            again = false;
            Stasis.checkpoint();
        }
        String s = "x".repeat(i + 1);
        log.add(s);
        return s.length() * 0.25;
    }

    void throwing(int n, List<String> log) {
        log.add("throwing " + n);
        if (n == 0) {
            StackTraceElement[] here = new Throwable().getStackTrace();
            throw new IllegalStateException("thrown at depth " + n + " under " + here[1].getMethodName());
        }
        String s = String.valueOf(n);
        throwing(n - 1, log);
        log.add("not reached " + s);
    }

    /** A thread whose base frame, run(), is resumed in its copy. */
    static final class Worker implements Runnable {
        private final List<String> log;

        Worker(List<String> log) {
            this.log = log;
        }

        @Override
        public void run() {
            for (int i = 0; i < 2; i++) {
                String s = "worker " + i;
                log.add(s);
                log.add(s + " " + staticFloat(i, log));
            }
            System.out.println("worker done " + log.size());
        }
    }
}
