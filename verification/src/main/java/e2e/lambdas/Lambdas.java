package e2e.lambdas;

import dev.stasis.Stasis;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * The checkpoint inside lambda bodies and methods called through method references, with the
 * JVM's generated lambda class between the frames: a Function ("function"), a Runnable
 * ("runnable"), a custom functional interface with primitive parameters ("custom"), a static
 * method reference ("methodRef"), a bound instance method reference ("boundRef"), an unbound one
 * whose lambda calls the method on its argument ("unboundRef": {@code Lambdas::report} as a
 * Function, and "executorRef": {@code Runnable::run} as an Executor); lambdas
 * kept in a local and a field across the checkpoint and called again after it ("kept"); and
 * lambdas on cycles, reached before the objects that lead back to them ("cycles": a lambda that
 * calls itself through the array it captured, an object holding a reference to its own method).
 * A constructor reached through a constructor reference ("constructorRef") cannot be resumed:
 * its checkpoint is declined and the program goes on.
 */
public final class Lambdas {

    /** A functional interface of the application's own, with primitive parameters. */
    @FunctionalInterface
    interface Mixer {
        long mix(int a, long b, double c);
    }

    static IntUnaryOperator doubler;

    private int ticks;
    private final String name;
    /** A method reference to this object's own method: a cycle through the lambda ("cycles"). */
    private Supplier<String> next;

    private Lambdas(String name) {
        this.name = name;
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "function": {
                int offset = 100;
                Function<Integer, String> f = x -> {
                    System.out.println("in lambda, x=" + x + " offset=" + offset);
                    Stasis.checkpoint();
                    System.out.println("in lambda after checkpoint, x=" + x + " offset=" + offset);
                    return "f(" + x + ")=" + (x * 3 + offset);
                };
                System.out.println(f.apply(14));
                break;
            }
            case "runnable": {
                Lambdas owner = new Lambdas("owner");
                Runnable r = () -> owner.tick("runnable");
                r.run();
                System.out.println("ticks " + owner.ticks);
                break;
            }
            case "custom": {
                String label = "mixer";
                Mixer m = (a, b, c) -> {
                    System.out.println(label + " in lambda: " + a + " " + b + " " + Double.toHexString(c));
                    Stasis.checkpoint();
                    System.out.println(label + " after checkpoint: " + a + " " + b + " " + Double.toHexString(c));
                    return a + b + (long) c;
                };
                System.out.println("mixed " + m.mix(2, 40_000_000_000L, 6.5));
                break;
            }
            case "methodRef": {
                Function<String, Integer> measure = Lambdas::measure;
                System.out.println("measured " + measure.apply("method reference"));
                break;
            }
            case "boundRef": {
                Lambdas owner = new Lambdas("bound");
                Supplier<String> s = owner::report;
                System.out.println("supplied " + s.get() + " ticks " + owner.ticks);
                break;
            }
            case "kept": {
                int base = 10;
                IntUnaryOperator addBase = v -> v + base;
                doubler = v -> v * 2;
                Lambdas owner = new Lambdas("kept");
                Supplier<String> bound = owner::report;
                System.out.println("before: " + addBase.applyAsInt(1) + " " + doubler.applyAsInt(2) + " "
                        + owner.name);
                Stasis.checkpoint();
                System.out.println("after: " + addBase.applyAsInt(1) + " " + doubler.applyAsInt(2) + " "
                        + bound.get() + " " + owner.ticks);
                IntUnaryOperator composed = addBase.andThen(doubler);
                System.out.println("composed after restore: " + composed.applyAsInt(5));
                break;
            }
            case "cycles": {
                IntUnaryOperator[] self = new IntUnaryOperator[1];
                self[0] = n -> {
                    if (n == 3) {
                        System.out.println("recursive lambda before checkpoint, n=" + n);
                        Stasis.checkpoint();
                        System.out.println("recursive lambda after checkpoint, same lambda: " + (self[0] != null));
                    }
                    return n == 0 ? 0 : n + self[0].applyAsInt(n - 1);
                };
                Lambdas owner = new Lambdas("cyclic");
                owner.next = owner::report;
                Supplier<String> next = owner.next;
                owner = null;
                System.out.println("sum " + self[0].applyAsInt(6));
                System.out.println("next is the owner's own: " + next.get() + " " + next.get());
                break;
            }
            case "unboundRef": {
                // the lambda's class calls report() on the function's argument: re-issued while
                // resuming, the call must pass that argument again
                Function<Lambdas, String> report = Lambdas::report;
                System.out.println("reported " + report.apply(new Lambdas("unbound")));
                break;
            }
            case "executorRef": {
                Lambdas owner = new Lambdas("executed");
                Executor direct = Runnable::run;
                direct.execute(() -> owner.tick("executor"));
                System.out.println("ticks " + owner.ticks);
                break;
            }
            case "constructorRef": {
                // a constructor entered through Built::new cannot be resumed: the checkpoint there is
                // declined, and the program goes on as without the agent
                Supplier<Built> make = Built::new;
                System.out.println("built " + make.get().label);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown case " + args[0]);
        }
    }

    /** An object whose constructor asks for a checkpoint ("constructorRef"). */
    static final class Built {
        final String label;

        Built() {
            System.out.println("constructing, checkpoint: " + Stasis.checkpoint());
            label = "after the constructor's checkpoint point";
        }
    }

    void tick(String from) {
        ticks++;
        System.out.println(name + " tick from " + from + " before checkpoint, ticks=" + ticks);
        Stasis.checkpoint();
        ticks++;
        System.out.println(name + " tick after checkpoint, ticks=" + ticks);
    }

    static int measure(String s) {
        int length = s.length();
        System.out.println("measuring '" + s + "' before checkpoint");
        Stasis.checkpoint();
        System.out.println("measuring '" + s + "' after checkpoint");
        return length;
    }

    String report() {
        ticks++;
        if ("cyclic".equals(name)) {
            return name + "#" + ticks + " " + (next != null ? "holds its method reference" : "lost it");
        }
        if (!"kept".equals(name)) {
            System.out.println(name + " report before checkpoint");
            Stasis.checkpoint();
            System.out.println(name + " report after checkpoint");
        }
        return name + "#" + ticks;
    }
}
