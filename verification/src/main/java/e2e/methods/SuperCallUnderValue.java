package e2e.methods;

import dev.stasis.Stasis;

/**
 * The checkpoint inside methods reached by {@code super.m()} and {@code Iface.super.m()} calls made
 * as {@code r = field = super.m()}, which javac compiles to {@code aload_0; aload_0; invokespecial}:
 * the receiver is not the only value on the operand stack (the same shape as Guava's
 * {@code NaturalOrdering.nullsFirst()}). The rewriter parks both values in locals, and its restore
 * block must give the parked receiver the type of the calling class, not of the method's owner
 * (JVMS 4.10.1.9 invokespecial), or the class fails verification as soon as it loads. The
 * checkpoint is under the {@code super.m()} call; the {@code Iface.super.m()} call site, whose
 * restore block is built the same way, is checked by the verifier when {@code Mixed} loads.
 */
public final class SuperCallUnderValue {

    public static void main(String[] args) {
        Cached c = new Cached();
        System.out.println("first: " + c.value());
        System.out.println("again: " + c.value());
        Mixed m = new Mixed();
        System.out.println("mixed: " + m.label() + " " + m.label());
    }

    static class Base {
        int computed;

        String value() {
            computed++;
            String before = "computed " + computed;
            System.out.println("base before checkpoint: " + before);
            Stasis.checkpoint();
            return before + ", after checkpoint";
        }
    }

    static final class Cached extends Base {
        private String cache;

        @Override
        String value() {
            String r = cache;
            if (r == null) {
                r = cache = super.value();
            }
            return r + " (cached=" + (cache != null) + ")";
        }
    }

    interface Labelled {
        default String label() {
            return "label of " + getClass().getSimpleName();
        }
    }

    static final class Mixed implements Labelled {
        private String label;
        private int calls;

        @Override
        public String label() {
            calls++;
            String r = label;
            if (r == null) {
                r = label = Labelled.super.label();
            }
            return r + "#" + calls;
        }
    }
}
