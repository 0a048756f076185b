package e2e.heap;

import dev.stasis.Stasis;

/**
 * Static initializers run once per program, not once per JVM: the main class's, a nested class's
 * and an enum's initializers ran before the checkpoint and must not run (and print) again after
 * the restore, while a class first used after the restore initializes then, seeing restored
 * statics.
 */
public final class StaticInitializers {

    static int mainValue;

    static {
        mainValue = 1;
        System.out.println("StaticInitializers initialized");
    }

    static final class Eager {
        static int value;

        static {
            value = 41;
            System.out.println("Eager initialized");
        }
    }

    enum Mode {
        ON, OFF;

        static {
            System.out.println("Mode initialized");
        }
    }

    static final class Lazy {
        static final int VALUE;

        static {
            VALUE = Eager.value * 10;
            System.out.println("Lazy initialized, sees Eager.value=" + Eager.value);
        }
    }

    public static void main(String[] args) {
        System.out.println("main starts, mainValue=" + mainValue);
        mainValue++;
        Eager.value++;
        Mode mode = Mode.OFF;
        System.out.println("before checkpoint: Eager.value=" + Eager.value + " mode=" + mode);
        Stasis.checkpoint();
        System.out.println("after checkpoint: Eager.value=" + Eager.value + " mainValue=" + mainValue + " mode="
                + mode + " same constant=" + (mode == Mode.OFF));
        System.out.println("Lazy.VALUE=" + Lazy.VALUE);
        System.out.println("Mode values " + Mode.values().length);
    }
}
