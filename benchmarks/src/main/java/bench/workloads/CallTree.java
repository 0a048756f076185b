package bench.workloads;

/**
 * An expression tree evaluated through virtual calls: four node classes behind one abstract
 * method, so call sites are megamorphic and the recursion is as deep as the tree.
 */
public final class CallTree {

    /** A node of the tree. */
    public abstract static class Node {
        public abstract long eval(long x);
    }

    static final class Const extends Node {
        private final long value;

        Const(long value) {
            this.value = value;
        }

        @Override
        public long eval(long x) {
            return value;
        }
    }

    static final class Var extends Node {
        @Override
        public long eval(long x) {
            return x;
        }
    }

    static final class Add extends Node {
        private final Node left;
        private final Node right;

        Add(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public long eval(long x) {
            return left.eval(x) + right.eval(x);
        }
    }

    static final class Mix extends Node {
        private final Node left;
        private final Node right;

        Mix(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public long eval(long x) {
            long l = left.eval(x);
            return (l ^ (l >>> 7)) * 31 + right.eval(x + 1);
        }
    }

    private CallTree() {
    }

    /** A full binary tree of the given depth, inner nodes alternating Add and Mix. */
    public static Node build(int depth, long seed) {
        if (depth == 0) {
            return (seed & 1) == 0 ? new Const(seed % 1000) : new Var();
        }
        Node left = build(depth - 1, seed * 3 + 1);
        Node right = build(depth - 1, seed * 5 + 2);
        return (depth & 1) == 0 ? new Add(left, right) : new Mix(left, right);
    }
}
