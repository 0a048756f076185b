package e2e.methods;

import dev.stasis.Stasis;

/**
 * The checkpoint below a mix of static, instance and private instance methods, with the
 * receiver's fields changing on both sides of it.
 */
public final class StaticAndInstance {

    private final String name;
    private int calls;

    private StaticAndInstance(String name) {
        this.name = name;
    }

    public static void main(String[] args) {
        StaticAndInstance alpha = new StaticAndInstance("alpha");
        int result = alpha.instanceLevel(3);
        System.out.println("result " + result + " calls " + alpha.calls);
        System.out.println("again " + alpha.instanceLevelWithoutCheckpoint(4) + " calls " + alpha.calls);
    }

    int instanceLevel(int n) {
        calls++;
        return staticLevel(this, n) * 2;
    }

    static int staticLevel(StaticAndInstance self, int n) {
        int before = self.calls;
        int r = self.privateLevel(n + 1) + 1;
        System.out.println("static level: calls went from " + before + " to " + self.calls);
        return r;
    }

    private int privateLevel(int n) {
        calls++;
        System.out.println(name + " before checkpoint, n=" + n + " calls=" + calls);
        Stasis.checkpoint();
        calls++;
        System.out.println(name + " after checkpoint, n=" + n + " calls=" + calls);
        return n * calls;
    }

    int instanceLevelWithoutCheckpoint(int n) {
        calls += n;
        return calls * 10;
    }
}
