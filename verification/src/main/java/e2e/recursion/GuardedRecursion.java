package e2e.recursion;

import dev.stasis.Stasis;

/**
 * The checkpoint deep in recursions whose methods begin with a guard that reads only their
 * parameters ({@code if (n < 2) return n;}), where the agent puts the entry test after the guard.
 * A resume runs each guard again, so every frame must be re-invoked with its original arguments,
 * or the guard would return at once: through a static call ("static"), a virtual call with a
 * reference and a long ("virtual"), a method reference that widens int to long ("widened"), one
 * that unboxes an Integer ("boxed"), a lambda with captured values ("captured"), and in all of
 * them {@code main}, the restored thread's base frame, whose own guard reads {@code args}.
 */
public final class GuardedRecursion {

    /** Declares an int, implemented by a method taking a long. */
    @FunctionalInterface
    interface Step {
        long apply(int n);
    }

    /** Declares an Integer, implemented by a method taking an int. */
    @FunctionalInterface
    interface BoxedStep {
        long apply(Integer n);
    }

    /** A binary tree, for the virtual recursion. */
    static final class Node {
        final Node left;
        final Node right;

        Node(int depth) {
            left = depth > 0 ? new Node(depth - 1) : null;
            right = depth > 1 ? new Node(depth - 2) : null;
        }
    }

    static final Step WIDENED = GuardedRecursion::widened;
    static final BoxedStep BOXED = GuardedRecursion::boxed;
    static Step captured;

    private static int calls;
    private final String name;

    private GuardedRecursion(String name) {
        this.name = name;
    }

    public static void main(String[] args) {
        if (args == null) {
            return;
        }
        switch (args[0]) {
            case "static":
                System.out.println("fib " + fib(16));
                break;
            case "virtual":
                System.out.println("depths " + new GuardedRecursion("tree").depths(new Node(12), 0L));
                break;
            case "widened":
                System.out.println("widened " + WIDENED.apply(16));
                break;
            case "boxed":
                System.out.println("boxed " + BOXED.apply(16));
                break;
            case "captured": {
                int limit = 2;
                String label = "captured";
                captured = n -> {
                    if (n < limit) {
                        return n;
                    }
                    tick(label);
                    return captured.apply(n - 1) + captured.apply(n - 2);
                };
                System.out.println("captured " + captured.apply(16));
                break;
            }
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.out.println("calls " + calls);
    }

    /** Counts calls that pass a guard, and checkpoints at the 300th, with about 15 frames below. */
    static void tick(String where) {
        if (++calls == 300) {
            System.out.println(where + ": checkpoint at call " + calls);
            Stasis.checkpoint();
            System.out.println(where + ": after the checkpoint");
        }
    }

    static long fib(int n) {
        if (n < 2) {
            return n;
        }
        tick("static");
        return fib(n - 1) + fib(n - 2);
    }

    long depths(Node node, long depth) {
        if (node == null) {
            return depth;
        }
        tick(name);
        return depths(node.left, depth + 1) + depths(node.right, depth + 1);
    }

    static long widened(long n) {
        if (n < 2) {
            return n;
        }
        tick("widened");
        return WIDENED.apply((int) n - 1) + WIDENED.apply((int) n - 2);
    }

    static long boxed(int n) {
        if (n < 2) {
            return n;
        }
        tick("boxed");
        return BOXED.apply(n - 1) + BOXED.apply(n - 2);
    }
}
