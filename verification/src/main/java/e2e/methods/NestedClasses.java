package e2e.methods;

import dev.stasis.Stasis;

/**
 * The checkpoint inside a local class's method, called from an anonymous class, called from an
 * inner class, all reading and writing the enclosing instance and captured locals.
 */
public final class NestedClasses {

    private int outerCounter = 10;

    public static void main(String[] args) {
        NestedClasses outer = new NestedClasses();
        NestedClasses.Inner inner = outer.new Inner(3);
        int result = inner.step(7);
        System.out.println("result " + result + " outerCounter " + outer.outerCounter);
        System.out.println("static nested " + new Counter().next() + " " + new Counter().next());
    }

    /** An inner (non-static) class. */
    final class Inner {
        private final int factor;

        Inner(int factor) {
            this.factor = factor;
        }

        int step(int x) {
            outerCounter++;
            int r = viaAnonymous(x * factor);
            return r + outerCounter;
        }
    }

    interface Step {
        int apply(int v);
    }

    int viaAnonymous(int x) {
        int captured = 5;
        Step s = new Step() {
            private int used;

            @Override
            public int apply(int v) {
                used++;
                int r = viaLocal(v) + captured + outerCounter;
                System.out.println("anonymous used=" + used + " captured=" + captured);
                return r;
            }
        };
        return s.apply(x);
    }

    int viaLocal(int v) {
        String label = "local";
        class Local {
            final int base;

            Local(int base) {
                this.base = base;
            }

            int run() {
                outerCounter += 100;
                System.out.println(label + " before checkpoint base=" + base + " outer=" + outerCounter);
                Stasis.checkpoint();
                outerCounter += 1000;
                System.out.println(label + " after checkpoint base=" + base + " outer=" + outerCounter);
                return base * 2;
            }
        }
        return new Local(v).run();
    }

    /** A static nested class used after the restore. */
    static final class Counter {
        private static int created;

        int next() {
            return ++created;
        }
    }
}
