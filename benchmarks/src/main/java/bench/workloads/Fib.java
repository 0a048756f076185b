package bench.workloads;

/** Doubly recursive Fibonacci: nothing but calls, the case where inlining decides everything. */
public final class Fib {

    private Fib() {
    }

    public static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
